using Guohe.Domain.Applications;
using Guohe.Domain.Common;
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
        var leader = await app.CreateAsync(Role.Expert);
        var member = await app.CreateAsync(Role.Expert);
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
        var expert = await app.CreateAsync(Role.Expert);
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
}
