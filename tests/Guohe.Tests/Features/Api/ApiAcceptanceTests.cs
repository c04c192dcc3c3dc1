using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Api;

/// <summary>
/// Acceptance through /api/v1 (Art. 13(2)–(3)): a pilot unit whose construction summary is filed goes through the office's review,
/// the on-site evaluation, the experts' opinions (one amended), the proceedings and the proposal to the associations' confirmation
/// — the API alone, through the pages' code — and each role's answer is compared with its pages. Then an announcement's detail and
/// objections (Art. 11(7)): the office reads and handles them, everyone else and anonymous callers see the public page's fields.
/// </summary>
public sealed class ApiAcceptanceTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>
    /// A pilot past its term with its construction summary due (Art. 13(1)), by the domain verbs and as the office's job creates
    /// the obligation; the unit files it through the API in the test.
    /// </summary>
    private static async Task<(GuoheUser Unit, Guid DesignationId, Guid SummaryId)> SummaryDueAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.SubmittedAsync(applicant);
        var designationId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, applicationId, ChinaTime.DateOf(now), "苏州", null,
                [new ExpertAssignment(People.Expert1.UserId, People.Expert1.Name, true)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            visit.DeclareNoConflict(People.Expert1, now);
            visit.FileOpinion(People.Expert1, now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
            application.CompleteOpinions(People.Expert1, now, visit);
            application.ProposeApproval(People.Office, now, "建议授予试点单位。");
            var decision = Decision.ProposeGrantPilot(People.Office, now, application, "同意授予试点单位。");
            var designation = decision.Confirm(People.Association, now, application, DesignationRules.Default).OpenedDesignation!;
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            await db.SaveChangesAsync();
            return designation.Id;
        });
        app.Clock.Advance(TimeSpan.FromDays(2 * 366 + 1)); // past TermEndsOn
        var summaryId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var designation = await db.Designations.SingleAsync(d => d.Id == designationId);
            var summary = Obligation.Create(People.Office, now, designation,
                new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Guohe.Domain.History.Article.Art13_1));
            db.Obligations.Add(summary);
            await db.SaveChangesAsync();
            return summary.Id;
        });
        return (applicant, designationId, summaryId);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await api.SendAsync(request);
    }

    private static async Task<(JsonElement Body, string ETag)> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.Tag ?? string.Empty);
    }

    private static async Task<HttpResponseMessage> ProceedingsAsync(HttpClient api, Guid designationId, string? ifMatch, byte[]? minutes, string workReportOn, string inspectionOn, string reviewMeetingOn)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/designations/{designationId}/acceptance/proceedings");
        var content = new MultipartFormDataContent
        {
            { new StringContent(workReportOn), "workReportOn" },
            { new StringContent(inspectionOn), "inspectionOn" },
            { new StringContent(reviewMeetingOn), "reviewMeetingOn" },
        };
        if (minutes is not null)
        {
            content.Add(new ByteArrayContent(minutes) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "minutes", "评审会纪要.pdf");
        }
        request.Content = content;
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await api.SendAsync(request);
    }

    private static object Opinion(int score, string text) => new
    {
        scores = new { goalsAndModel = score, channelsAndTeam = score, technologyTransfer = score, platforms = score },
        recommendation = "Recommend",
        text,
    };

    private static string Tag(int version) => $"\"{version}\"";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_pilot_unit_goes_through_acceptance_to_base_through_the_api_alone_and_each_role_sees_what_its_pages_show(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (unitUser, designationId, summaryId) = await SummaryDueAsync(app);
        var first = await app.ExpertInPoolAsync();
        var second = await app.ExpertInPoolAsync();
        var (_, officeBrowser) = await app.SignedInAsync(Role.Office);
        using var office = app.Api(await officeBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var (_, associationBrowser) = await app.SignedInAsync(Role.Association);
        using var approver = app.Api(await associationBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var unitBrowser = await app.SignInAsync(unitUser, false);
        using var unit = app.Api(await unitBrowser.CreateTokenAsync("接口", 90, "read", "file"));

        // The unit files its construction summary (Form 4) through the API: the unit enters acceptance (Art. 13(1)).
        var (_, dueTag) = await OkAsync(await unit.GetAsync($"/api/v1/obligations/{summaryId}/form"));
        var summaryForm = new
        {
            preparer = new { name = "林晓", title = "国际合作部主任", phone = "0591-87654322", email = "lin@hxkj.cn", mobile = "13900000000" },
            workText = "三年建设期内与德国、新加坡合作机构开展联合孵化，完成建设任务。",
            achievements = "引进国外先进技术12项，孵化国际合作企业15家。",
            items = new object[] { new { text = "共建中德联合孵化平台", category = "Platforms", fields = new[] { "NewEnergy" } } },
            partners = new object[] { new { countryCode = "DE", institution = "Fraunhofer-Gesellschaft", content = "联合孵化" } },
        };
        var (_, savedTag) = await OkAsync(await SendAsync(unit, HttpMethod.Put, $"/api/v1/obligations/{summaryId}/form", summaryForm, dueTag));
        var (filedSummary, _) = await OkAsync(await SendAsync(unit, HttpMethod.Post, $"/api/v1/obligations/{summaryId}/file", null, savedTag));
        Assert.Equal("Filed", filedSummary.GetProperty("status").GetString());
        var firstBrowser = await app.SignInAsync(first, false);
        using var expert1 = app.Api(await firstBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var secondBrowser = await app.SignInAsync(second, false);
        using var expert2 = app.Api(await secondBrowser.CreateTokenAsync("接口", 90, "read", "office"));

        // Only the office reads the round, as only the office opens /Office/Acceptance/Evaluate.
        var url = $"/api/v1/designations/{designationId}/acceptance";
        foreach (var (api, browser) in new[] { (approver, associationBrowser), (unit, unitBrowser), (expert1, firstBrowser) })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await browser.Http.GetAsync($"/Office/Acceptance/Evaluate/{designationId}")).StatusCode);
            await (await api.GetAsync(url)).ProblemAsync(403);
        }
        await (await office.GetAsync($"/api/v1/designations/{Guid.NewGuid()}/acceptance")).ProblemAsync(404);
        var (round, designationTag) = await OkAsync(await office.GetAsync(url));
        Assert.Equal("AcceptanceReview", round.GetProperty("status").GetString());
        Assert.Equal("Filed", round.GetProperty("summaryStatus").GetString());
        Assert.False(round.GetProperty("canSchedule").GetBoolean());
        await (await office.GetAsync(url + "/candidates")).ProblemAsync(409); // not reviewed yet

        // The preliminary review of the summary (Art. 13(2)): If-Match of the summary; missing 428, stale 412.
        var summaryTag = Tag(round.GetProperty("summaryVersion").GetInt32());
        var review = new { opinion = "总结材料齐全，同意组织现场评估。" };
        await (await SendAsync(office, HttpMethod.Post, url + "/review", review)).ProblemAsync(428);
        await (await SendAsync(office, HttpMethod.Post, url + "/review", review, "\"999\"")).ProblemAsync(412);
        await (await SendAsync(office, HttpMethod.Post, url + "/review", new { opinion = "" }, summaryTag)).ProblemAsync(400);
        var (reviewed, _) = await OkAsync(await SendAsync(office, HttpMethod.Post, url + "/review", review, summaryTag));
        Assert.Equal("Reviewed", reviewed.GetProperty("summaryStatus").GetString());
        Assert.True(reviewed.GetProperty("canSchedule").GetBoolean());
        Assert.Contains("总结材料齐全，同意组织现场评估。", (await officeBrowser.GetAsync($"/Office/Acceptance/Evaluate/{designationId}")).Body, StringComparison.Ordinal);

        // The evaluation with a team of the two experts (the page's checks; the designation's ETag).
        var (candidates, _) = await OkAsync(await office.GetAsync(url + "/candidates"));
        var ids = candidates.EnumerateArray().Select(c => c.GetProperty("userId").GetGuid()).ToHashSet();
        Assert.Contains(first.Id, ids);
        Assert.Contains(second.Id, ids);
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var schedule = new { date = today, place = "福州市鼓楼区软件大道89号", team = new[] { first.Id, second.Id }, leader = first.Id };
        var badTeam = (await (await SendAsync(office, HttpMethod.Post, url + "/evaluation", new { date = today, place = "福州", team = new[] { Guid.NewGuid() } }, designationTag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(badTeam.TryGetProperty("team", out _));
        await (await SendAsync(office, HttpMethod.Post, url + "/evaluation", schedule, "\"999\"")).ProblemAsync(412);
        var (scheduled, visitTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, url + "/evaluation", schedule, designationTag), HttpStatusCode.Created);
        var visitId = scheduled.GetProperty("evaluation").GetProperty("id").GetGuid();
        Assert.Equal(Tag(scheduled.GetProperty("evaluation").GetProperty("version").GetInt32()), visitTag);
        await (await SendAsync(office, HttpMethod.Post, url + "/evaluation", schedule, Tag(scheduled.GetProperty("version").GetInt32()))).ProblemAsync(409); // once a round

        // The experts: declare, file (the last one tells the office), one amends; each sees what their page shows.
        await (await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion", Opinion(20, "建设目标基本完成。"), visitTag)).ProblemAsync(409); // not declared
        var (declared, declaredTag) = await OkAsync(await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/declaration", null, visitTag));
        Assert.True(declared.GetProperty("team")[0].GetProperty("declared").GetBoolean());
        var (filed, filedTag) = await OkAsync(await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion", Opinion(20, "建设目标基本完成。"), declaredTag));
        await (await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion", Opinion(20, "再次提交。"), filedTag)).ProblemAsync(409); // locked
        await (await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion/amendment", new { scores = new { goalsAndModel = 21, channelsAndTeam = 21, technologyTransfer = 21, platforms = 21 }, recommendation = "Recommend", text = "更正。" }, filedTag)).ProblemAsync(400); // no reason
        await (await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion/amendment",
            new { scores = new { goalsAndModel = 21, channelsAndTeam = 21, technologyTransfer = 21, platforms = 21 }, recommendation = "Recommend", text = "更正。", reason = "补充" }, declaredTag)).ProblemAsync(412);
        var (amended, _) = await OkAsync(await SendAsync(expert1, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion/amendment",
            new { scores = new { goalsAndModel = 22, channelsAndTeam = 21, technologyTransfer = 22, platforms = 21 }, recommendation = "Recommend", text = "建设目标全部完成，国际合作渠道稳定。", reason = "更正第一项评分。" }, filedTag));
        var revisions = amended.GetProperty("opinions").EnumerateArray().ToList();
        Assert.Equal([2, 1], revisions.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal("更正第一项评分。", revisions[0].GetProperty("amendmentReason").GetString());
        await (await SendAsync(expert2, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion/amendment", Opinion(20, "x"), Tag(amended.GetProperty("version").GetInt32()))).ProblemAsync(400); // no reason field
        var expertPage = await firstBrowser.GetAsync($"/Expert/Evaluation/{visitId}");
        foreach (var text in new[] { "建设目标全部完成，国际合作渠道稳定。", "更正第一项评分。", "建设目标基本完成。" })
        {
            Assert.Contains(text, expertPage.Body, StringComparison.Ordinal);
        }
        var (mine, _) = await OkAsync(await expert1.GetAsync($"/api/v1/site-visits/{visitId}"));
        Assert.Single(mine.GetProperty("team").EnumerateArray()); // an expert sees their own row
        Assert.Equal(2, mine.GetProperty("opinions").GetArrayLength());
        await (await unit.GetAsync($"/api/v1/site-visits/{visitId}")).ProblemAsync(403);

        var (_, secondTag) = await OkAsync(await SendAsync(expert2, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/declaration", null, Tag(amended.GetProperty("version").GetInt32())));
        var (last, _) = await OkAsync(await SendAsync(expert2, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion", Opinion(19, "平台建设成效明显。"), secondTag));
        Assert.True(last.GetProperty("allOpinionsFiled").GetBoolean());
        Assert.Contains(await app.WithDbAsync((db, _) => db.Notifications.AsNoTracking().Select(n => n.TextZh).ToListAsync()),
            t => t.Contains("现场评估的专家书面评估意见已全部提交", StringComparison.Ordinal));

        // Not yet: the proposal needs the proceedings. The proceedings: dates, minutes, the evaluation's ETag.
        var (beforeProceedings, _) = await OkAsync(await office.GetAsync(url));
        Assert.False(beforeProceedings.GetProperty("canPropose").GetBoolean());
        await (await SendAsync(office, HttpMethod.Post, url + "/proposal", new { kind = "GrantBase", reason = "理由" }, Tag(beforeProceedings.GetProperty("version").GetInt32()))).ProblemAsync(409);
        var evaluationTag = Tag(beforeProceedings.GetProperty("evaluation").GetProperty("version").GetInt32());
        await (await ProceedingsAsync(office, designationId, evaluationTag, null, today, today, today)).ProblemAsync(409); // minutes required the first time
        var order = (await (await ProceedingsAsync(office, designationId, evaluationTag, Pdf, today, today, "2000-01-01")).ProblemAsync(400)).GetProperty("errors");
        Assert.True(order.TryGetProperty("reviewMeetingOn", out _));
        await (await ProceedingsAsync(office, designationId, evaluationTag, Pdf, "20260101", today, today)).ProblemAsync(400);
        await (await ProceedingsAsync(office, designationId, "\"999\"", Pdf, today, today, today)).ProblemAsync(412);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.StoredFiles.CountAsync(f => f.Kind == Guohe.Web.Files.DocumentKind.EvaluationMinutes)));
        var (recorded, _) = await OkAsync(await ProceedingsAsync(office, designationId, evaluationTag, Pdf, today, today, today));
        Assert.True(recorded.GetProperty("minutesFiled").GetBoolean());
        Assert.True(recorded.GetProperty("canPropose").GetBoolean());

        // The office's view equals its page: both current opinions (the amended revision), the proceedings.
        var page = await officeBrowser.GetAsync($"/Office/Acceptance/Evaluate/{designationId}");
        foreach (var opinion in recorded.GetProperty("opinions").EnumerateArray())
        {
            Assert.Contains(opinion.GetProperty("text").GetString()!, page.Body, StringComparison.Ordinal);
        }
        Assert.Equal(new HashSet<string?> { "建设目标全部完成，国际合作渠道稳定。", "平台建设成效明显。" },
            recorded.GetProperty("opinions").EnumerateArray().Select(o => o.GetProperty("text").GetString()).ToHashSet());

        // The proposal (Art. 13(3)) and the associations' confirmation: the unit becomes a base.
        var proposalTag = Tag(recorded.GetProperty("version").GetInt32());
        var wrongKind = (await (await SendAsync(office, HttpMethod.Post, url + "/proposal", new { kind = "GrantPilot", reason = "理由" }, proposalTag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(wrongKind.TryGetProperty("kind", out _));
        await (await SendAsync(approver, HttpMethod.Post, url + "/proposal", new { kind = "GrantBase", reason = "理由" }, proposalTag)).ProblemAsync(403);
        var (decision, decisionTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, url + "/proposal",
            new { kind = "GrantBase", reason = "建设任务全部完成，专家一致建议授予国合孵化基地。" }, proposalTag), HttpStatusCode.Created);
        Assert.Equal("Proposed", decision.GetProperty("status").GetString());
        await (await SendAsync(office, HttpMethod.Post, url + "/proposal", new { kind = "GrantBase", reason = "再次" }, proposalTag)).ProblemAsync(412); // the designation moved on
        var decisionId = decision.GetProperty("id").GetGuid();
        Assert.Contains(decisionId.ToString(), (await associationBrowser.GetAsync("/Association")).Text, StringComparison.OrdinalIgnoreCase);
        var (confirmed, _) = await OkAsync(await SendAsync(approver, HttpMethod.Post, $"/api/v1/decisions/{decisionId}/confirmation", new { opinion = "同意。" }, decisionTag));
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());
        var (designation, _) = await OkAsync(await unit.GetAsync($"/api/v1/designations/{designationId}"));
        Assert.Equal("Base", designation.GetProperty("status").GetString());
        Assert.Equal(DesignationStatus.Base, (await app.WithDbAsync((db, _) => db.Designations.AsNoTracking().SingleAsync(d => d.Id == designationId))).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_office_reads_and_handles_objections_through_the_api_and_everyone_else_sees_the_public_pages_fields(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (announcementId, objectionIds, draftId) = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var open = Announcement.Draft(People.Office, now, new AnnouncementText("2026年度试点单位拟入选名单公示", "1. 福州国际创新孵化器有限公司", null, ChinaTime.DateOf(now), 7));
            open.Publish(People.Office, now);
            var draft = Announcement.Draft(People.Office, now, new AnnouncementText("尚未发布的公示草稿", "内容", null, ChinaTime.DateOf(now).AddDays(10), 7));
            var objections = Enumerable.Range(1, 3)
                .Select(i => Objection.File(open, now.AddMinutes(i), new ObjectionText($"异议人{i}", $"1390000000{i}", $"第{i}件异议：合作协议已过期。"), "hash"))
                .ToList();
            db.Announcements.AddRange(open, draft);
            db.Objections.AddRange(objections);
            await db.SaveChangesAsync();
            return (open.Id, objections.Select(o => o.Id).ToList(), draft.Id);
        });
        var (_, officeBrowser) = await app.SignedInAsync(Role.Office);
        using var office = app.Api(await officeBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        using var officeReader = app.Api(await officeBrowser.CreateTokenAsync("只读", 90, "read"));

        // The office: the announcement with counts and ETag; objections paged with the objectors' data, as its page.
        var (detail, detailTag) = await OkAsync(await office.GetAsync($"/api/v1/announcements/{announcementId}"));
        Assert.Equal(3, detail.GetProperty("objections").GetInt32());
        Assert.Equal(3, detail.GetProperty("unhandled").GetInt32());
        Assert.False(string.IsNullOrEmpty(detailTag));
        await OkAsync(await office.GetAsync($"/api/v1/announcements/{draftId}"));
        var (pageOne, _) = await OkAsync(await office.GetAsync($"/api/v1/announcements/{announcementId}/objections?size=2"));
        Assert.Equal(3, pageOne.GetProperty("total").GetInt32());
        Assert.Equal([1, 2], pageOne.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetInt32()));
        var (pageTwo, _) = await OkAsync(await office.GetAsync($"/api/v1/announcements/{announcementId}/objections?size=2&page=2"));
        var third = Assert.Single(pageTwo.GetProperty("items").EnumerateArray());
        Assert.Equal(3, third.GetProperty("number").GetInt32());
        Assert.Equal("异议人3", third.GetProperty("name").GetString());
        var officePage = await officeBrowser.GetAsync($"/Office/Announcements/{announcementId}");
        Assert.All(pageOne.GetProperty("items").EnumerateArray(), o => Assert.Contains(o.GetProperty("text").GetString()!, officePage.Body, StringComparison.Ordinal));
        await (await office.GetAsync($"/api/v1/announcements/{announcementId}/objections?size=0")).ProblemAsync(400);
        await (await office.GetAsync($"/api/v1/announcements/{Guid.NewGuid()}/objections")).ProblemAsync(404);

        // Handling: the office scope, If-Match of the objection, an outcome and a text; then the page shows it.
        var handling = $"/api/v1/announcements/{announcementId}/objections/{objectionIds[1]}/handling";
        var tag = $"\"{pageOne.GetProperty("items")[1].GetProperty("version").GetInt32()}\"";
        var body = new { outcome = "NotUpheld", handling = "经核实，该单位国际合作协议真实有效。" };
        await (await SendAsync(officeReader, HttpMethod.Post, handling, body, tag)).ProblemAsync(403);
        await (await SendAsync(office, HttpMethod.Post, handling, body)).ProblemAsync(428);
        await (await SendAsync(office, HttpMethod.Post, handling, body, "\"999\"")).ProblemAsync(412);
        var missing = (await (await SendAsync(office, HttpMethod.Post, handling, new { handling = "说明" }, tag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(missing.TryGetProperty("outcome", out _));
        await (await SendAsync(office, HttpMethod.Post, $"/api/v1/announcements/{draftId}/objections/{objectionIds[1]}/handling", body, tag)).ProblemAsync(404);
        var (handled, handledTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, handling, body, tag));
        Assert.Equal("NotUpheld", handled.GetProperty("outcome").GetString());
        Assert.Equal(2, handled.GetProperty("number").GetInt32());
        Assert.NotEqual(tag, handledTag);
        Assert.Contains("经核实，该单位国际合作协议真实有效。", (await officeBrowser.GetAsync($"/Office/Announcements/{announcementId}")).Body, StringComparison.Ordinal);
        Assert.Equal(2, (await OkAsync(await office.GetAsync($"/api/v1/announcements/{announcementId}"))).Body.GetProperty("unhandled").GetInt32());

        // Every other role: the published announcement as the public page shows it — no counts, no objectors; no draft, no objections list.
        foreach (var role in new[] { Role.Association, Role.Auditor, Role.Admin, Role.Recommender, Role.Expert, Role.Applicant })
        {
            var (_, browser) = await app.SignedInAsync(role);
            using var api = app.Api(await browser.CreateTokenAsync());
            var (seen, _) = await OkAsync(await api.GetAsync($"/api/v1/announcements/{announcementId}"));
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("objections").ValueKind);
            Assert.DoesNotContain("异议人", seen.GetRawText(), StringComparison.Ordinal);
            Assert.Contains(seen.GetProperty("title").GetString()!, (await browser.GetAsync($"/Announcements/{announcementId}")).Body, StringComparison.Ordinal);
            await (await api.GetAsync($"/api/v1/announcements/{draftId}")).ProblemAsync(404);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/Announcements/{draftId}")).StatusCode);
            await (await api.GetAsync($"/api/v1/announcements/{announcementId}/objections")).ProblemAsync(403);
            await (await SendAsync(api, HttpMethod.Post, handling, body, handledTag)).ProblemAsync(403);
        }

        // Anonymous: the public detail, cacheable; after closing the outcomes without the objectors' data, as the public page.
        using var anonymous = app.Api(null);
        await (await anonymous.GetAsync($"/api/v1/announcements/{announcementId}")).ProblemAsync(401);
        await (await anonymous.GetAsync($"/api/v1/public/announcements/{draftId}")).ProblemAsync(404);
        var response = await anonymous.GetAsync($"/api/v1/public/announcements/{announcementId}");
        var (open, openTag) = await OkAsync(response);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Equal("Open", open.GetProperty("phase").GetString());
        Assert.Empty(open.GetProperty("outcomes").EnumerateArray());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/announcements/{announcementId}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", openTag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);

        await app.WithDbAsync(async (db, _) =>
        {
            app.Clock.Advance(TimeSpan.FromDays(10));
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var announcement = await db.Announcements.SingleAsync(a => a.Id == announcementId);
            foreach (var objection in await db.Objections.Where(o => o.AnnouncementId == announcementId && o.Outcome == null).ToListAsync())
            {
                objection.Handle(People.Office, now, announcement, ObjectionOutcome.NotUpheld, "不成立。");
            }
            await db.SaveChangesAsync();
            announcement.Close(People.Office, now, "公示期内收到异议3件，经核实均不成立。", 0);
            await db.SaveChangesAsync();
        });
        var (closed, _) = await OkAsync(await anonymous.GetAsync($"/api/v1/public/announcements/{announcementId}"));
        Assert.Equal("Closed", closed.GetProperty("phase").GetString());
        Assert.Equal([1, 2, 3], closed.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("number").GetInt32()));
        Assert.Equal("经核实，该单位国际合作协议真实有效。", closed.GetProperty("outcomes")[1].GetProperty("handling").GetString());
        Assert.DoesNotContain("异议人", closed.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("合作协议已过期", closed.GetRawText(), StringComparison.Ordinal);
        var publicPage = await app.Browse().GetAsync($"/Announcements/{announcementId}");
        Assert.Contains("公示期内收到异议3件，经核实均不成立。", publicPage.Body, StringComparison.Ordinal);
        Assert.Equal("公示期内收到异议3件，经核实均不成立。", closed.GetProperty("closingStatement").GetString());
        await (await SendAsync(office, HttpMethod.Post, handling, body, handledTag)).ProblemAsync(409); // closed: the domain refuses
    }
}
