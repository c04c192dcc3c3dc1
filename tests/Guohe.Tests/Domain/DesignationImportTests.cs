using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

/// <summary>
/// A unit the associations recognised before Guohe existed is imported by the office as a pilot (Art. 11(6)) or a base
/// (Art. 13(3)): the import starts of the designation table, their checks and the obligations then owed.
/// </summary>
public sealed class DesignationImportTests
{
    private static readonly DateTime Now = World.Utc(2026, 11, 24);

    private static Organisation Unit(Actor? actor = null) => Organisation.Import(actor ?? People.Office, Now, Uscc.Parse("91350100M000100Y43"),
        "福州国际创新孵化器有限公司", "张联络", "liaison@fzinc.cn", "13800000001", World.CompleteProfile(), "试点名单.xlsx，第2行", Article.Art11_6);

    [Fact]
    public void Import_starts_are_in_the_table_with_the_office_role_and_the_article_of_the_recognition()
    {
        var starts = DesignationLifecycle.Table.Starts.ToDictionary(s => s.Trigger);

        Assert.Equal(["GrantPilot", "ImportPilot", "ImportBase"], DesignationLifecycle.Table.Starts.Select(s => s.Trigger));
        Assert.Equal((DesignationStatus.Pilot, Role.Office, Article.Art11_6), (starts["ImportPilot"].To, starts["ImportPilot"].Role, starts["ImportPilot"].Article));
        Assert.Equal((DesignationStatus.Base, Role.Office, Article.Art13_3), (starts["ImportBase"].To, starts["ImportBase"].Role, starts["ImportBase"].Article));
        Assert.All(DesignationLifecycle.Table.Starts, s => Assert.False(string.IsNullOrEmpty(s.TriggerZh)));
    }

    [Fact]
    public void Imported_pilot_has_its_recognition_date_and_term_and_one_record_naming_the_actor_and_the_source()
    {
        var organisation = Unit();
        var recognised = new DateOnly(2025, 6, 1);

        var designation = Designation.Import(People.Office, Now, organisation, recognised, null, "试点名单.xlsx，第2行", false, DesignationRules.Default);

        Assert.Equal((DesignationStatus.Pilot, recognised, new DateOnly(2027, 6, 1), (DateOnly?)null), (designation.Status, designation.RecognitionDate, designation.TermEndsOn, designation.BaseGrantedOn));
        Assert.Equal((organisation.Id, organisation.Uscc, organisation.Name), (designation.OrganisationId, designation.Uscc, designation.OrganisationName));
        Assert.Equal(((Guid?)null, (Guid?)null, true), (designation.ApplicationId, designation.GrantDecisionId, designation.IsImported));
        Assert.Equal(new DateOnly(2026, 11, 24), designation.ObligationsFrom);
        var record = Assert.Single(designation.PendingHistory);
        Assert.Equal(("", "Pilot", "ImportPilot", People.Office.UserId, People.Office.Name, Role.Office, Article.Art11_6, "试点名单.xlsx，第2行"),
            (record.From, record.To, record.Trigger, record.ActorUserId, record.ActorName, record.Role, record.Article, record.Opinion));
        var organisationRecord = Assert.Single(organisation.PendingHistory);
        Assert.Equal(("Import", People.Office.Name, Article.Art11_6), (organisationRecord.Trigger, organisationRecord.ActorName, organisationRecord.Article));
        Assert.Contains("试点名单.xlsx，第2行", organisationRecord.Opinion, StringComparison.Ordinal);
        Assert.Equal("福建省", organisation.Profile.Province);
    }

    [Fact]
    public void Imported_base_starts_as_a_base_under_article_13_3()
    {
        var designation = Designation.Import(People.Office, Now, Unit(), new DateOnly(2021, 3, 1), new DateOnly(2023, 9, 15), "基地名单.xlsx，第3行", false, DesignationRules.Default);

        Assert.Equal((DesignationStatus.Base, (DateOnly?)new DateOnly(2023, 9, 15)), (designation.Status, designation.BaseGrantedOn));
        var record = Assert.Single(designation.PendingHistory);
        Assert.Equal(("Base", "ImportBase", Article.Art13_3), (record.To, record.Trigger, record.Article));
    }

    [Theory]
    [InlineData(Role.Applicant)]
    [InlineData(Role.Association)]
    [InlineData(Role.Expert)]
    [InlineData(Role.Admin)]
    public void Only_the_office_imports(Role role)
    {
        var organisation = Unit();

        var refused = Assert.Throws<DomainException>(() => Designation.Import(People.For(role), Now, organisation, new DateOnly(2025, 6, 1), null, "x.xlsx，第2行", false, DesignationRules.Default));
        Assert.Throws<DomainException>(() => Unit(People.For(role)));

        Assert.Equal("designation.role", refused.Problem.Code);
    }

    [Fact]
    public void Import_checks_dates_and_the_open_designation_and_the_verb_refuses_the_same()
    {
        var today = ChinaTime.DateOf(Now);

        var problems = Designation.CheckImport(today, today.AddDays(1), today.AddDays(-1), organisationHasOpenDesignation: true);
        var futureBase = Designation.CheckImport(today, today.AddYears(-1), today.AddDays(3), false);

        Assert.Equal(["import.recognition-future", "import.base-before-recognition", "import.open-designation"], problems.Select(p => p.Code));
        Assert.Equal(["import.base-future"], futureBase.Select(p => p.Code));
        Assert.Empty(Designation.CheckImport(today, today, today, false));
        var refused = Assert.Throws<DomainException>(() => Designation.Import(People.Office, Now, Unit(), today.AddYears(-1), null, "x.xlsx，第2行", true, DesignationRules.Default));
        Assert.Equal("import.open-designation", refused.Problem.Code);
        Assert.Throws<DomainException>(() => Designation.Import(People.Office, Now, Unit(), today.AddYears(-1), null, " ", false, DesignationRules.Default));
    }

    [Fact]
    public void Imported_pilot_owes_the_filings_due_from_the_import_on_and_its_construction_summary()
    {
        var designation = Designation.Import(People.Office, Now, Unit(), new DateOnly(2025, 6, 1), null, "x.xlsx，第2行", false, DesignationRules.Default);

        var due = ObligationPlanner.Expected(designation, ChinaTime.DateOf(Now), ObligationRules.Default);

        // 2025 plan (due 2025-07-01), 2025 summary and 2026 plan (due 2026-01-31) were handled before Guohe.
        Assert.Equal([(ObligationKind.AnnualSummary, 2026, new DateOnly(2026, 12, 31)), (ObligationKind.ConstructionSummary, 2027, new DateOnly(2027, 7, 31))],
            due.Select(d => (d.Kind, d.Year, d.DueDate)));
        var nextYear = ObligationPlanner.Expected(designation, new DateOnly(2027, 1, 5), ObligationRules.Default);
        Assert.Contains(nextYear, d => (d.Kind, d.Year) == (ObligationKind.AnnualPlan, 2027));
    }

    [Fact]
    public void Imported_base_owes_base_filings_under_article_14_and_no_construction_summary()
    {
        var designation = Designation.Import(People.Office, Now, Unit(), new DateOnly(2021, 3, 1), new DateOnly(2023, 9, 15), "x.xlsx，第3行", false, DesignationRules.Default);

        var due = ObligationPlanner.Expected(designation, new DateOnly(2027, 2, 1), ObligationRules.Default);

        Assert.Equal([(ObligationKind.AnnualSummary, 2026, Article.Art14), (ObligationKind.AnnualPlan, 2027, Article.Art14), (ObligationKind.AnnualSummary, 2027, Article.Art14)],
            due.Select(d => (d.Kind, d.Year, d.Article)));
    }

    [Fact]
    public void A_designation_opened_by_a_decision_still_owes_every_year()
    {
        var world = new World();
        var designation = A.Designation(world).Pilot();

        Assert.Null(designation.ObligationsFrom);
        Assert.False(designation.IsImported);
        Assert.Equal(3, ObligationPlanner.Expected(designation, world.Today, ObligationRules.Default).Count);
    }
}
