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
/// Forms 2–4 through /api/v1 (Art. 12(1), 12(3), 13(1), 14) and the office's review (Art. 12(1), 12(3), 13(2)), through the
/// pages' own code; and the read endpoints of the partner directory (Art. 9(2)–(3)), the statistics (Art. 7(5)) and the
/// announcements (Art. 11(7)) as every role and anonymously, compared with what the same user's pages show.
/// </summary>
public sealed class ApiObligationTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>A unit made a pilot (Art. 11(6)) with the obligations due today, as the office's job creates them; the annual plan's id.</summary>
    private static async Task<(GuoheUser User, Guid PlanId, Guid DesignationId)> PilotAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.SubmittedAsync(applicant);
        var (plan, designationId) = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, applicationId, ChinaTime.DateOf(now), "苏州", null,
                [new ExpertAssignment(People.Expert1.UserId, People.Expert1.Name, true), new ExpertAssignment(People.Expert2.UserId, People.Expert2.Name, false)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            foreach (var expert in new[] { People.Expert1, People.Expert2 })
            {
                visit.DeclareNoConflict(expert, now);
                visit.FileOpinion(expert, now, World.GoodScores, OverallRecommendation.Recommend, "国际化基础扎实。");
            }
            application.CompleteOpinions(People.Expert2, now, visit);
            application.ProposeApproval(People.Office, now, "建议授予试点单位。");
            var decision = Decision.ProposeGrantPilot(People.Office, now, application, "同意授予试点单位。");
            var designation = decision.Confirm(People.Association, now, application, DesignationRules.Default).OpenedDesignation!;
            var obligations = ObligationPlanner.Missing(designation, [], ChinaTime.DateOf(now), ObligationRules.Default)
                .Select(due => Obligation.Create(People.Office, now, designation, due)).ToList();
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
            return (obligations.Single(o => o.Kind == ObligationKind.AnnualPlan).Id, designation.Id);
        });
        return (applicant, plan, designationId);
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

    private static async Task<(JsonElement Body, string ETag)> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.Tag ?? string.Empty);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient api, Guid id, string kind, string name, byte[] bytes, string type)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(type) } }, "file", name);
        return await api.PutAsync($"/api/v1/obligations/{id}/documents/{kind}", content);
    }

    private static object Preparer(string mobile = "13800000001") =>
        new { name = "张制表", title = "国际合作部经理", phone = "0591-87000003", email = "zhang@fzinc.cn", mobile };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_unit_files_its_plan_with_partner_rows_through_the_api_the_office_reviews_it_through_the_api_and_the_pages_show_the_same(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (unitUser, planId, _) = await PilotAsync(app);
        var unitBrowser = await app.SignInAsync(unitUser, false);
        using var unit = app.Api(await unitBrowser.CreateTokenAsync("接口", 90, "read", "file"));
        using var unitEn = app.Api(await unitBrowser.CreateTokenAsync("接口英文", 90, "read", "file"), "en");
        var officeUser = await app.CreateAsync(Role.Office, twoFactor: true);
        var officeBrowser = await app.SignInAsync(officeUser, true);
        using var office = app.Api(await officeBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var (_, associationBrowser) = await app.SignedInAsync(Role.Association);
        using var approver = app.Api(await associationBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var (otherUser, otherPlanId, _) = await PilotAsync(app);
        using var otherUnit = app.Api(await (await app.SignInAsync(otherUser, false)).CreateTokenAsync("接口", 90, "read", "file"));

        var (_, etag) = await OkAsync(await unit.GetAsync($"/api/v1/obligations/{planId}"));
        var (blank, formTag) = await OkAsync(await unit.GetAsync($"/api/v1/obligations/{planId}/form"));
        Assert.Equal(etag, formTag);
        Assert.Empty(blank.GetProperty("items").EnumerateArray());

        var form = new
        {
            preparer = Preparer(),
            workText = "与办公室共同举办中德创新论坛。",
            achievements = "",
            items = new object[]
            {
                new { text = "举办中德创新创业人才培训班两期", category = "TalentTraining", fields = new[] { "AdvancedManufacturing", "NewEnergy" } },
                new { text = "共建中新联合实验室", category = "Platforms", fields = Array.Empty<string>() },
            },
            partners = new object[]
            {
                new { countryCode = "DE", institution = "Fraunhofer-Gesellschaft", content = "联合孵化" },
                new { countryCode = "SG", institution = "National University of Singapore", content = "共建实验室" },
            },
        };
        // If-Match is required; another version is stale; another unit's obligation is not there.
        await (await SendAsync(unit, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", form)).ProblemAsync(428);
        await (await SendAsync(unit, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", form, "\"999\"")).ProblemAsync(412);
        await (await SendAsync(otherUnit, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", form, etag)).ProblemAsync(404);
        await (await otherUnit.GetAsync($"/api/v1/obligations/{planId}/form")).ProblemAsync(404);
        await (await SendAsync(office, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", form, etag)).ProblemAsync(403); // the office files nothing

        // Field errors under JSON paths, in the request's language; nothing stored.
        var bad = new
        {
            preparer = Preparer(mobile: "123"),
            workText = "x",
            items = new object[] { new { text = "没有类别的事项", fields = Array.Empty<string>() } },
            partners = new object[] { new { countryCode = "XX", institution = "某机构", content = "合作" } },
        };
        var errors = (await (await SendAsync(unit, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", bad, etag)).ProblemAsync(400)).GetProperty("errors");
        Assert.Equal("手机号应为以1开头的11位数字。", errors.GetProperty("preparer.mobile")[0].GetString());
        Assert.Equal("请为第1项计划事项选择建设内容类别。", errors.GetProperty("items[0].category")[0].GetString());
        Assert.Equal("请从列表中选择国家。", errors.GetProperty("partners[0].countryCode")[0].GetString());
        var english = (await (await SendAsync(unitEn, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", bad, etag)).ProblemAsync(400)).GetProperty("errors");
        Assert.Matches("^[\\x20-\\x7E]+$", english.GetProperty("items[0].category")[0].GetString()!);
        Assert.Equal(etag, (await OkAsync(await unit.GetAsync($"/api/v1/obligations/{planId}/form"))).ETag);

        // The draft, a document, then filing (a stale tag first).
        var (saved, savedTag) = await OkAsync(await SendAsync(unit, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", form, etag));
        Assert.NotEqual(etag, savedTag);
        Assert.Equal(["AdvancedManufacturing", "NewEnergy"], saved.GetProperty("items")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
        await (await UploadAsync(unit, planId, "BusinessLicence", "计划.pdf", Pdf, "application/pdf")).ProblemAsync(400);
        var wrongType = (await (await UploadAsync(unit, planId, "ObligationDocument", "计划.txt", "计划"u8.ToArray(), "text/plain")).ProblemAsync(400)).GetProperty("errors");
        Assert.Equal("计划或总结文档只接受 PDF 或 DOCX 文件。", wrongType.GetProperty("file")[0].GetString());
        var (uploaded, _) = await OkAsync(await UploadAsync(unit, planId, "ObligationDocument", "2026年度工作计划.pdf", Pdf, "application/pdf"));
        Assert.Equal("ObligationDocument", uploaded.GetProperty("kind").GetString());
        await (await SendAsync(unit, HttpMethod.Post, $"/api/v1/obligations/{planId}/file", null, etag)).ProblemAsync(412);
        var (filed, filedTag) = await OkAsync(await SendAsync(unit, HttpMethod.Post, $"/api/v1/obligations/{planId}/file", null, savedTag));
        Assert.Equal("Filed", filed.GetProperty("status").GetString());
        Assert.Equal(filedTag, $"\"{filed.GetProperty("version").GetInt32()}\"");
        await (await SendAsync(unit, HttpMethod.Put, $"/api/v1/obligations/{planId}/form", form, filedTag)).ProblemAsync(409); // read-only once filed
        await (await UploadAsync(unit, planId, "ObligationDocument", "新.pdf", Pdf, "application/pdf")).ProblemAsync(409);

        // Filed as the page files: the partner rows linked to the directory, the office told.
        var stored = await app.WithDbAsync((db, _) => db.Obligations.AsNoTracking().SingleAsync(o => o.Id == planId));
        Assert.Equal(ObligationStatus.Filed, stored.Status);
        Assert.Equal(["DE", "SG"], stored.Partners.Select(p => p.CountryCode));
        Assert.All(stored.Partners, p => Assert.NotNull(p.InstitutionId));
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.Institutions.CountAsync()));
        Assert.Contains(await app.WithDbAsync((db, _) => db.Notifications.AsNoTracking().Select(n => n.TextZh).ToListAsync()),
            text => text.Contains("待审核", StringComparison.Ordinal));

        // The office reads the same form through the API as on its review page.
        var (officeForm, officeTag) = await OkAsync(await office.GetAsync($"/api/v1/obligations/{planId}/form"));
        Assert.Equal(filedTag, officeTag);
        var reviewPage = await officeBrowser.GetAsync($"/Office/Obligations/Review/{planId}");
        foreach (var text in officeForm.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!)
            .Concat(officeForm.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("institution").GetString()!)))
        {
            Assert.Contains(text, reviewPage.Body, StringComparison.Ordinal);
        }

        // The review: only the office, an opinion required, If-Match; then the page shows it.
        var review = new { opinion = "计划具体可行，同意。" };
        await (await SendAsync(unit, HttpMethod.Post, $"/api/v1/obligations/{planId}/review", review, officeTag)).ProblemAsync(403);
        await (await SendAsync(approver, HttpMethod.Post, $"/api/v1/obligations/{planId}/review", review, officeTag)).ProblemAsync(403);
        await (await SendAsync(office, HttpMethod.Post, $"/api/v1/obligations/{planId}/review", review)).ProblemAsync(428);
        var missing = (await (await SendAsync(office, HttpMethod.Post, $"/api/v1/obligations/{planId}/review", new { opinion = "" }, officeTag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(missing.TryGetProperty("opinion", out _));
        var (reviewed, reviewedTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, $"/api/v1/obligations/{planId}/review", review, officeTag));
        Assert.Equal("Reviewed", reviewed.GetProperty("status").GetString());
        await (await SendAsync(office, HttpMethod.Post, $"/api/v1/obligations/{planId}/review", review, reviewedTag)).ProblemAsync(409); // reviewed once
        Assert.Contains("计划具体可行，同意。", (await officeBrowser.GetAsync($"/Office/Obligations/Review/{planId}")).Body, StringComparison.Ordinal);
        var unitPage = await unitBrowser.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        Assert.Contains("计划具体可行，同意。", unitPage.Body, StringComparison.Ordinal);
        foreach (var text in new[] { "举办中德创新创业人才培训班两期", "共建中新联合实验室", "Fraunhofer-Gesellschaft", "National University of Singapore", "张制表" })
        {
            Assert.Contains(text, unitPage.Body, StringComparison.Ordinal);
        }

        // The extension of another unit's open plan: a reason and a later date, as on the page.
        var (_, otherTag) = await OkAsync(await office.GetAsync($"/api/v1/obligations/{otherPlanId}"));
        var due = (await app.WithDbAsync((db, _) => db.Obligations.AsNoTracking().SingleAsync(o => o.Id == otherPlanId))).DueDate;
        var noReason = (await (await SendAsync(office, HttpMethod.Post, $"/api/v1/obligations/{otherPlanId}/extension", new { newDueDate = due.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, otherTag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(noReason.TryGetProperty("reason", out _));
        var (extended, _) = await OkAsync(await SendAsync(office, HttpMethod.Post, $"/api/v1/obligations/{otherPlanId}/extension",
            new { newDueDate = due.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "单位搬迁，材料延后。" }, otherTag));
        Assert.Equal(due.AddDays(30), DateOnly.Parse(extended.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_role_and_anonymous_see_the_forms_directory_statistics_and_announcements_no_more_than_their_pages(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (unitUser, planId, _) = await PilotAsync(app);
        var unitBrowser = await app.SignInAsync(unitUser, false);
        // The plan filed through the page, so the directory has entries.
        var edit = await unitBrowser.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        await unitBrowser.ClickAsync(edit, "提交",
            ("Input.Preparer.Name", "张制表"), ("Input.Preparer.Title", "经理"), ("Input.Preparer.Phone", "0591-87000003"),
            ("Input.Preparer.Email", "zhang@fzinc.cn"), ("Input.Preparer.Mobile", "13800000001"), ("Input.WorkText", "开展中德技术转移合作。"),
            ("Input.Items[0].Text", "组织赴德技术对接"), ("Input.Items[0].Category", nameof(ConstructionContent.ResourceNetwork)),
            ("Input.Partners[0].CountryCode", "DE"), ("Input.Partners[0].Institution", "Fraunhofer-Gesellschaft"), ("Input.Partners[0].Content", "技术对接"));
        var (published, draft) = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var open = Announcement.Draft(People.Office, now, new AnnouncementText("2026年度试点单位拟入选名单公示", "1. 福州国际创新孵化器有限公司", null, ChinaTime.DateOf(now), 7));
            open.Publish(People.Office, now);
            var unpublished = Announcement.Draft(People.Office, now, new AnnouncementText("尚未发布的公示草稿", "内容", null, ChinaTime.DateOf(now).AddDays(10), 7));
            db.Announcements.AddRange(open, unpublished);
            await db.SaveChangesAsync();
            return (open.Id, unpublished.Id);
        });

        var browsers = new Dictionary<Role, PageClient> { [Role.Applicant] = unitBrowser };
        foreach (var role in new[] { Role.Office, Role.Association, Role.Auditor, Role.Admin, Role.Recommender, Role.Expert })
        {
            browsers[role] = (await app.SignedInAsync(role)).Client;
        }
        using var anonymous = app.Api(null);
        var anonymousBrowser = app.Browse();

        foreach (var (role, browser) in browsers)
        {
            using var api = app.Api(await browser.CreateTokenAsync());
            var isOffice = role == Role.Office;

            // The form of Forms 2–4: exactly who may download it as a Word file on the pages.
            var download = (await browser.Http.GetAsync($"/Files/Obligation/{planId}")).StatusCode;
            var form = await api.GetAsync($"/api/v1/obligations/{planId}/form");
            Assert.True((download == HttpStatusCode.OK) == (form.StatusCode == HttpStatusCode.OK), $"{role}: download {download}, API {form.StatusCode}");
            if (form.StatusCode != HttpStatusCode.OK)
            {
                await form.ProblemAsync(404);
            }

            // The directory and the statistics: the office's pages, so the office's endpoints.
            var directoryPage = await browser.GetAsync("/Office/Institutions");
            var directory = await api.GetAsync("/api/v1/institutions");
            var statisticsPage = await browser.GetAsync("/Office/Statistics");
            var statistics = await api.GetAsync("/api/v1/statistics");
            Assert.Equal(isOffice, directoryPage.Status == HttpStatusCode.OK);
            Assert.Equal(isOffice, statisticsPage.Status == HttpStatusCode.OK);
            if (isOffice)
            {
                var (institutions, _) = await OkAsync(directory);
                var names = institutions.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
                Assert.Equal(directoryPage.Html.QuerySelectorAll("table a[href^='/Office/Institutions/Detail/']").Select(a => a.TextContent.Trim()), names);
                Assert.Equal(["Fraunhofer-Gesellschaft"], names);
                Assert.Equal(1, institutions.GetProperty("items")[0].GetProperty("units").GetInt32());
                Assert.Empty((await OkAsync(await api.GetAsync("/api/v1/institutions?country=SG"))).Body.GetProperty("items").EnumerateArray());
                await (await api.GetAsync("/api/v1/institutions?country=ZZ")).ProblemAsync(400);

                var (figures, _) = await OkAsync(statistics);
                foreach (var figure in figures.GetProperty("figures").EnumerateArray())
                {
                    var shown = statisticsPage.Html.QuerySelector($"#figure-{figure.GetProperty("key").GetString()}")?.TextContent.Trim();
                    Assert.Equal(shown, figure.GetProperty("value").GetDecimal().ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                }
                Assert.All(figures.GetProperty("tables").EnumerateArray(),
                    t => Assert.NotNull(statisticsPage.Html.QuerySelector($"#section-{t.GetProperty("key").GetString()}")));
                await (await api.GetAsync("/api/v1/statistics?from=1999")).ProblemAsync(400);
            }
            else
            {
                await directory.ProblemAsync(403);
                await statistics.ProblemAsync(403);
            }

            // Announcements: the office's list (drafts, objections) for the office, the public list for everyone else.
            var (announcements, _) = await OkAsync(await api.GetAsync("/api/v1/announcements"));
            var ids = announcements.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
            var page = await browser.GetAsync(isOffice ? "/Office/Announcements" : "/Announcements");
            var linked = page.Html.QuerySelectorAll(isOffice ? "a[href^='/Office/Announcements/']" : "a[href^='/Announcements/']")
                .Select(a => a.GetAttribute("href")!.Split('/').Last()).Where(s => Guid.TryParse(s, out _)).Select(Guid.Parse).Distinct().ToList();
            Assert.Equal(linked, ids);
            Assert.Contains(published, ids);
            Assert.Equal(isOffice, ids.Contains(draft));
            Assert.All(announcements.GetProperty("items").EnumerateArray(),
                a => Assert.Equal(isOffice ? JsonValueKind.Number : JsonValueKind.Null, a.GetProperty("objections").ValueKind));
        }

        // Anonymous: no token, no private endpoint; the public announcements as /Announcements shows them, cacheable.
        foreach (var url in new[] { $"/api/v1/obligations/{planId}/form", "/api/v1/institutions", "/api/v1/statistics", "/api/v1/announcements" })
        {
            await (await anonymous.GetAsync(url)).ProblemAsync(401);
        }
        var response = await anonymous.GetAsync("/api/v1/public/announcements");
        var (list, tag) = await OkAsync(response);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.False(string.IsNullOrEmpty(tag));
        var publicPage = await anonymousBrowser.GetAsync("/Announcements");
        Assert.Equal(
            publicPage.Html.QuerySelectorAll("a[href^='/Announcements/']").Select(a => a.TextContent.Trim()),
            list.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(published, only.GetProperty("id").GetGuid());
        Assert.Equal("Open", only.GetProperty("phase").GetString());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/announcements");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", tag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(conditional)).StatusCode);
        await (await anonymous.GetAsync("/api/v1/public/announcements?size=0")).ProblemAsync(400);
    }

    private static async Task<HttpResponseMessage> ProposeAsync(HttpClient api, Guid designationId, params (string Name, string Value)[] fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return await api.PostAsync($"/api/v1/designations/{designationId}/decisions", content);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_office_proposes_disqualifying_a_pilot_through_the_api_and_an_association_confirms_it_as_on_the_pages(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (unitUser, _, designationId) = await PilotAsync(app);
        var (_, officeBrowser) = await app.SignedInAsync(Role.Office);
        using var office = app.Api(await officeBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var (_, associationBrowser) = await app.SignedInAsync(Role.Association);
        using var approver = app.Api(await associationBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        using var unit = app.Api(await (await app.SignInAsync(unitUser, false)).CreateTokenAsync("接口", 90, "read", "file"));

        // Only the office; the kinds of the page; a reason; the facts of a serious violation (Art. 14); the state's own refusal.
        await (await ProposeAsync(approver, designationId, ("kind", "DisqualifyPilot"), ("reason", "理由"))).ProblemAsync(403);
        await (await ProposeAsync(unit, designationId, ("kind", "DisqualifyPilot"), ("reason", "理由"))).ProblemAsync(403);
        var noReason = (await (await ProposeAsync(office, designationId, ("kind", "DisqualifyPilot"))).ProblemAsync(400)).GetProperty("errors");
        Assert.Equal("请填写拟定决定的理由。", noReason.GetProperty("reason")[0].GetString());
        var grant = (await (await ProposeAsync(office, designationId, ("kind", "GrantPilot"), ("reason", "理由"))).ProblemAsync(400)).GetProperty("errors");
        Assert.True(grant.TryGetProperty("kind", out _));
        var facts = (await (await ProposeAsync(office, designationId, ("kind", "RevokeBase"), ("ground", "SeriousViolation"), ("reason", "严重违规"))).ProblemAsync(400)).GetProperty("errors");
        Assert.Equal("以严重违纪违规为由取消基地资格的，请上传事实材料（《办法》第十四条）。", facts.GetProperty("facts")[0].GetString());
        await (await ProposeAsync(office, designationId, ("kind", "PublicNotice"), ("reason", "通报"))).ProblemAsync(409); // a pilot is not a base
        await (await ProposeAsync(office, Guid.NewGuid(), ("kind", "DisqualifyPilot"), ("reason", "理由"))).ProblemAsync(404);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Decisions.CountAsync(d => d.DesignationId == designationId)));

        var response = await ProposeAsync(office, designationId, ("kind", "DisqualifyPilot"), ("reason", "年度复核结论为工作计划未执行（第十二条第（四）项）。"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var proposed = await response.JsonAsync();
        Assert.Equal("Proposed", proposed.GetProperty("status").GetString());
        var decisionId = proposed.GetProperty("id").GetGuid();
        await (await ProposeAsync(office, designationId, ("kind", "DisqualifyPilot"), ("reason", "再次"))).ProblemAsync(409); // one at a time
        Assert.Contains(decisionId.ToString(), (await associationBrowser.GetAsync("/Association")).Text, StringComparison.OrdinalIgnoreCase);

        var (_, tag) = await OkAsync(await approver.GetAsync($"/api/v1/decisions/{decisionId}"));
        var (confirmed, _) = await OkAsync(await SendAsync(approver, HttpMethod.Post, $"/api/v1/decisions/{decisionId}/confirmation", new { opinion = "同意取消。" }, tag));
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());
        var designation = await app.WithDbAsync((db, _) => db.Designations.AsNoTracking().SingleAsync(d => d.Id == designationId));
        Assert.NotEqual(DesignationStatus.Pilot, designation.Status);
        var (read, _) = await OkAsync(await unit.GetAsync($"/api/v1/designations/{designationId}"));
        Assert.Equal(designation.Status.ToString(), read.GetProperty("status").GetString());
    }
}
