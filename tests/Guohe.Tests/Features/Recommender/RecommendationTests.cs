using System.Net;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Recommender;

/// <summary>The recommender's queue and its recommendation opinion (Art. 11(1); Form 1 区域联络办推荐意见).</summary>
public sealed class RecommendationTests
{
    private sealed record Setup(GuoheUser Applicant, GuoheUser Recommender, Guid ApplicationId);

    private static async Task<Setup> RecommendedApplicationAsync(GuoheApp app)
    {
        var recommender = await app.CreateAsync(Role.Recommender);
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant, recommender.OrganisationId);
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, await StatusAsync(app, id));
        return new Setup(applicant, recommender, id);
    }

    private static async Task<PageClient> SignInAsync(GuoheApp app, GuoheUser user)
    {
        var client = app.Browse();
        await client.SignInAsync(user.Email!);
        return client;
    }

    private static Task<ApplicationStatus> StatusAsync(GuoheApp app, Guid id) =>
        app.WithDbAsync(async (db, _) => (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).Status);

    private static Task<int> HistoryCountAsync(GuoheApp app, Guid id) =>
        app.WithDbAsync(async (db, _) => await db.TransitionRecords.CountAsync(r => r.AggregateId == id));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Recommender_sees_the_waiting_application_and_endorses_it_to_the_office_with_its_opinion(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await RecommendedApplicationAsync(app);
        using var recommender = await SignInAsync(app, world.Recommender);

        var queue = await recommender.GetAsync("/Recommender");
        var waiting = queue.Html.QuerySelector("#waiting-table")?.TextContent ?? string.Empty;
        Assert.Contains("GH-2026-0001", waiting);
        Assert.Contains("2026年度第一批", waiting);
        Assert.Equal("1", queue.Html.QuerySelector("#waiting .badge")?.TextContent.Trim());

        var review = await recommender.GetAsync($"/Recommender/Review/{world.ApplicationId}");
        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Contains("陈法人", review.Body); // Form 1 read-only
        Assert.Contains("BusinessLicence.pdf", review.Body); // its filing documents, as download links
        Assert.NotNull(review.Html.QuerySelector("a[href^='/Files/']"));
        Assert.Contains("办理记录", review.Body);

        var done = await recommender.SubmitAsync(review, new Dictionary<string, string> { ["Opinion"] = "该单位国际合作基础扎实，同意推荐。", ["trigger"] = "Endorse" });

        Assert.Equal("/Recommender", done.Path);
        Assert.Contains("已推荐", done.Body);
        Assert.Contains("GH-2026-0001", done.Html.QuerySelector("#handled-table")?.TextContent ?? string.Empty);
        Assert.Null(done.Html.QuerySelector("#waiting-table"));
        var stored = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync(a => a.Id == world.ApplicationId));
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal("该单位国际合作基础扎实，同意推荐。", stored.RecommendationOpinion);
        var record = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.Where(r => r.AggregateId == world.ApplicationId).OrderBy(r => r.Sequence).LastAsync());
        Assert.Equal("Art. 11(1)", record.Article);
        Assert.Equal(Role.Recommender, record.Role);
        Assert.Equal("该单位国际合作基础扎实，同意推荐。", record.Opinion);

        using var unit = await SignInAsync(app, world.Applicant);
        var mine = await unit.GetAsync("/Applicant/Application");
        Assert.Contains("该单位国际合作基础扎实，同意推荐。", mine.Body);
        Assert.Contains("第十一条第（一）项", mine.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Declined_application_returns_to_the_applicants_draft_with_the_opinion_in_its_history(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await RecommendedApplicationAsync(app);
        using var recommender = await SignInAsync(app, world.Recommender);

        var done = await recommender.SubmitAsync(await recommender.GetAsync($"/Recommender/Review/{world.ApplicationId}"),
            new Dictionary<string, string> { ["Opinion"] = "海外合作材料不足，请补充后再申请推荐。", ["trigger"] = "Decline" });

        Assert.Equal("/Recommender", done.Path);
        Assert.Contains("已不予推荐", done.Body);
        Assert.Contains("不予推荐，已退回申请单位", done.Html.QuerySelector("#handled-table")?.TextContent ?? string.Empty);
        Assert.Equal(ApplicationStatus.Draft, await StatusAsync(app, world.ApplicationId));
        // The declined application is the applicant's draft again: not readable by the recommender any more.
        Assert.Equal(HttpStatusCode.NotFound, (await recommender.Http.GetAsync($"/Recommender/Review/{world.ApplicationId}")).StatusCode);

        using var unit = await SignInAsync(app, world.Applicant);
        var mine = await unit.GetAsync("/Applicant/Application");
        Assert.Contains("海外合作材料不足，请补充后再申请推荐。", mine.Body);
        Assert.Contains("第十一条第（一）项", mine.Body);
        var edit = await unit.GetAsync("/Applicant/Application/Edit");
        Assert.Equal("/Applicant/Application/Edit", edit.Path); // editable again
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_recommender_organisation_neither_lists_nor_opens_nor_moves_the_application(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await RecommendedApplicationAsync(app);
        var stranger = await app.CreateAsync(Role.Recommender);
        using var other = await SignInAsync(app, stranger);

        var queue = await other.GetAsync("/Recommender");
        Assert.DoesNotContain("GH-2026-0001", queue.Body);
        Assert.Equal("0", queue.Html.QuerySelector("#waiting .badge")?.TextContent.Trim());
        Assert.Contains("暂无待推荐的申请", queue.Body);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/Recommender/Review/{world.ApplicationId}")).StatusCode);
        var token = queue.Html.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await other.PostAsync($"/Recommender/Review/{world.ApplicationId}", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Opinion"] = "同意推荐。", ["trigger"] = "Endorse", ["Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, await StatusAsync(app, world.ApplicationId));

        using var unit = await SignInAsync(app, world.Applicant);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.Http.GetAsync($"/Recommender/Review/{world.ApplicationId}")).StatusCode);
    }

    [Fact]
    public async Task An_empty_opinion_is_refused_on_the_field_and_nothing_moves()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var world = await RecommendedApplicationAsync(app);
        using var recommender = await SignInAsync(app, world.Recommender);
        var before = await HistoryCountAsync(app, world.ApplicationId);

        var page = await recommender.SubmitAsync(await recommender.GetAsync($"/Recommender/Review/{world.ApplicationId}"),
            new Dictionary<string, string> { ["Opinion"] = " ", ["trigger"] = "Endorse" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("请填写推荐意见", page.Html.QuerySelector("span[data-valmsg-for='Opinion']")?.TextContent ?? string.Empty);
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, await StatusAsync(app, world.ApplicationId));
        Assert.Equal(before, await HistoryCountAsync(app, world.ApplicationId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_version_gets_the_conflict_message_and_no_move(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await RecommendedApplicationAsync(app);
        using var recommender = await SignInAsync(app, world.Recommender);
        var review = await recommender.GetAsync($"/Recommender/Review/{world.ApplicationId}");
        var version = int.Parse(review.InputValue("Version")!, System.Globalization.CultureInfo.InvariantCulture);
        var before = await HistoryCountAsync(app, world.ApplicationId);

        var late = await recommender.SubmitAsync(review, new Dictionary<string, string> { ["Opinion"] = "同意推荐。", ["trigger"] = "Endorse", ["Version"] = (version - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("本次操作未执行", late.Errors);
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, await StatusAsync(app, world.ApplicationId));
        Assert.Equal(before, await HistoryCountAsync(app, world.ApplicationId));
    }

    [Fact]
    public async Task Acting_on_an_already_endorsed_application_shows_the_domains_message_not_an_error_page()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var world = await RecommendedApplicationAsync(app);
        var colleague = await app.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var user = new GuoheUser
            {
                UserName = "colleague@test.cn", Email = "colleague@test.cn", EmailConfirmed = true, DisplayName = "同事",
                OrganisationId = world.Recommender.OrganisationId, CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, nameof(Role.Recommender))).Succeeded);
            return user;
        });
        using var first = await SignInAsync(app, world.Recommender);
        using var second = await SignInAsync(app, colleague);
        var pageA = await first.GetAsync($"/Recommender/Review/{world.ApplicationId}");
        var pageB = await second.GetAsync($"/Recommender/Review/{world.ApplicationId}");

        await first.SubmitAsync(pageA, new Dictionary<string, string> { ["Opinion"] = "同意推荐。", ["trigger"] = "Endorse" });
        var late = await second.SubmitAsync(pageB, new Dictionary<string, string> { ["Opinion"] = "不同意。", ["trigger"] = "Decline" });

        Assert.Equal(HttpStatusCode.OK, late.Status);
        Assert.Contains("不能执行", late.Errors);
        Assert.Equal(ApplicationStatus.Submitted, await StatusAsync(app, world.ApplicationId));
    }
}
