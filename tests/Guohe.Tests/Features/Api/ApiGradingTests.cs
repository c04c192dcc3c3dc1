using System.Net;
using System.Text;
using System.Text.Json;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Api;

/// <summary>
/// 跟踪评价考核 and 表彰 of a base through /api/v1 (Art. 14), through the page's own code, compared with what the office's page
/// 考核与表彰 shows; then the lists not yet compared with their pages (issue 8: no endpoint shows more than its page): the site-visit
/// and acceptance candidates (Art. 11(4), 13(2)), the decisions (Art. 11(6), 13(3), 14) and the statistics per table (Art. 7(5)),
/// as every role; and the reason an account without a unit cannot start Form 1.
/// </summary>
public sealed class ApiGradingTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

    private static readonly Role[] AllRoles = [Role.Office, Role.Association, Role.Auditor, Role.Admin, Role.Recommender, Role.Expert, Role.Applicant];

    /// <summary>A pilot unit (Art. 11(6)) by the domain verbs: the unit's account, the application and the designation.</summary>
    private static async Task<(GuoheUser Unit, Guid ApplicationId, Guid DesignationId)> PilotAsync(GuoheApp app)
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
        return (applicant, applicationId, designationId);
    }

    /// <summary>
    /// The pilot past its term with the construction summary filed (Art. 13(1)); <paramref name="reviewed"/>: reviewed too (the
    /// evaluation can be scheduled); <paramref name="granted"/>: made a base (Art. 13(3)).
    /// </summary>
    private static async Task InAcceptanceAsync(GuoheApp app, GuoheUser unitUser, Guid designationId, bool reviewed, bool granted)
    {
        await app.WithDbAsync(async (db, _) =>
        {
            var designation = await db.Designations.SingleAsync(d => d.Id == designationId);
            if (app.Clock.GetUtcNow().UtcDateTime < ChinaTime.StartOfDayUtc(designation.TermEndsOn).AddHours(10))
            {
                app.Clock.SetUtcNow(ChinaTime.StartOfDayUtc(designation.TermEndsOn).AddHours(10));
            }
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var unit = new Actor(unitUser.Id, unitUser.DisplayName, Role.Applicant);
            var summary = Obligation.Create(People.Office, now, designation,
                new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Article.Art13_1));
            summary.File(unit, now, World.Form());
            designation.EnterAcceptance(unit, now, summary);
            if (reviewed || granted)
            {
                summary.Review(People.Office, now, "建设任务完成。", null);
            }
            db.Obligations.Add(summary);
            if (granted)
            {
                var grant = Decision.Propose(People.Office, now, DecisionKind.GrantBase, designation, "达到国合孵化基地要求。");
                grant.Confirm(People.Association, now, designation);
                db.Decisions.Add(grant);
            }
            await db.SaveChangesAsync();
        });
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

    private static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_office_grades_and_commends_a_base_through_the_api_as_its_page_shows_and_a_stale_if_match_is_412(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (unitUser, _, designationId) = await PilotAsync(app);
        var (officeUser, pilotBrowser) = await app.SignedInAsync(Role.Office);
        var url = $"/api/v1/designations/{designationId}/grades";

        // A pilot is not graded (Art. 14 grades bases): the domain refuses, 409.
        using (var early = app.Api(await pilotBrowser.CreateTokenAsync("接口", 90, "read", "office")))
        {
            var (pilot, pilotTag) = await OkAsync(await early.GetAsync(url));
            Assert.False(pilot.GetProperty("canGrade").GetBoolean());
            var thisYear = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime).Year;
            await (await SendAsync(early, HttpMethod.Post, url, new { year = thisYear, grade = "Pass", opinion = "合格。" }, pilotTag)).ProblemAsync(409);
        }

        await InAcceptanceAsync(app, unitUser, designationId, reviewed: true, granted: true); // past the term: the tokens above expired
        var year = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime).Year;
        var officeBrowser = await app.SignInAsync(officeUser, true);
        var office = app.Api(await officeBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        using var officeEn = app.Api(await officeBrowser.CreateTokenAsync("接口en", 90, "read", "office"), "en");
        using var officeReader = app.Api(await officeBrowser.CreateTokenAsync("只读", 90, "read"));

        // Only the office, as only the office opens /Office/Designations/Grade; the office scope for a change; unknown: 404.
        foreach (var role in AllRoles.Where(r => r != Role.Office))
        {
            var (_, browser) = await app.SignedInAsync(role);
            Assert.NotEqual(HttpStatusCode.OK, (await browser.Http.GetAsync($"/Office/Designations/Grade/{designationId}")).StatusCode);
            using var api = app.Api(await browser.CreateTokenAsync());
            await (await api.GetAsync(url)).ProblemAsync(403);
            await (await SendAsync(api, HttpMethod.Post, url, new { year, grade = "Pass", opinion = "合格。" }, "*")).ProblemAsync(403);
        }
        await (await officeReader.GetAsync(url)).ProblemAsync(403);
        await (await office.GetAsync($"/api/v1/designations/{Guid.NewGuid()}/grades")).ProblemAsync(404);

        var (before, tag) = await OkAsync(await office.GetAsync(url));
        Assert.Equal("Base", before.GetProperty("status").GetString());
        Assert.True(before.GetProperty("canGrade").GetBoolean());
        Assert.Empty(before.GetProperty("grades").EnumerateArray());

        // If-Match: missing 428, another version 412; the body: field errors in the request's language, nothing stored.
        var grade = new { year, grade = "Fail", opinion = "国际合作活动明显不足。" };
        await (await SendAsync(office, HttpMethod.Post, url, grade)).ProblemAsync(428);
        await (await SendAsync(office, HttpMethod.Post, url, grade, "\"999\"")).ProblemAsync(412);
        var errors = (await (await SendAsync(office, HttpMethod.Post, url, new { year = 1999, opinion = "" }, tag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("year", out _));
        Assert.True(errors.TryGetProperty("grade", out _));
        Assert.Contains("考核意见", errors.GetProperty("opinion")[0].GetString(), StringComparison.Ordinal);
        var english = (await (await SendAsync(officeEn, HttpMethod.Post, url, new { year, grade = "Fail" }, tag)).ProblemAsync(400)).GetProperty("errors");
        Assert.DoesNotContain(english.GetProperty("opinion")[0].GetString()!, c => c is >= '\u4e00' and <= '\u9fff');
        await (await SendAsync(office, HttpMethod.Post, url, new { year = year + 1, grade = "Pass", opinion = "提前考核。" }, tag)).ProblemAsync(409); // a year not yet come
        Assert.Empty(await app.WithDbAsync(async (db, _) => (await db.Designations.AsNoTracking().SingleAsync(d => d.Id == designationId)).Grades.ToList()));

        // The grade: the new ETag, the page shows it, the unit is told; the same year again is 409; the old ETag is stale.
        var (graded, gradedTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, url, grade, tag));
        Assert.NotEqual(tag, gradedTag);
        Assert.Equal($"\"{graded.GetProperty("version").GetInt32()}\"", gradedTag);
        var row = Assert.Single(graded.GetProperty("grades").EnumerateArray());
        Assert.Equal("Fail", row.GetProperty("grade").GetString());
        var page = await officeBrowser.GetAsync($"/Office/Designations/Grade/{designationId}");
        var shown = page.Html.QuerySelectorAll("#grades tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([[Year(year), "不合格", "国际合作活动明显不足。"]], shown);
        Assert.Contains(await app.WithDbAsync((db, _) => db.Notifications.AsNoTracking().Select(n => n.TextZh).ToListAsync()),
            t => t.Contains($"{year}年度跟踪评价考核结果为“不合格”", StringComparison.Ordinal));
        await (await SendAsync(office, HttpMethod.Post, url, grade, gradedTag)).ProblemAsync(409);
        await (await SendAsync(office, HttpMethod.Post, url, new { year, text = "表彰。" }, tag)).ProblemAsync(412);
        await (await SendAsync(office, HttpMethod.Post, $"/api/v1/designations/{designationId}/commendations", new { year, text = "表彰。" }, tag)).ProblemAsync(412);

        // The next year fails again: two consecutive fails, as the page warns (a candidate for a notice or revocation, Art. 14).
        app.Clock.SetUtcNow(ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 10)).AddHours(10));
        officeBrowser = await app.SignInAsync(officeUser, true);
        office.Dispose();
        office = app.Api(await officeBrowser.CreateTokenAsync("接口", 90, "read", "office"));
        var (twice, twiceTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, url, new { year = year + 1, grade = "Fail", opinion = "仍未开展国际合作。" }, gradedTag));
        Assert.True(twice.GetProperty("twoConsecutiveFails").GetBoolean());
        Assert.Equal([year + 1, year], twice.GetProperty("grades").EnumerateArray().Select(g => g.GetProperty("year").GetInt32()));
        page = await officeBrowser.GetAsync($"/Office/Designations/Grade/{designationId}");
        Assert.Contains("连续两年考核不合格", page.Body, StringComparison.Ordinal);
        Assert.Equal(twice.GetProperty("grades").EnumerateArray().Select(g => Year(g.GetProperty("year").GetInt32())),
            page.Html.QuerySelectorAll("#grades tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));

        // A commendation: its text required (400); then the page lists it; the page's own change after it makes the API's ETag stale.
        var commend = $"/api/v1/designations/{designationId}/commendations";
        var noText = (await (await SendAsync(office, HttpMethod.Post, commend, new { year = year + 1 }, twiceTag)).ProblemAsync(400)).GetProperty("errors");
        Assert.True(noText.TryGetProperty("text", out _));
        var (commended, commendedTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, commend, new { year = year + 1, text = "国际技术转移成效突出，予以表彰。" }, twiceTag));
        Assert.Equal("国际技术转移成效突出，予以表彰。", Assert.Single(commended.GetProperty("commendations").EnumerateArray()).GetProperty("text").GetString());
        page = await officeBrowser.GetAsync($"/Office/Designations/Grade/{designationId}");
        Assert.Contains($"{year + 1}：国际技术转移成效突出，予以表彰。", page.Body, StringComparison.Ordinal);
        var byPage = await officeBrowser.ClickAsync(page, "录入表彰", ("Commendation", "第二次表彰。"));
        Assert.Contains("已录入表彰", byPage.Body, StringComparison.Ordinal);
        await (await SendAsync(office, HttpMethod.Post, commend, new { year = year + 1, text = "再次表彰。" }, commendedTag)).ProblemAsync(412);
        var (after, afterTag) = await OkAsync(await office.GetAsync(url));
        Assert.Equal(2, after.GetProperty("commendations").GetArrayLength());
        Assert.NotEqual(commendedTag, afterTag);
        office.Dispose();
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Candidates_decisions_and_statistics_per_table_show_each_role_what_its_pages_show(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var first = await app.ExpertInPoolAsync();
        var second = await app.ExpertInPoolAsync(organisation: "另一所大学");
        // An application passed its preliminary review (site-visit candidates), a pilot in acceptance with its summary reviewed
        // (acceptance candidates), a base with a proposed revocation, a proposed grant and a rejected one (decisions).
        var waitingUnit = await app.CreateAsync(Role.Applicant);
        var waitingId = await app.SubmittedAsync(waitingUnit);
        await app.WithDbAsync(async (db, _) =>
        {
            var application = await db.Applications.SingleAsync(a => a.Id == waitingId);
            application.PassPreliminaryReview(People.Office, app.Clock.GetUtcNow().UtcDateTime, "通过");
            await db.SaveChangesAsync();
        });
        var (acceptanceUnit, _, acceptanceId) = await PilotAsync(app);
        var (baseUnit, _, baseId) = await PilotAsync(app);
        var proposedUnit = await app.CreateAsync(Role.Applicant);
        var proposedApplicationId = await app.SubmittedAsync(proposedUnit);
        await InAcceptanceAsync(app, acceptanceUnit, acceptanceId, reviewed: true, granted: false);
        await InAcceptanceAsync(app, baseUnit, baseId, reviewed: true, granted: true);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var designation = await db.Designations.SingleAsync(d => d.Id == baseId);
            db.Decisions.Add(Decision.Propose(People.Office, now, DecisionKind.RevokeBase, designation, "违规使用基地名义，拟取消基地资格。", RevocationGround.SeriousViolation));
            var application = await db.Applications.SingleAsync(a => a.Id == proposedApplicationId);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, proposedApplicationId, ChinaTime.DateOf(now), "厦门", null,
                [new ExpertAssignment(People.Expert1.UserId, People.Expert1.Name, true)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            visit.DeclareNoConflict(People.Expert1, now);
            visit.FileOpinion(People.Expert1, now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
            application.CompleteOpinions(People.Expert1, now, visit);
            application.ProposeApproval(People.Office, now, "建议授予试点单位。");
            db.SiteVisits.Add(visit);
            db.Decisions.Add(Decision.ProposeGrantPilot(People.Office, now.AddMinutes(1), application, "同意授予试点单位。"));
            var acceptance = await db.Designations.SingleAsync(d => d.Id == acceptanceId);
            var rejected = Decision.Propose(People.Office, now, DecisionKind.Extend, acceptance, "延长一年。");
            rejected.Reject(People.Association, now.AddMinutes(2), "材料不足，不予确认。");
            db.Decisions.Add(rejected);
            await db.SaveChangesAsync();
        });

        var browsers = new Dictionary<Role, PageClient>();
        foreach (var role in AllRoles)
        {
            browsers[role] = (await app.SignedInAsync(role)).Client;
        }
        foreach (var (role, browser) in browsers)
        {
            // Every scope the role may have (docs/decisions/0008-rest-api.md), so a 403 is the role's, not the token's.
            string[] scopes = role switch
            {
                Role.Applicant => ["read", "file"],
                Role.Auditor or Role.Admin => ["read"],
                _ => ["read", "office"],
            };
            using var api = app.Api(await browser.CreateTokenAsync("接口", 90, scopes));
            var isOffice = role == Role.Office;

            // Candidates for a site visit (Art. 11(4)) and for an acceptance evaluation (Art. 13(2)): the office's team pickers.
            foreach (var (pageUrl, apiUrl) in new[]
            {
                ($"/Office/Applications/SiteVisit/{waitingId}", $"/api/v1/applications/{waitingId}/site-visit/candidates"),
                ($"/Office/Acceptance/Evaluate/{acceptanceId}", $"/api/v1/designations/{acceptanceId}/acceptance/candidates"),
            })
            {
                var page = await browser.GetAsync(pageUrl);
                var answer = await api.GetAsync(apiUrl);
                Assert.Equal(isOffice, page.Status == HttpStatusCode.OK);
                if (!isOffice)
                {
                    await answer.ProblemAsync(403);
                    continue;
                }
                var (candidates, _) = await OkAsync(answer);
                var listed = page.Html.QuerySelectorAll("#candidates tbody tr")
                    .Select(r => (Id: Guid.Parse(r.QuerySelector("input[name='Team']")!.GetAttribute("value")!), Flagged: r.ClassList.Contains("table-warning")))
                    .OrderBy(r => r.Id).ToList();
                var returned = candidates.EnumerateArray()
                    .Select(c => (Id: c.GetProperty("userId").GetGuid(), Flagged: c.GetProperty("conflicts").GetString() != "None"))
                    .OrderBy(r => r.Id).ToList();
                Assert.Equal(listed, returned);
                Assert.Contains(returned, c => c.Id == first.Id);
                Assert.Contains(returned, c => c.Id == second.Id);
            }

            // Decisions: the office's queue and the associations' to-do list; nobody else has either page or the list.
            var decisions = await api.GetAsync("/api/v1/decisions?size=100");
            var officePage = await browser.GetAsync("/Office/Decisions");
            var associationPage = await browser.GetAsync("/Association");
            Assert.Equal(isOffice, officePage.Status == HttpStatusCode.OK);
            Assert.Equal(role == Role.Association, associationPage.Status == HttpStatusCode.OK);
            if (role is not (Role.Office or Role.Association))
            {
                await decisions.ProblemAsync(403);
                await (await api.GetAsync("/api/v1/decisions?status=Proposed")).ProblemAsync(403);
                continue;
            }
            var items = (await OkAsync(decisions)).Body.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(4 + 2, items.Count); // two pilots' grants, the base's grant, the revocation, the proposed grant, the rejected extension
            var proposed = items.Where(d => d.GetProperty("status").GetString() == "Proposed").ToList();
            var (onlyProposed, _) = await OkAsync(await api.GetAsync("/api/v1/decisions?status=Proposed"));
            Assert.Equal(proposed.Select(d => d.GetProperty("id").GetGuid()), onlyProposed.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
            if (isOffice)
            {
                // Proposals on a designation wait in #proposed (a proposed grant is on the application's own review page);
                // confirmed ones in #confirmed (the last 20).
                Assert.Equal(proposed.Where(d => d.GetProperty("designationId").ValueKind != JsonValueKind.Null).Select(d => d.GetProperty("organisationName").GetString()!),
                    officePage.Html.QuerySelectorAll("#proposed li").Select(li => li.TextContent.Split('·')[1].Trim()));
                Assert.Equal(items.Where(d => d.GetProperty("status").GetString() == "Confirmed")
                        .Select(d => d.GetProperty("organisationName").GetString()!).Order(StringComparer.Ordinal), // two confirmed in the same instant
                    officePage.Html.QuerySelectorAll("#confirmed tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).Order(StringComparer.Ordinal));
                var grantReview = await browser.GetAsync($"/Office/Applications/Review/{proposedApplicationId}");
                Assert.Equal(HttpStatusCode.OK, grantReview.Status);
            }
            else
            {
                // The associations: every proposal waits on /Association, decided ones are listed, each opens on its own page.
                Assert.Equal(proposed.Select(d => d.GetProperty("id").GetGuid()).ToHashSet(),
                    associationPage.Html.QuerySelectorAll("table a[href^='/Association/Decide/']").Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/')[^1])).ToHashSet());
                Assert.Equal(items.Where(d => d.GetProperty("status").GetString() != "Proposed").Select(d => d.GetProperty("id").GetGuid()).ToHashSet(),
                    associationPage.Html.QuerySelectorAll("ul a[href^='/Association/Decide/']").Select(a => Guid.Parse(a.GetAttribute("href")!.Split('/')[^1])).ToHashSet());
                foreach (var item in items)
                {
                    Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync($"/Association/Decide/{item.GetProperty("id").GetGuid()}")).StatusCode);
                }
            }

            // Statistics, table by table (the office only; the other roles' 403 is in ApiObligationTests): the page's rows are the
            // API's rows — all of them when the page shows the whole table, its first rows by rank when capped (the export has all).
            if (isOffice)
            {
                var statisticsPage = await browser.GetAsync("/Office/Statistics");
                var (statistics, _) = await OkAsync(await api.GetAsync("/api/v1/statistics"));
                foreach (var table in statistics.GetProperty("tables").EnumerateArray())
                {
                    var key = table.GetProperty("key").GetString()!;
                    var rows = table.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList();
                    var shown = statisticsPage.Html.QuerySelector($"table#{key}");
                    if (shown is null)
                    {
                        Assert.NotNull(statisticsPage.Html.QuerySelector($"#{key}-empty"));
                        Assert.Empty(rows);
                        continue;
                    }
                    var labels = shown.QuerySelectorAll("tbody th[scope='row']").Select(th => (th.QuerySelector("a") ?? th).TextContent.Trim()).ToList();
                    Assert.Equal(table.GetProperty("columns").GetArrayLength(), shown.QuerySelectorAll("thead th").Length - 1);
                    if (statisticsPage.Html.QuerySelector($"#{key}-capped") is null)
                    {
                        Assert.Equal(rows.Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
                    }
                    else
                    {
                        Assert.Subset(rows.ToHashSet(), labels.ToHashSet());
                        Assert.True(rows.Count > labels.Count, key);
                    }
                }
                Assert.Contains(statistics.GetProperty("tables").EnumerateArray(), t => t.GetProperty("rows").GetArrayLength() > 0);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_account_without_a_unit_is_told_so_when_starting_a_draft_through_the_api_and_the_page(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var (user, signedIn) = await app.SignedInAsync(Role.Applicant);
        var browser = signedIn;
        using var api = app.Api(await browser.CreateTokenAsync("接口", 90, "read", "file"));
        using var apiEn = app.Api(await browser.CreateTokenAsync("接口en", 90, "read", "file"), "en");
        // An open batch, so "no open batch" is not the reason; the unit is taken off the account (an administrator's correction):
        // the token's principal is built afresh per request.
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Batches.Add(Guohe.Domain.Batches.Batch.Create(People.Office, now, 2026, "2026年度第一批", now.AddDays(-1), now.AddDays(30)));
            var account = await db.Users.SingleAsync(u => u.Id == user.Id);
            account.OrganisationId = null;
            await db.SaveChangesAsync();
        });
        var problem = await (await api.PostAsync("/api/v1/applications", null)).ProblemAsync(409);
        Assert.Equal(Form1Filing.NoOrganisation, problem.GetProperty("detail").GetString());
        var english = await (await apiEn.PostAsync("/api/v1/applications", null)).ProblemAsync(409);
        Assert.Contains("belongs to no unit", english.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        // The page says the same (Form1Filing.StartAsync on both paths), once signed in afresh (a cookie keeps the claims of its
        // sign-in until the security stamp is checked again); nothing is created.
        browser = await app.SignInAsync(user, false);
        var edit = await browser.GetAsync("/Applicant/Application/Edit");
        var refused = await browser.ClickAsync(edit, "开始填写申请表");
        Assert.True(refused.Body.Contains(Form1Filing.NoOrganisation, StringComparison.Ordinal), $"{refused.Path}: {refused.Html.QuerySelector("main")?.TextContent}");
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Applications.CountAsync()));
    }
}
