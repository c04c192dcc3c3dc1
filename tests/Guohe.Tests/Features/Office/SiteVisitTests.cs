using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

/// <summary>The office schedules the site visit with an expert team (Art. 11(4)).</summary>
public sealed class SiteVisitTests
{
    private static async Task<(PageClient Office, Guid ApplicationId)> PassedAsync(GuoheApp app)
    {
        var id = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var officer = await app.CreateAsync(Role.Office, twoFactor: true);
        var office = app.Browse();
        await office.SignInAsync(officer.Email!, totpKey: await app.AuthenticatorKeyAsync(officer.Id));
        await office.SubmitAsync(await office.GetAsync($"/Office/Applications/Review/{id}"), new Dictionary<string, string> { ["Opinion"] = "通过", ["trigger"] = "PassPreliminaryReview" }, "main form");
        return (office, id);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_schedules_a_visit_with_a_team_and_one_leader(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var leader = await app.ExpertInPoolAsync();
        var member = await app.ExpertInPoolAsync();
        var (office, id) = await PassedAsync(app);
        using var _ = office;

        var form = await office.GetAsync($"/Office/Applications/SiteVisit/{id}");
        Assert.Contains(leader.DisplayName, form.Body);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!),
            new("Version", form.InputValue("Version")!),
            new("Date", "2026-12-15"),
            new("Place", "苏州工业园区星湖街328号"),
            new("Notes", "上午听取汇报，下午现场考察"),
            new("Team", leader.Id.ToString()),
            new("Team", member.Id.ToString()),
            new("Leader", leader.Id.ToString()),
        };
        var done = await office.PostAsync($"/Office/Applications/SiteVisit/{id}", fields);

        Assert.Contains("实地调研已安排", done.Body);
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.SiteVisit, application.Status);
        var visit = await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync());
        Assert.Equal(application.SiteVisitId, visit.Id);
        Assert.Equal(new DateOnly(2026, 12, 15), visit.Date);
        Assert.Equal(new[] { leader.Id, member.Id }.Order(), visit.Team.Select(t => t.ExpertUserId).Order());
        Assert.Equal(leader.Id, visit.Team.Single(t => t.IsLeader).ExpertUserId);
    }

    [Fact]
    public async Task A_team_without_a_leader_is_refused_with_the_reason_and_nothing_is_scheduled()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var expert = await app.ExpertInPoolAsync();
        var (office, id) = await PassedAsync(app);
        using var _ = office;

        var form = await office.GetAsync($"/Office/Applications/SiteVisit/{id}");
        var refused = await office.PostAsync($"/Office/Applications/SiteVisit/{id}",
        [
            new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!),
            new("Version", form.InputValue("Version")!),
            new("Date", "2026-12-15"),
            new("Place", "苏州"),
            new("Team", expert.Id.ToString()),
        ]);

        Assert.Contains("专家组必须有且只有一位组长", refused.Errors);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.SiteVisits.CountAsync()));
        Assert.Equal(ApplicationStatus.PreliminaryPassed, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync()).Status));
    }

    private static List<KeyValuePair<string, string>> Schedule(Page form, Guid leader, params Guid[] members)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!),
            new("Version", form.InputValue("Version")!),
            new("Date", "2026-12-15"),
            new("Place", "苏州工业园区星湖街328号"),
            new("Team", leader.ToString()),
            new("Leader", leader.ToString()),
        };
        fields.AddRange(members.Select(m => new KeyValuePair<string, string>("Team", m.ToString())));
        return fields;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Conflicts_are_flagged_and_a_flagged_expert_joins_only_with_a_recorded_reason(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (office, id) = await PassedAsync(app);
        using var _ = office;
        var applicant = await app.WithDbAsync(async (db, _) =>
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
            return await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == application.OrganisationId);
        });
        var colleague = await app.ExpertInPoolAsync(organisation: "另一个名字", organisationUscc: applicant.Uscc.Value!);
        var declared = await app.ExpertInPoolAsync(declaredConflicts: [applicant.Name]);
        var involved = await app.ExpertInPoolAsync();
        var free = await app.ExpertInPoolAsync();
        await app.WithDbAsync(async (db, _) =>
        {
            // An earlier evaluation of the same unit with `involved` on the team.
            db.SiteVisits.Add(SiteVisit.Schedule(People.Office, app.Clock.GetUtcNow().UtcDateTime.AddYears(-1), SiteVisitPurpose.ApplicationReview, id,
                new DateOnly(2025, 5, 1), "旧调研", null, [new ExpertAssignment(involved.Id, involved.DisplayName, true)]));
            await db.SaveChangesAsync();
        });

        var form = await office.GetAsync($"/Office/Applications/SiteVisit/{id}");
        string FlagOf(Guohe.Web.Identity.GuoheUser e) =>
            form.Html.QuerySelector($"#team-{e.Id}")!.Closest("tr")!.QuerySelectorAll("td")[5].TextContent.Trim();
        Assert.Contains("同一单位", FlagOf(colleague));
        Assert.Contains("本人申报回避", FlagOf(declared));
        Assert.Contains("曾参与该单位调研或评估", FlagOf(involved));
        Assert.Equal("无", FlagOf(free));

        var refused = await office.PostAsync($"/Office/Applications/SiteVisit/{id}", Schedule(form, free.Id, colleague.Id));
        Assert.Contains($"{colleague.DisplayName}存在利益冲突，如确需指派，请填写放行理由", refused.Errors);
        Assert.Equal(ApplicationStatus.PreliminaryPassed, await app.WithDbAsync(async (db, _) => (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).Status));

        var fields = Schedule(form, free.Id, colleague.Id);
        fields.Add(new($"Overrides[{colleague.Id}]", "该领域仅此一位专家，已报两协会同意"));
        var done = await office.PostAsync($"/Office/Applications/SiteVisit/{id}", fields);

        Assert.Contains("实地调研已安排", done.Body);
        var visit = await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Place == "苏州工业园区星湖街328号"));
        var member = visit.Team.Single(t => t.ExpertUserId == colleague.Id);
        Assert.Equal(ConflictKinds.SameOrganisation, member.Conflicts);
        Assert.Equal("该领域仅此一位专家，已报两协会同意", member.OverrideReason);
        Assert.Equal(ConflictKinds.None, visit.Team.Single(t => t.ExpertUserId == free.Id).Conflicts);
        var history = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().SingleAsync(r => r.AggregateId == visit.Id));
        Assert.Contains("该领域仅此一位专家", history.Opinion);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Suggest_a_team_covers_the_fields_avoids_conflicts_balances_load_and_saves_nothing(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (office, id) = await PassedAsync(app); // the applicant names 新能源 and 电子信息
        using var _ = office;
        var organisationName = await app.WithDbAsync(async (db, _) => (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).OrganisationName);
        var bestButConflicted = await app.ExpertInPoolAsync(KeyFields.NewEnergy | KeyFields.ElectronicInformation, declaredConflicts: [organisationName]);
        var busyEnergy = await app.ExpertInPoolAsync(KeyFields.NewEnergy);
        var idleEnergy = await app.ExpertInPoolAsync(KeyFields.NewEnergy);
        var electronics = await app.ExpertInPoolAsync(KeyFields.ElectronicInformation | KeyFields.BioHealth);
        var agriculture = await app.ExpertInPoolAsync(KeyFields.ModernAgriculture);
        var inactive = await app.ExpertInPoolAsync(KeyFields.NewEnergy | KeyFields.ElectronicInformation);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var pooled = await db.Experts.SingleAsync(e => e.Details.Name == inactive.DisplayName);
            pooled.Update(People.Office, now, pooled.Details, active: false, "退出专家委员会");
            db.SiteVisits.Add(SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.AcceptanceEvaluation, Guid.NewGuid(), ChinaTime.DateOf(now), "别处", null,
                [new ExpertAssignment(busyEnergy.Id, busyEnergy.DisplayName, true)]));
            await db.SaveChangesAsync();
        });

        var form = await office.GetAsync($"/Office/Applications/SiteVisit/{id}");
        Assert.DoesNotContain(inactive.DisplayName, form.Body);
        // The suggest button posts the same form to ?handler=Suggest (formaction).
        var suggested = await office.PostAsync($"/Office/Applications/SiteVisit/{id}?handler=Suggest",
        [
            new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!),
            new("Version", form.InputValue("Version")!),
            new("Date", "2026-12-15"),
            new("Place", "苏州"),
            new("TeamSize", "2"),
        ]);

        var ticked = suggested.Html.QuerySelectorAll("input[name='Team']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.IsChecked).Select(i => Guid.Parse(i.Value)).ToHashSet();
        Assert.Equal(new HashSet<Guid> { electronics.Id, idleEnergy.Id }, ticked);
        var leader = suggested.Html.QuerySelectorAll("input[name='Leader']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.IsChecked);
        Assert.Contains(Guid.Parse(leader.Value), ticked);
        Assert.Contains("已按领域覆盖、利益回避和工作量建议专家组", suggested.Body);
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.SiteVisits.CountAsync())); // only the arranged one
        Assert.DoesNotContain(agriculture.Id, ticked);
    }
}
