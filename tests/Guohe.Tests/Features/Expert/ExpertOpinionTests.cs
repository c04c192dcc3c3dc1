using System.Net;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Expert;

/// <summary>The expert workspace (Art. 11(4)–(5)): my assignments, the application read-only and my written opinion.</summary>
public sealed class ExpertOpinionTests
{
    private sealed record Setup(GuoheUser Leader, GuoheUser Member, Guid ApplicationId, Guid VisitId);

    /// <summary>A submitted application that passed preliminary review and has a site visit with two experts, the first the leader.</summary>
    private static async Task<Setup> VisitAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        var leader = await app.CreateAsync(Role.Expert);
        var member = await app.CreateAsync(Role.Expert);
        var visitId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.PassPreliminaryReview(People.Office, now, "材料齐全，初审通过。");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, id, ChinaTime.DateOf(now).AddDays(14), "福州市鼓楼区软件大道89号", null,
                [new ExpertAssignment(leader.Id, leader.DisplayName, IsLeader: true), new ExpertAssignment(member.Id, member.DisplayName, IsLeader: false)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        return new Setup(leader, member, id, visitId);
    }

    private static async Task<PageClient> SignInAsync(GuoheApp app, GuoheUser user)
    {
        var client = app.Browse();
        await client.SignInAsync(user.Email!);
        return client;
    }

    private static Dictionary<string, string> Opinion(int first = 20, string text = "国际合作渠道较多，团队专职。") => new()
    {
        ["Input.Scores.GoalsAndModel"] = first.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Scores.ChannelsAndTeam"] = "18",
        ["Input.Scores.TechnologyTransfer"] = "15",
        ["Input.Scores.Platforms"] = "12",
        ["Input.Recommendation"] = nameof(OverallRecommendation.RecommendWithConditions),
        ["Input.Text"] = text,
    };

    /// <summary>Opens the assignment, declaring no conflict first (issue 4: before the first view).</summary>
    private static async Task<Page> OpenAsync(PageClient expert, Guid visitId)
    {
        var page = await expert.GetAsync($"/Expert/Assignment/{visitId}");
        return page.Html.QuerySelector("form[action*='handler=Declare']") is null
            ? page
            : await expert.SubmitAsync(page, new Dictionary<string, string> { ["NoConflict"] = "true" });
    }

    private static Task<SiteVisit> VisitOfAsync(GuoheApp app, Guid visitId) =>
        app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Id == visitId));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Expert_sees_the_assignment_files_an_opinion_and_amends_it_keeping_the_first_revision(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await VisitAsync(app);
        using var expert = await SignInAsync(app, world.Leader);

        var home = await expert.GetAsync("/Expert");
        var table = home.Html.QuerySelector("#assignments-table")?.TextContent ?? string.Empty;
        Assert.Contains("GH-2026-0001", table);
        Assert.Contains("福州市鼓楼区软件大道89号", table);
        Assert.Contains("组长", table);
        Assert.Contains("未提交", table);

        var declaration = await expert.GetAsync($"/Expert/Assignment/{world.VisitId}");
        Assert.Equal(HttpStatusCode.OK, declaration.Status);
        Assert.Contains("本人与申请单位无利益冲突", declaration.Body);
        Assert.DoesNotContain("陈法人", declaration.Body); // nothing of the application before the declaration
        Assert.DoesNotContain("BusinessLicence.pdf", declaration.Body);
        var unticked = await expert.SubmitAsync(declaration);
        Assert.Contains("请确认本人与申请单位无利益冲突", unticked.Errors);
        Assert.False((await VisitOfAsync(app, world.VisitId)).HasDeclaredNoConflict(world.Leader.Id));

        var page = await expert.SubmitAsync(unticked, new Dictionary<string, string> { ["NoConflict"] = "true" });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var declared = await VisitOfAsync(app, world.VisitId);
        Assert.True(declared.HasDeclaredNoConflict(world.Leader.Id));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, declared.Team.Single(t => t.ExpertUserId == world.Leader.Id).NoConflictDeclaredAtUtc!.Value, TimeSpan.FromSeconds(1));
        var record = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().SingleAsync(r => r.AggregateId == world.VisitId && r.Trigger == "DeclareNoConflict"));
        Assert.Equal((world.Leader.Id, "Art. 11(4)"), (record.ActorUserId, record.Article));
        Assert.Contains("陈法人", page.Body); // Form 1 read-only
        Assert.Contains("BusinessLicence.pdf", page.Body); // its filing documents
        Assert.Contains("办理记录", page.Body);

        var filed = await expert.SubmitAsync(page, Opinion());
        Assert.Contains("书面意见已提交", filed.Body);
        Assert.NotNull(filed.Html.QuerySelector("#revisions"));
        var stored = (await VisitOfAsync(app, world.VisitId)).CurrentOpinionOf(world.Leader.Id)!;
        Assert.Equal(1, stored.Revision);
        Assert.Equal(new ExpertScores(20, 18, 15, 12), stored.Scores());
        Assert.Equal(OverallRecommendation.RecommendWithConditions, stored.Recommendation);
        Assert.Equal("国际合作渠道较多，团队专职。", stored.Text);
        Assert.Contains("已提交", (await expert.GetAsync("/Expert")).Html.QuerySelector("#assignments-table")!.TextContent);

        var amended = await expert.SubmitAsync(filed, new Dictionary<string, string> { ["Input.Scores.Platforms"] = "20", ["Input.Reason"] = "补充核实了海外基地。" });
        Assert.Contains("修订意见已提交", amended.Body);
        var visit = await VisitOfAsync(app, world.VisitId);
        var mine = visit.Opinions.Where(o => o.ExpertUserId == world.Leader.Id).OrderBy(o => o.Revision).ToList();
        Assert.Equal([1, 2], mine.Select(o => o.Revision));
        Assert.Equal(12, mine[0].Platforms); // the first revision stays as it was
        Assert.Equal(20, mine[1].Platforms);
        Assert.Equal("补充核实了海外基地。", mine[1].AmendmentReason);
        Assert.Contains("补充核实了海外基地。", amended.Html.QuerySelector("#revisions")!.TextContent);
        Assert.False(visit.AllOpinionsFiled);
        Assert.Equal(ApplicationStatus.SiteVisit, await app.WithDbAsync(async (db, _) => (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == world.ApplicationId)).Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task When_both_experts_have_filed_the_opinions_are_complete_and_the_application_moves_on(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await VisitAsync(app);
        using var leader = await SignInAsync(app, world.Leader);
        using var member = await SignInAsync(app, world.Member);

        await leader.SubmitAsync(await OpenAsync(leader, world.VisitId), Opinion());
        Assert.Contains("组员", (await member.GetAsync("/Expert")).Html.QuerySelector("#assignments-table")!.TextContent);
        var done = await member.SubmitAsync(await OpenAsync(member, world.VisitId), Opinion(first: 25, text: "同意推荐。"));
        Assert.Contains("书面意见已提交", done.Body);

        var visit = await VisitOfAsync(app, world.VisitId);
        Assert.True(visit.AllOpinionsFiled);
        Assert.Equal(2, visit.CurrentOpinions().Count);
        Assert.Equal(ApplicationStatus.OpinionsComplete, await app.WithDbAsync(async (db, _) => (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == world.ApplicationId)).Status));
        var record = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().Where(r => r.AggregateId == world.ApplicationId).OrderBy(r => r.Sequence).LastAsync());
        Assert.Equal(Role.Expert, record.Role);
        Assert.Equal("Art. 11(5)", record.Article);
    }

    [Fact]
    public async Task An_expert_not_on_the_team_gets_404_on_get_and_post_and_nothing_is_stored()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var world = await VisitAsync(app);
        var outsider = await app.CreateAsync(Role.Expert);
        using var client = await SignInAsync(app, outsider);

        var home = await client.GetAsync("/Expert");
        Assert.Null(home.Html.QuerySelector("#assignments-table"));
        Assert.Contains("暂无评审任务", home.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Expert/Assignment/{world.VisitId}")).Status);
        var token = home.InputValue("__RequestVerificationToken")!;
        var fields = Opinion();
        fields["__RequestVerificationToken"] = token;
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/Expert/Assignment/{world.VisitId}", fields)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/Expert/Assignment/{world.VisitId}?handler=Amend", fields)).Status);
        fields["NoConflict"] = "true";
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/Expert/Assignment/{world.VisitId}?handler=Declare", fields)).Status);
        Assert.False((await VisitOfAsync(app, world.VisitId)).HasDeclaredNoConflict(outsider.Id));
        Assert.Empty((await VisitOfAsync(app, world.VisitId)).Opinions);
    }

    [Theory]
    [InlineData("Input.Scores.GoalsAndModel", "26", "第十条第（一）项应在0至25之间")]
    [InlineData("Input.Text", "", "请填写书面意见")]
    public async Task An_invalid_opinion_is_refused_with_the_field_message_and_nothing_is_stored(string field, string value, string message)
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var world = await VisitAsync(app);
        using var expert = await SignInAsync(app, world.Member);
        var page = await OpenAsync(expert, world.VisitId);

        var fields = Opinion();
        fields[field] = value;
        var refused = await expert.SubmitAsync(page, fields);

        Assert.Contains(message, refused.Errors);
        Assert.Empty((await VisitOfAsync(app, world.VisitId)).Opinions);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_a_conflict_message()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var world = await VisitAsync(app);
        using var leader = await SignInAsync(app, world.Leader);
        using var member = await SignInAsync(app, world.Member);
        var stale = await OpenAsync(member, world.VisitId);
        await leader.SubmitAsync(await OpenAsync(leader, world.VisitId), Opinion());

        var late = await member.SubmitAsync(stale, Opinion());

        Assert.Contains("刚刚更新了本次调研", late.Errors);
        Assert.Null((await VisitOfAsync(app, world.VisitId)).CurrentOpinionOf(world.Member.Id));
    }
}
