using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.Organisations;
using Guohe.Domain.Partners;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

/// <summary>The pieces of a unit's years (issue 5): tagged plan items, drafts, the institution directory, fees, evaluation proceedings.</summary>
public sealed class DesignationYearsTests
{
    private static Obligation Plan(World world)
    {
        var designation = new DesignationBuilder(world).Pilot();
        var due = ObligationPlanner.Missing(designation, [], world.Today, ObligationRules.Default).First(d => d.Kind == ObligationKind.AnnualPlan);
        return Obligation.Create(People.Office, world.Now, designation, due);
    }

    [Fact]
    public void A_draft_keeps_anything_without_history_and_filing_needs_tagged_items_and_a_text_or_a_document()
    {
        var world = new World();
        var plan = Plan(world);
        var empty = new ObligationForm(PersonRow.Empty, "", "", [], [new WorkItem(" ", ConstructionContent.BeltAndRoad, KeyFields.None)]);

        plan.SaveDraft(People.Applicant, world.Now, empty);
        var refused = Assert.Throws<DomainException>(() => plan.File(People.Applicant, world.Now, empty with { Items = [] }));
        var withDocument = World.Form() with { WorkText = "" };
        plan.File(People.Applicant, world.Now, withDocument, [Guid.NewGuid()]);

        Assert.Equal(["obligation.preparer", "obligation.text", "obligation.items"], refused.Problems.Select(p => p.Code));
        Assert.Equal(ObligationStatus.Filed, plan.Status);
        Assert.Equal(ConstructionContent.TalentTraining, Assert.Single(plan.Items).Category);
        Assert.Equal(["Create", "File"], plan.PendingHistory.Select(r => r.Trigger)); // the draft wrote no history
        Assert.NotNull(plan.DraftSavedAtUtc);
    }

    [Fact]
    public void Item_problems_name_the_item()
    {
        var problems = WorkItem.Check([new WorkItem("好", ConstructionContent.Platforms, KeyFields.None), new WorkItem("", (ConstructionContent)99, KeyFields.None)], ObligationKind.AnnualSummary);

        Assert.Equal(["obligation.item.text", "obligation.item.category"], problems.Select(p => p.Code));
        Assert.Contains("第2项主要成果", problems[0].Zh);
        Assert.Equal("Items[1].Text", problems[0].Field);
    }

    [Theory]
    [InlineData("Fraunhofer-Gesellschaft", "fraunhofer gesellschaft")]
    [InlineData("The University of Manchester", "University of Manchester")]
    [InlineData("ＡＢＣ　Ｌａｂ", "abc-lab")]
    public void Institution_names_match_after_normalising(string first, string second)
    {
        var institution = Institution.Create(People.Applicant, new World().Now, "de", first);

        Assert.True(institution.Matches("DE", second));
        Assert.False(institution.Matches("FR", second));
        Assert.Equal("DE", institution.CountryCode);
    }

    [Fact]
    public void Office_merges_duplicates_of_one_country_and_the_target_takes_the_aliases()
    {
        var now = new World().Now;
        var target = Institution.Create(People.Applicant, now, "DE", "Fraunhofer-Gesellschaft");
        var duplicate = Institution.Create(People.Applicant, now, "DE", "弗劳恩霍夫协会");
        var french = Institution.Create(People.Applicant, now, "FR", "CNRS");

        Assert.Equal("institution.role", Assert.Throws<DomainException>(() => duplicate.MergeInto(People.Applicant, now, target)).Problem.Code);
        Assert.Equal("institution.country", Assert.Throws<DomainException>(() => french.MergeInto(People.Office, now, target)).Problem.Code);
        duplicate.MergeInto(People.Office, now, target);

        Assert.Equal(target.Id, duplicate.MergedIntoId);
        Assert.True(target.Matches("DE", "弗劳恩霍夫协会"));
        Assert.False(duplicate.Matches("DE", "弗劳恩霍夫协会"));
        Assert.Equal("institution.merge", Assert.Throws<DomainException>(() => duplicate.MergeInto(People.Office, now, target)).Problem.Code);
        Assert.Equal("Art. 9", duplicate.PendingHistory[^1].Article);
    }

    [Fact]
    public void Fees_are_recorded_by_the_office_under_Art_18_corrected_with_a_reason_and_paid_once()
    {
        var world = new World();
        var details = new FeeDetails(FeeKind.ExpertReview, 3000.50m, world.Today, " FP-2026-001 ", "实地调研专家评审费");

        Assert.Equal("fee.role", Assert.Throws<DomainException>(() => Fee.Charge(People.Applicant, world.Now, Guid.NewGuid(), "某单位", details)).Problem.Code);
        Assert.Equal("fee.amount", Assert.Throws<DomainException>(() => Fee.Charge(People.Office, world.Now, Guid.NewGuid(), "某单位", details with { Amount = 1.005m })).Problem.Code);
        var fee = Fee.Charge(People.Office, world.Now, Guid.NewGuid(), "某单位", details);
        Assert.Throws<DomainException>(() => fee.Correct(People.Office, world.Now, details with { Amount = 2000m }, " "));
        fee.Correct(People.Office, world.Now, details with { Amount = 2000m }, "按合同更正");
        Assert.Equal("fee.paidon", Assert.Throws<DomainException>(() => fee.MarkPaid(People.Office, world.Now, world.Today.AddDays(-1))).Problem.Code);
        fee.MarkPaid(People.Office, world.Now, world.Today);

        Assert.Equal(("FP-2026-001", 2000m, true), (fee.Details.InvoiceNumber, fee.Details.Amount, fee.IsPaid));
        Assert.Equal("fee.paid", Assert.Throws<DomainException>(() => fee.MarkPaid(People.Office, world.Now, world.Today)).Problem.Code);
        Assert.Equal(["ChargeFee", "CorrectFee", "MarkFeePaid"], fee.PendingHistory.Select(r => r.Trigger));
        Assert.All(fee.PendingHistory, r => Assert.Equal("Art. 18", r.Article));
    }

    [Fact]
    public void An_acceptance_evaluation_records_its_proceedings_in_order()
    {
        var world = new World();
        var visit = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.AcceptanceEvaluation, Guid.NewGuid(), world.Today, "现场", null, World.Team());
        var review = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.ApplicationReview, Guid.NewGuid(), world.Today, "现场", null, World.Team());
        var day = world.Today;

        Assert.Equal("sitevisit.dates", Assert.Throws<DomainException>(() => visit.RecordProceedings(People.Office, world.Now, day.AddDays(1), day, day, null)).Problem.Code);
        Assert.Equal("sitevisit.purpose", Assert.Throws<DomainException>(() => review.RecordProceedings(People.Office, world.Now, day, day, day, null)).Problem.Code);
        var minutes = Guid.NewGuid();
        visit.RecordProceedings(People.Office, world.Now, day, day, day.AddDays(1), minutes);

        Assert.Equal((day, day, day.AddDays(1), minutes), (visit.WorkReportOn!.Value, visit.InspectionOn!.Value, visit.ReviewMeetingOn!.Value, visit.MinutesFileId!.Value));
        Assert.Equal("Art. 13(2)", visit.PendingHistory[^1].Article);
        Assert.Equal([minutes], visit.PendingHistory[^1].Attachments());
    }
}
