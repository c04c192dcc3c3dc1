using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Association;

/// <summary>The review-opinion letter, the proposal and its confirmation by a different person (Art. 11(6)).</summary>
public sealed class DecisionTests
{
    /// <summary>A submitted application taken through preliminary review, a site visit and both experts' opinions by the verbs.</summary>
    private static async Task<Guid> OpinionsCompleteAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        var e1 = await app.CreateAsync(Role.Expert);
        var e2 = await app.CreateAsync(Role.Expert);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var office = new Actor(Guid.NewGuid(), "办公室甲", Role.Office);
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.PassPreliminaryReview(office, now, "通过");
            var visit = SiteVisit.Schedule(office, now, SiteVisitPurpose.ApplicationReview, id, ChinaTime.DateOf(now), "苏州", null,
                [new ExpertAssignment(e1.Id, e1.DisplayName, true), new ExpertAssignment(e2.Id, e2.DisplayName, false)]);
            application.ScheduleSiteVisit(office, now, visit);
            var first = new Actor(e1.Id, e1.DisplayName, Role.Expert);
            visit.DeclareNoConflict(first, now);
            visit.FileOpinion(first, now, new ExpertScores(22, 20, 18, 21), OverallRecommendation.Recommend, "国际化基础扎实。");
            var second = new Actor(e2.Id, e2.DisplayName, Role.Expert);
            visit.DeclareNoConflict(second, now);
            visit.FileOpinion(second, now, new ExpertScores(20, 19, 17, 23), OverallRecommendation.RecommendWithConditions, "建议加强技术转移团队。");
            application.CompleteOpinions(second, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        return id;
    }

    private static async Task<PageClient> SignInAsync(GuoheApp app, Role role)
    {
        var user = await app.CreateAsync(role, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_proposes_approval_and_the_association_confirms_it_so_a_pilot_unit_is_designated(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await OpinionsCompleteAsync(app);
        using var office = await SignInAsync(app, Role.Office);

        var review = await office.GetAsync($"/Office/Applications/Review/{id}");
        Assert.Contains("国际化基础扎实", review.Body);
        Assert.Contains("80.0", review.Body); // average total of 81 and 79
        await office.SubmitAsync(review, new Dictionary<string, string> { ["Opinion"] = "经实地调研和专家评审，建议授予试点单位。", ["trigger"] = "ProposeApproval" }, "main form");
        Assert.Equal(ApplicationStatus.ProposedForApproval, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == id)).Status));

        using var association = await SignInAsync(app, Role.Association);
        var queue = await association.GetAsync("/Association");
        Assert.Contains("授予试点单位", queue.Body);
        var decisionId = await app.WithDbAsync(async (db, _) => await db.Decisions.Select(d => d.Id).SingleAsync());
        var decide = await association.GetAsync($"/Association/Decide/{decisionId}");
        Assert.Contains("经实地调研和专家评审", decide.Body);
        var confirmed = await association.PostAsync($"/Association/Decide/{decisionId}?handler=Confirm",
            [new("__RequestVerificationToken", decide.InputValue("__RequestVerificationToken")!), new("Version", decide.InputValue("Version")!), new("Opinion", "同意。")]);

        Assert.Contains("已确认，决定生效", confirmed.Body);
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.Approved, application.Status);
        var designation = await app.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync());
        Assert.Equal(DesignationStatus.Pilot, designation.Status);
        Assert.Equal(ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime), designation.RecognitionDate);
        Assert.Equal(DecisionStatus.Confirmed, await app.WithDbAsync(async (db, _) => (await db.Decisions.SingleAsync()).Status));

        // The unit appears on the public list (Art. 11(7)), for anyone, without personal data.
        using var visitor = app.Browse();
        var list = await visitor.GetAsync("/Units");
        var row = list.Html.QuerySelector("#units tbody tr")!.TextContent;
        Assert.Contains(application.OrganisationName, row);
        Assert.Contains("试点单位", row);
        Assert.Contains(ChinaTime.Iso(designation.RecognitionDate), row);
        var organisation = await app.WithDbAsync(async (db, _) => await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == application.OrganisationId));
        Assert.DoesNotContain(organisation.LiaisonEmail, list.Body);
        Assert.DoesNotContain(organisation.LiaisonMobile, list.Body);
        Assert.DoesNotContain(organisation.Uscc.Value!, list.Body);
        Assert.Contains("没有符合条件的单位", (await visitor.GetAsync("/Units?stage=base")).Body);
    }

    [Fact]
    public async Task Association_rejecting_needs_a_reason_and_then_leaves_the_application_waiting_for_the_office()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var id = await OpinionsCompleteAsync(app);
        using var office = await SignInAsync(app, Role.Office);
        await office.SubmitAsync(await office.GetAsync($"/Office/Applications/Review/{id}"), new Dictionary<string, string> { ["Opinion"] = "建议授予。", ["trigger"] = "ProposeApproval" }, "main form");
        using var association = await SignInAsync(app, Role.Association);
        var decisionId = await app.WithDbAsync(async (db, _) => await db.Decisions.Select(d => d.Id).SingleAsync());

        var decide = await association.GetAsync($"/Association/Decide/{decisionId}");
        var refused = await association.PostAsync($"/Association/Decide/{decisionId}?handler=Reject",
            [new("__RequestVerificationToken", decide.InputValue("__RequestVerificationToken")!), new("Version", decide.InputValue("Version")!), new("Opinion", "")]);
        Assert.Contains("请填写不予确认的理由", refused.Errors);

        await association.PostAsync($"/Association/Decide/{decisionId}?handler=Reject",
            [new("__RequestVerificationToken", decide.InputValue("__RequestVerificationToken")!), new("Version", decide.InputValue("Version")!), new("Opinion", "技术转移业绩证明不足。")]);
        Assert.Equal(DecisionStatus.Rejected, await app.WithDbAsync(async (db, _) => (await db.Decisions.SingleAsync()).Status));
        Assert.Equal(ApplicationStatus.ProposedForApproval, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == id)).Status));
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Designations.CountAsync()));
        Assert.Contains("没有符合条件的单位", (await app.Browse().GetAsync("/Units")).Body); // not on the public list
    }

    [Fact]
    public async Task Office_cannot_open_the_association_pages()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var office = await SignInAsync(app, Role.Office);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await office.Http.GetAsync($"/Association/Decide/{Guid.NewGuid()}")).StatusCode);
    }
}
