using System.Text.RegularExpressions;
using System.Net;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// The office's management of designations (issue 5): the overview, reviewing filings and extending deadlines, 待决事项,
/// proposing disqualification or revocation, the associations' confirmation with its ban (Art. 7(3), 12, 13, 14).
/// </summary>
public sealed class DesignationManagementTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

    private sealed record Unit(GuoheUser Applicant, Guid OrganisationId, Guid DesignationId, string Name);

    private static DateTime Now(GuoheApp app) => app.Clock.GetUtcNow().UtcDateTime;

    private static DateOnly Today(GuoheApp app) => ChinaTime.DateOf(Now(app));

    /// <summary>A pilot unit designated today: an application taken through review and a confirmed GrantPilot decision by the verbs.</summary>
    private static async Task<Unit> PilotAsync(GuoheApp app, UnitProfile? profile = null)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        var e1 = await app.CreateAsync(Role.Expert);
        var e2 = await app.CreateAsync(Role.Expert);
        return await app.WithDbAsync(async (db, _) =>
        {
            var now = Now(app);
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, id, ChinaTime.DateOf(now), "苏州", null,
                [new ExpertAssignment(e1.Id, e1.DisplayName, true), new ExpertAssignment(e2.Id, e2.DisplayName, false)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            foreach (var expert in new[] { e1, e2 })
            {
                var actor = new Actor(expert.Id, expert.DisplayName, Role.Expert);
                visit.DeclareNoConflict(actor, now);
                visit.FileOpinion(actor, now, World.GoodScores, OverallRecommendation.Recommend, "建议授予。");
            }
            application.CompleteOpinions(new Actor(e2.Id, e2.DisplayName, Role.Expert), now, visit);
            application.ProposeApproval(People.Office, now, "建议授予试点单位。");
            var decision = Decision.ProposeGrantPilot(People.Office, now, application, "建议授予试点单位。");
            var designation = decision.Confirm(People.Association, now, application, DesignationRules.Default).OpenedDesignation!;
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            if (profile is not null)
            {
                var organisation = await db.Organisations.SingleAsync(o => o.Id == applicant.OrganisationId);
                organisation.UpdateProfile(new Actor(applicant.Id, applicant.DisplayName, Role.Applicant), now, profile);
            }
            await db.SaveChangesAsync();
            return new Unit(applicant, designation.OrganisationId, designation.Id, designation.OrganisationName);
        });
    }

    private static Task<Guid> ObligationAsync(GuoheApp app, Unit unit, ObligationKind kind, DateOnly due, bool filed = false) =>
        app.WithDbAsync(async (db, _) =>
        {
            var designation = await db.Designations.SingleAsync(d => d.Id == unit.DesignationId);
            var article = kind == ObligationKind.AnnualPlan ? Article.Art12_1 : Article.Art12_3;
            var obligation = Obligation.Create(People.Office, Now(app), designation, new ObligationDue(kind, due.Year, due, article));
            if (filed)
            {
                obligation.File(new Actor(unit.Applicant.Id, unit.Applicant.DisplayName, Role.Applicant), Now(app), World.Form());
            }
            db.Obligations.Add(obligation);
            await db.SaveChangesAsync();
            return obligation.Id;
        });

    private static async Task<PageClient> StaffAsync(GuoheApp app, Role role)
    {
        var user = await app.CreateAsync(role, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    private static async Task<PageClient> ApplicantAsync(GuoheApp app, GuoheUser applicant)
    {
        var client = app.Browse();
        await client.SignInAsync(applicant.Email!);
        return client;
    }

    /// <summary>Posts the propose form as a browser does (multipart), with an optional facts file, and follows the redirect.</summary>
    private static async Task<Page> ProposeAsync(PageClient client, Page form, DecisionKind kind, string reason, RevocationGround? ground = null, string? factsName = null)
    {
        using var body = new MultipartFormDataContent
        {
            { new StringContent(form.InputValue("__RequestVerificationToken")!), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "Kind" },
            { new StringContent(reason), "Reason" },
        };
        if (ground is { } g)
        {
            body.Add(new StringContent(g.ToString()), "Ground");
        }
        if (factsName is not null)
        {
            body.Add(new ByteArrayContent(Pdf), "Facts", factsName);
        }
        using var response = await client.Http.PostAsync(form.Path, body);
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            return await client.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return new Page(new Uri(client.Http.BaseAddress!, form.Path), response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(text), text);
    }

    private static async Task<Page> ConfirmAsync(GuoheApp app, Guid decisionId, string expect)
    {
        using var association = await StaffAsync(app, Role.Association);
        var queue = await association.GetAsync("/Association");
        Assert.Contains(expect, queue.Body);
        var decide = await association.GetAsync($"/Association/Decide/{decisionId}");
        return await association.ClickAsync(decide, "确认决定", ("Opinion", "同意。"));
    }

    private static Task<List<string>> NoticesAsync(GuoheApp app, Guid userId) =>
        app.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).Select(n => n.TextZh).ToListAsync());

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Pilot_with_an_overdue_annual_summary_is_disqualified_and_banned_from_the_next_batch_until_the_ban_ends(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var unit = await PilotAsync(app);
        var summaryId = await ObligationAsync(app, unit, ObligationKind.AnnualSummary, Today(app).AddDays(-10));
        using var office = await StaffAsync(app, Role.Office);

        var queue = await office.GetAsync("/Office/Decisions");
        var candidate = queue.Html.QuerySelector("#candidates tbody tr")!.TextContent;
        Assert.Contains(unit.Name, candidate);
        Assert.Contains("第十二条第（四）项", candidate);
        Assert.Contains("已逾期10天", queue.Html.QuerySelector("#overdue")!.TextContent);
        var link = queue.Html.QuerySelector("#candidates a[href*='Propose']")!.GetAttribute("href")!;
        Assert.Contains("kind=DisqualifyPilot", link);

        var approver = await app.CreateAsync(Role.Association);
        var form = await office.GetAsync(link);
        Assert.Null(form.Html.QuerySelector("#refusals"));
        var proposed = await ProposeAsync(office, form, DecisionKind.DisqualifyPilot, "未按期提交年度工作总结，经催告仍未提交。", factsName: "催告记录.pdf");
        Assert.Equal("/Office/Decisions", proposed.Path);
        Assert.Contains("已提出，待两协会确认", proposed.Body);
        Assert.Contains("已提出，待两协会确认", proposed.Html.QuerySelector("#candidates")!.TextContent);
        var decision = await app.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking().SingleAsync(d => d.DesignationId == unit.DesignationId));
        Assert.Equal(DecisionStatus.Proposed, decision.Status);
        Assert.Contains(await NoticesAsync(app, approver.Id), n => n.Contains(unit.Name, StringComparison.Ordinal) && n.Contains("取消试点单位资格", StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync(f => f.OwnerId == decision.Id && f.Kind == DocumentKind.SupportingFacts)));
        var again = await ProposeAsync(office, await office.GetAsync(link), DecisionKind.DisqualifyPilot, "再次提出。");
        Assert.Contains("已有待两协会确认的决定", again.Errors);
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Decisions.CountAsync(d => d.DesignationId == unit.DesignationId)));

        using (var association = await StaffAsync(app, Role.Association))
        {
            var decide = await association.GetAsync($"/Association/Decide/{decision.Id}");
            Assert.Contains("未按期提交年度工作总结", decide.Body);
            Assert.Contains("第十二条第（四）项", decide.Body);
            Assert.Contains("催告记录.pdf", decide.Html.QuerySelector("#facts")!.TextContent);
            Assert.Contains("试点单位", decide.Html.QuerySelector("#designation")!.ParentElement!.TextContent);
        }
        var confirmed = await ConfirmAsync(app, decision.Id, "取消试点单位资格");
        Assert.Contains("已确认，决定生效", confirmed.Body);

        var designation = await app.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync(d => d.Id == unit.DesignationId));
        Assert.Equal(DesignationStatus.Disqualified, designation.Status);
        var ban = await app.WithDbAsync(async (db, _) => await db.Bans.AsNoTracking().SingleAsync());
        Assert.Equal(unit.OrganisationId, ban.OrganisationId);
        Assert.Equal(Today(app).AddYears(2), ban.EndsOn);
        Assert.Contains(await NoticesAsync(app, unit.Applicant.Id), n => n.Contains("两年内不得再次申请", StringComparison.Ordinal));
        Assert.DoesNotContain(summaryId.ToString(), (await office.GetAsync("/Office/Decisions")).Html.QuerySelector("#overdue")?.InnerHtml ?? string.Empty);

        // The next batch: the unit's submission is refused with the end of the ban, and accepted from that day.
        app.Clock.Advance(TimeSpan.FromDays(200));
        var draftId = await app.WithDbAsync(async (db, services) =>
        {
            var now = Now(app);
            var batch = Batch.Create(People.Office, now, Today(app).Year + 1, "下一批", now.AddDays(-1), now.AddYears(3));
            db.Batches.Add(batch);
            var organisation = await db.Organisations.SingleAsync(o => o.Id == unit.OrganisationId);
            var actor = new Actor(unit.Applicant.Id, unit.Applicant.DisplayName, Role.Applicant);
            var application = Application.Create(actor, now, organisation, batch);
            application.EditDraft(actor, now, World.CompleteForm() with { OrganisationName = organisation.Name });
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            var store = services.GetRequiredService<FileStore>();
            foreach (var kind in new[] { DocumentKind.BusinessLicence, DocumentKind.LegalRepresentativeId, DocumentKind.OrganisationIntroduction })
            {
                await store.SaveAsync(new Upload(application.Id, kind, $"{kind}.pdf", Pdf), unit.Applicant.Id);
            }
            return application.Id;
        });
        using (var applicant = await ApplicantAsync(app, unit.Applicant))
        {
            var refused = await applicant.ClickAsync(await applicant.GetAsync("/Applicant/Application/Edit"), "提交申请");
            Assert.Contains("两年内不得再次申请", refused.Body);
            Assert.Contains(ChinaTime.Zh(ban.EndsOn), refused.Body);
            // Said once, in the list of what stops the submission — not again in the error box above the form.
            Assert.Single(Regex.Matches(refused.Body, "两年内不得再次申请"));
        }
        Assert.Equal(ApplicationStatus.Draft, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == draftId)).Status));

        app.Clock.SetUtcNow(ChinaTime.StartOfDayUtc(ban.EndsOn).AddHours(9));
        using (var applicant = await ApplicantAsync(app, unit.Applicant))
        {
            var submitted = await applicant.ClickAsync(await applicant.GetAsync("/Applicant/Application/Edit"), "提交申请");
            Assert.DoesNotContain("两年内不得再次申请", submitted.Body);
        }
        Assert.Equal(ApplicationStatus.Submitted, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == draftId)).Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Base_failing_two_consecutive_years_is_raised_and_revoked_by_the_associations(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var unit = await PilotAsync(app);
        var firstYear = await app.WithDbAsync(async (db, _) =>
        {
            var designation = await db.Designations.SingleAsync(d => d.Id == unit.DesignationId);
            app.Clock.SetUtcNow(ChinaTime.StartOfDayUtc(designation.TermEndsOn).AddHours(10));
            var now = Now(app);
            var applicant = new Actor(unit.Applicant.Id, unit.Applicant.DisplayName, Role.Applicant);
            var summary = Obligation.Create(People.Office, now, designation, new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Article.Art13_1));
            summary.File(applicant, now, World.Form());
            summary.Review(People.Office, now, "建设任务完成。", null);
            designation.EnterAcceptance(applicant, now, summary);
            var grant = Decision.Propose(People.Office, now, DecisionKind.GrantBase, designation, "达到国合孵化基地要求。");
            grant.Confirm(People.Association, now, designation);
            designation.RecordGrade(People.Office, now, ChinaTime.DateOf(now).Year, Grade.Fail, "国际合作活动明显不足。");
            db.Obligations.Add(summary);
            db.Decisions.Add(grant);
            await db.SaveChangesAsync();
            return ChinaTime.DateOf(now).Year;
        });
        app.Clock.Advance(TimeSpan.FromDays(366));
        using var office = await StaffAsync(app, Role.Office);
        Assert.DoesNotContain(unit.Name, (await office.GetAsync("/Office/Decisions")).Html.QuerySelector("#candidates")?.TextContent ?? string.Empty);

        var grade = await office.GetAsync($"/Office/Designations/Grade/{unit.DesignationId}");
        var graded = await office.ClickAsync(grade, "录入考核结果", ("Year", (firstYear + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Grade", "Fail"), ("Opinion", "仍未开展国际合作。"));
        Assert.Contains("已录入考核结果", graded.Body);
        Assert.Contains("连续两年考核不合格", graded.Body);
        Assert.Contains("仍未开展国际合作", graded.Html.QuerySelector("#grades")!.TextContent);

        var queue = await office.GetAsync("/Office/Decisions");
        var candidate = queue.Html.QuerySelector("#candidates tbody tr")!;
        Assert.Contains("第十四条", candidate.TextContent);
        var link = candidate.QuerySelector("a[href*='Propose']")!.GetAttribute("href")!;
        Assert.Contains("kind=RevokeBase", link);
        var form = await office.GetAsync(link);
        Assert.Null(form.Html.QuerySelector("#refusals"));

        // A serious violation needs its facts; the two consecutive fails are the ground here.
        var noFacts = await ProposeAsync(office, form, DecisionKind.RevokeBase, "严重违规。", RevocationGround.SeriousViolation);
        Assert.Contains("请上传事实材料", noFacts.Errors);
        var proposed = await ProposeAsync(office, form, DecisionKind.RevokeBase, "连续两年考核不合格，建议取消基地资格。", RevocationGround.TwoConsecutiveFails);
        Assert.Equal("/Office/Decisions", proposed.Path);
        var decision = await app.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking().SingleAsync(d => d.DesignationId == unit.DesignationId && d.Status == DecisionStatus.Proposed));
        Assert.Equal(RevocationGround.TwoConsecutiveFails, decision.Ground);

        var confirmed = await ConfirmAsync(app, decision.Id, "取消国合孵化基地资格");
        Assert.Contains("已确认，决定生效", confirmed.Body);
        Assert.Equal(DesignationStatus.Revoked, await app.WithDbAsync(async (db, _) => (await db.Designations.SingleAsync(d => d.Id == unit.DesignationId)).Status));
        var ban = await app.WithDbAsync(async (db, _) => await db.Bans.AsNoTracking().SingleAsync());
        Assert.Equal(Article.Art14, ban.Article);

        var timeline = await office.GetAsync($"/Office/Units/{unit.OrganisationId}");
        var rows = timeline.Html.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("取消基地资格", rows);
        Assert.Contains("年度考核评价", rows);
        Assert.Contains("拟定：取消国合孵化基地资格", rows);
        Assert.Contains("第十四条", timeline.Html.QuerySelector("#bans")!.TextContent);
    }

    [Fact]
    public async Task Reviewing_a_summary_as_plan_not_executed_raises_a_candidate_for_disqualification()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var unit = await PilotAsync(app);
        var id = await ObligationAsync(app, unit, ObligationKind.AnnualSummary, Today(app).AddDays(30), filed: true);
        using var office = await StaffAsync(app, Role.Office);
        Assert.Contains(unit.Name, (await office.GetAsync("/Office/Decisions")).Html.QuerySelector("#to-review")!.TextContent);

        var review = await office.GetAsync($"/Office/Obligations/Review/{id}");
        Assert.Contains("张联络", review.Body);
        Assert.Contains("国际科技合作专业人才培养", review.Html.QuerySelector("#items")!.TextContent);
        Assert.Contains("先进制造", review.Html.QuerySelector("#items")!.TextContent);
        Assert.Contains("德国", review.Html.QuerySelector("#partners")!.TextContent);

        var missing = await office.ClickAsync(review, "提交审核意见", ("Opinion", "计划事项均未开展。"));
        Assert.Contains("请选择年度复核结论", missing.Errors);
        var reviewed = await office.ClickAsync(review, "提交审核意见", ("Opinion", "计划事项均未开展。"), ("Conclusion", "PlanNotExecuted"));
        Assert.Contains("已审核", reviewed.Body);
        var obligation = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(ObligationStatus.Reviewed, obligation.Status);
        Assert.Equal(ReviewConclusion.PlanNotExecuted, obligation.ReviewConclusion);
        Assert.Contains(await NoticesAsync(app, unit.Applicant.Id), n => n.Contains("已由办公室审核", StringComparison.Ordinal));

        var queue = await office.GetAsync("/Office/Decisions");
        Assert.Contains("工作计划未执行", queue.Html.QuerySelector("#candidates")!.TextContent);

        // A public notice is for a base with two fails: the refusal is listed before anything is written.
        var refused = await office.GetAsync($"/Office/Decisions/Propose/{unit.DesignationId}?kind=PublicNotice");
        Assert.NotNull(refused.Html.QuerySelector("#refusals"));
        var posted = await ProposeAsync(office, refused, DecisionKind.PublicNotice, "通报。");
        Assert.NotEmpty(posted.Errors);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Decisions.CountAsync(d => d.DesignationId == unit.DesignationId)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Deadline_extension_is_recorded_with_its_reason_and_the_filing_is_no_longer_overdue(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var unit = await PilotAsync(app);
        var id = await ObligationAsync(app, unit, ObligationKind.AnnualPlan, Today(app).AddDays(-5));
        using var office = await StaffAsync(app, Role.Office);
        Assert.Contains(unit.Name, (await office.GetAsync("/Office/Decisions")).Html.QuerySelector("#overdue")!.TextContent);

        var review = await office.GetAsync($"/Office/Obligations/Review/{id}");
        Assert.Contains("已逾期5天", review.Body);
        var newDue = Today(app).AddDays(30);
        var noReason = await office.ClickAsync(review, "延长期限", ("NewDueDate", ChinaTime.Iso(newDue)), ("Reason", ""));
        Assert.Contains("请填写延期理由", noReason.Errors);
        var extended = await office.ClickAsync(review, "延长期限", ("NewDueDate", ChinaTime.Iso(newDue)), ("Reason", "受疫情影响，单位申请延期。"));
        Assert.Contains("已延长提交期限", extended.Body);

        var obligation = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(newDue, obligation.DueDate);
        Assert.Equal("受疫情影响，单位申请延期。", obligation.ExtensionReason);
        Assert.False(obligation.IsOverdue(Today(app)));
        Assert.Contains("延长提交期限", extended.Body);
        Assert.Contains(await NoticesAsync(app, unit.Applicant.Id), n => n.Contains("提交期限已延长", StringComparison.Ordinal));

        var queue = await office.GetAsync("/Office/Decisions");
        Assert.Null(queue.Html.QuerySelector("#overdue"));
        Assert.Null(queue.Html.QuerySelector("#candidates"));
        var overview = await office.GetAsync("/Office/Designations");
        Assert.Contains(ChinaTime.Iso(newDue), overview.Html.QuerySelector("#designations")!.TextContent);
        var timeline = await office.GetAsync($"/Office/Units/{unit.OrganisationId}");
        Assert.Contains("受疫情影响", timeline.Html.QuerySelector("#timeline")!.TextContent);
    }

    [Fact]
    public async Task Overview_filters_by_province_stage_type_field_and_year_and_links_each_unit_to_its_timeline()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var fujian = await PilotAsync(app, World.CompleteProfile());
        var jiangsu = await PilotAsync(app, World.CompleteProfile() with { Province = "江苏省", UnitType = UnitType.Park, KeyFields = KeyFields.BioHealth });
        await ObligationAsync(app, jiangsu, ObligationKind.AnnualPlan, Today(app).AddDays(-3));
        using var office = await StaffAsync(app, Role.Office);

        string Table(Page page) => page.Html.QuerySelector("#designations")?.TextContent ?? string.Empty;
        var all = await office.GetAsync("/Office/Designations");
        Assert.Contains(fujian.Name, Table(all));
        Assert.Contains(jiangsu.Name, Table(all));
        Assert.Contains("第1年", Table(all));
        Assert.Contains("逾期1项", Table(all));
        Assert.NotNull(all.Html.QuerySelector($"#designations a[href='/Office/Units/{fujian.OrganisationId}']"));

        var byProvince = await office.GetAsync("/Office/Designations?province=江苏省");
        Assert.Contains(jiangsu.Name, Table(byProvince));
        Assert.DoesNotContain(fujian.Name, Table(byProvince));
        var byType = Table(await office.GetAsync("/Office/Designations?type=Incubator"));
        Assert.Contains(fujian.Name, byType);
        Assert.DoesNotContain(jiangsu.Name, byType);
        var byField = Table(await office.GetAsync("/Office/Designations?field=BioHealth"));
        Assert.Contains(jiangsu.Name, byField);
        Assert.DoesNotContain(fujian.Name, byField);
        Assert.Contains("没有符合条件的单位", (await office.GetAsync("/Office/Designations?stage=Base")).Body);
        Assert.Contains(fujian.Name, Table(await office.GetAsync($"/Office/Designations?year={Today(app).Year}&level=Provincial")));
        Assert.Contains("没有符合条件的单位", (await office.GetAsync($"/Office/Designations?year={Today(app).Year - 1}")).Body);
        var byDue = await office.GetAsync("/Office/Designations?sort=due");
        Assert.Contains(jiangsu.Name, byDue.Html.QuerySelector("#designations tbody tr")!.TextContent);

        var organisations = await office.GetAsync("/Office/Organisations");
        Assert.NotNull(organisations.Html.QuerySelector($"a[href='/Office/Units/{fujian.OrganisationId}']"));
        var timeline = await office.GetAsync($"/Office/Units/{fujian.OrganisationId}");
        Assert.Contains("注册", timeline.Html.QuerySelector("#timeline")!.TextContent);
        Assert.Contains("授予试点单位", timeline.Html.QuerySelector("#timeline")!.TextContent);
    }

    [Fact]
    public async Task Management_pages_render_in_english()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var unit = await PilotAsync(app);
        var filed = await ObligationAsync(app, unit, ObligationKind.AnnualSummary, Today(app).AddDays(30), filed: true);
        await ObligationAsync(app, unit, ObligationKind.AnnualPlan, Today(app).AddDays(-2));
        using var office = await StaffAsync(app, Role.Office);
        office.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        foreach (var (url, expect) in new[]
        {
            ("/Office/Designations", "Designations"), ("/Office/Decisions", "Needs a decision"), ($"/Office/Obligations/Review/{filed}", "Annual review conclusion"),
            ($"/Office/Decisions/Propose/{unit.DesignationId}?kind=PublicNotice", "This decision cannot be proposed now"),
            ($"/Office/Designations/Grade/{unit.DesignationId}", "Grades and commendations"), ($"/Office/Units/{unit.OrganisationId}", "Unit timeline"),
        })
        {
            var page = await office.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(expect, page.Body);
        }
    }

    [Fact]
    public async Task Users_outside_the_office_get_403_on_the_management_pages()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var unit = await PilotAsync(app);
        using var applicant = await ApplicantAsync(app, unit.Applicant);
        using var association = await StaffAsync(app, Role.Association);
        foreach (var url in new[]
        {
            "/Office/Designations", "/Office/Decisions", $"/Office/Decisions/Propose/{unit.DesignationId}",
            $"/Office/Designations/Grade/{unit.DesignationId}", $"/Office/Units/{unit.OrganisationId}",
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await applicant.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await association.Http.GetAsync(url)).StatusCode);
        }
    }
}
