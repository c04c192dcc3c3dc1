using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

/// <summary>Acceptance (Art. 13): preliminary review, on-site evaluation, the experts' evaluation opinions and the proposed outcome.</summary>
public sealed class AcceptanceTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static readonly Actor OfficeActor = new(Guid.NewGuid(), "办公室甲", Role.Office);

    private static readonly Actor Approver = new(Guid.NewGuid(), "协会甲", Role.Association);

    /// <summary>
    /// A pilot designation of a new unit, moved past its term, with its construction summary filed and acceptance entered, all
    /// by the domain verbs. Returns the designation and the unit's name.
    /// </summary>
    private static async Task<(Guid DesignationId, string Unit)> InAcceptanceAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        var designationId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.PassPreliminaryReview(OfficeActor, now, "通过");
            var expert = new Actor(Guid.NewGuid(), "旧专家", Role.Expert);
            var visit = SiteVisit.Schedule(OfficeActor, now, SiteVisitPurpose.ApplicationReview, id, ChinaTime.DateOf(now), "苏州", null, [new ExpertAssignment(expert.UserId, expert.Name, true)]);
            application.ScheduleSiteVisit(OfficeActor, now, visit);
            visit.DeclareNoConflict(expert, now);
            visit.FileOpinion(expert, now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
            application.CompleteOpinions(expert, now, visit);
            application.ProposeApproval(OfficeActor, now, "建议授予试点单位。");
            var decision = Decision.ProposeGrantPilot(OfficeActor, now, application, "同意授予试点单位。");
            var designation = decision.Confirm(Approver, now, application, DesignationRules.Default).OpenedDesignation!; // GrantPilot opens one
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            await db.SaveChangesAsync();
            return designation.Id;
        });
        app.Clock.Advance(TimeSpan.FromDays(2 * 366 + 1)); // past TermEndsOn
        var unit = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var designation = await db.Designations.SingleAsync(d => d.Id == designationId);
            var summary = Obligation.Create(OfficeActor, now, designation,
                new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Guohe.Domain.History.Article.Art13_1));
            var unitActor = new Actor(applicant.Id, applicant.DisplayName, Role.Applicant);
            summary.File(unitActor, now, World.Form());
            designation.EnterAcceptance(unitActor, now, summary);
            db.Obligations.Add(summary);
            await db.SaveChangesAsync();
            return designation.OrganisationName;
        });
        return (designationId, unit);
    }

    /// <summary>The acceptance above taken through review, evaluation, proceedings and both opinions by the verbs.</summary>
    private static async Task<Guid> EvaluatedAsync(GuoheApp app)
    {
        var (designationId, _) = await InAcceptanceAsync(app);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var summary = await db.Obligations.SingleAsync(o => o.DesignationId == designationId);
            summary.Review(OfficeActor, now, "材料齐全。", null);
            var e1 = new Actor(Guid.NewGuid(), "评估专家甲", Role.Expert);
            var e2 = new Actor(Guid.NewGuid(), "评估专家乙", Role.Expert);
            var visit = SiteVisit.Schedule(OfficeActor, now, SiteVisitPurpose.AcceptanceEvaluation, designationId, ChinaTime.DateOf(now), "福州", null,
                [new ExpertAssignment(e1.UserId, e1.Name, true), new ExpertAssignment(e2.UserId, e2.Name, false)]);
            var today = ChinaTime.DateOf(now);
            visit.RecordProceedings(OfficeActor, now, today, today, today, null);
            foreach (var e in new[] { e1, e2 })
            {
                visit.DeclareNoConflict(e, now);
                visit.FileOpinion(e, now, new ExpertScores(15, 14, 16, 15), OverallRecommendation.RecommendWithConditions, "国际合作渠道尚需加强。");
            }
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        return designationId;
    }

    private static async Task<PageClient> OfficeAsync(GuoheApp app)
    {
        var officer = await app.CreateAsync(Role.Office, twoFactor: true);
        var office = app.Browse();
        await office.SignInAsync(officer.Email!, totpKey: await app.AuthenticatorKeyAsync(officer.Id));
        return office;
    }

    private static async Task<PageClient> SignInAsync(GuoheApp app, GuoheUser user)
    {
        var client = app.Browse();
        await client.SignInAsync(user.Email!);
        return client;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_reviews_evaluates_with_a_suggested_team_and_proposes_the_base_title_after_both_opinions(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (designationId, unit) = await InAcceptanceAsync(app);
        var first = await app.ExpertInPoolAsync();
        var second = await app.ExpertInPoolAsync();
        var conflicted = await app.ExpertInPoolAsync(KeyFields.NewEnergy | KeyFields.ElectronicInformation, declaredConflicts: [unit]);
        using var office = await OfficeAsync(app);

        var list = await office.GetAsync("/Office/Acceptance");
        Assert.Contains(unit, list.Html.QuerySelector("#acceptance")!.TextContent);

        // Form 4 read-only, then the preliminary review (Art. 13(2)).
        var page = await office.GetAsync($"/Office/Acceptance/Evaluate/{designationId}");
        Assert.Contains("本年度国际科技合作工作", page.Body);
        Assert.Contains("德国", page.Html.QuerySelector("#summary-partners")!.TextContent);
        Assert.Contains("Fraunhofer-Gesellschaft", page.Body);
        page = await office.ClickAsync(page, "保存初审意见", ("ReviewOpinion", "总结材料齐全，同意组织现场评估。"));
        Assert.Contains("初审意见已保存", page.Body);
        Assert.Equal(ObligationStatus.Reviewed, await app.WithDbAsync(async (db, _) => (await db.Obligations.SingleAsync(o => o.DesignationId == designationId)).Status));

        // A suggested team of two: the conflicted expert is flagged and not suggested.
        var suggested = await office.ClickAsync(page, "建议专家组", ("TeamSize", "2"));
        var ticked = suggested.Html.QuerySelectorAll("input[name='Team']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.IsChecked).Select(i => Guid.Parse(i.Value)).ToHashSet();
        Assert.Equal(new HashSet<Guid> { first.Id, second.Id }, ticked);
        Assert.Contains("本人申报回避", suggested.Html.QuerySelector($"#team-{conflicted.Id}")!.Closest("tr")!.TextContent);
        var scheduled = await office.ClickAsync(suggested, "安排", ("Date", "2028-06-10"), ("Place", "福州市鼓楼区软件大道89号"));
        Assert.Contains("现场评估已安排", scheduled.Body);
        var visit = await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Purpose == SiteVisitPurpose.AcceptanceEvaluation));
        Assert.Equal(designationId, visit.SubjectId);
        Assert.Single(visit.Team, t => t.IsLeader);
        Assert.DoesNotContain(visit.Team, t => t.ExpertUserId == conflicted.Id);

        // Proceedings with the minutes.
        var recorded = await office.UploadAsync(scheduled, "记录评估过程", "评审会纪要.pdf", Pdf, "#proceedings-form");
        Assert.Contains("现场评估过程已记录", recorded.Body);
        visit = await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Id == visit.Id));
        Assert.NotNull(visit.ReviewMeetingOn);
        var minutes = await app.WithDbAsync(async (db, _) => await db.StoredFiles.AsNoTracking().SingleAsync(f => f.Id == visit.MinutesFileId));
        Assert.Equal(Guohe.Web.Files.DocumentKind.EvaluationMinutes, minutes.Kind);
        Assert.Equal(designationId, minutes.DesignationId);
        Assert.Equal(visit.Id, minutes.OwnerId);

        // Both experts declare, then file their written evaluation opinions.
        var scores = new[] { ("22", "20", "21", "23"), ("20", "18", "19", "21") };
        foreach (var (expert, (a, b, c, d)) in new[] { first, second }.Zip(scores))
        {
            using var client = await SignInAsync(app, expert);
            var home = await client.GetAsync("/Expert");
            Assert.Contains("现场评估", home.Html.QuerySelector("#assignments-table")!.TextContent);
            Assert.Contains(unit, home.Html.QuerySelector("#assignments-table")!.TextContent);
            var declaration = await client.GetAsync($"/Expert/Evaluation/{visit.Id}");
            Assert.DoesNotContain("本年度国际科技合作工作", declaration.Body);
            var opened = await client.ClickAsync(declaration, "声明并查看建设工作总结", ("NoConflict", "true"));
            Assert.Contains("本年度国际科技合作工作", opened.Body);
            var filed = await client.ClickAsync(opened, "提交书面意见",
                ("Input.Scores.GoalsAndModel", a), ("Input.Scores.ChannelsAndTeam", b), ("Input.Scores.TechnologyTransfer", c), ("Input.Scores.Platforms", d),
                ("Input.Recommendation", "Recommend"), ("Input.Text", "达到国合孵化基地要求。"));
            Assert.Contains("书面意见已提交", filed.Body);
        }
        Assert.True(await app.WithDbAsync(async (db, _) => (await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Id == visit.Id)).AllOpinionsFiled));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Notifications.AnyAsync(n => n.Link == $"/Office/Acceptance/Evaluate/{designationId}")));

        // The office reads them side by side and proposes the base title (Art. 13(3)); the approvers are told.
        var approver = await app.CreateAsync(Role.Association);
        var evaluated = await office.GetAsync($"/Office/Acceptance/Evaluate/{designationId}");
        Assert.Contains("82.0", evaluated.Html.QuerySelector("#evaluation-opinions")!.TextContent); // average of 86 and 78
        var proposed = await office.ClickAsync(evaluated, "提交两协会确认", ("Kind", "GrantBase"), ("Reason", "现场评估合格，建议授予国合孵化基地。"));
        Assert.Contains("验收结论已提交两协会确认", proposed.Body);
        var decision = await app.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking().SingleAsync(x => x.DesignationId == designationId));
        Assert.Equal(DecisionKind.GrantBase, decision.Kind);
        Assert.Equal(DecisionStatus.Proposed, decision.Status);
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Notifications.AnyAsync(n => n.UserId == approver.Id && n.Link == $"/Association/Decide/{decision.Id}")));
    }

    [Fact]
    public async Task Office_proposes_an_extension_with_a_written_reason()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var designationId = await EvaluatedAsync(app);
        using var office = await OfficeAsync(app);

        var page = await office.GetAsync($"/Office/Acceptance/Evaluate/{designationId}");
        var refused = await office.ClickAsync(page, "提交两协会确认", ("Kind", "Extend"), ("Reason", ""));
        Assert.Contains("请填写书面理由", refused.Errors);
        var proposed = await office.ClickAsync(page, "提交两协会确认", ("Kind", "Extend"), ("Reason", "国际合作渠道尚需加强，延长试点建设期一年。"));

        Assert.Contains("验收结论已提交两协会确认", proposed.Body);
        var decision = await app.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking().SingleAsync(x => x.DesignationId == designationId));
        Assert.Equal(DecisionKind.Extend, decision.Kind);
        Assert.Equal(DecisionStatus.Proposed, decision.Status);
        Assert.DoesNotContain("提交两协会确认", (await office.GetAsync($"/Office/Acceptance/Evaluate/{designationId}")).Html.QuerySelector("main")!.TextContent.Replace("待两协会确认", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expert_not_on_the_team_gets_404_and_the_attempt_is_logged()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var designationId = await EvaluatedAsync(app);
        var visitId = await app.WithDbAsync(async (db, _) => await db.SiteVisits.Where(v => v.SubjectId == designationId).Select(v => v.Id).SingleAsync());
        var outsider = await app.CreateAsync(Role.Expert);
        using var client = await SignInAsync(app, outsider);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Expert/Evaluation/{visitId}")).StatusCode);
        Assert.NotEmpty(app.Logs.WarningsMentioning(outsider.Id, visitId));
    }

    [Fact]
    public async Task Proceedings_with_the_review_meeting_before_the_work_report_are_refused_in_Chinese()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (designationId, _) = await InAcceptanceAsync(app);
        var expert = await app.ExpertInPoolAsync();
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            (await db.Obligations.SingleAsync(o => o.DesignationId == designationId)).Review(OfficeActor, now, "材料齐全。", null);
            db.SiteVisits.Add(SiteVisit.Schedule(OfficeActor, now, SiteVisitPurpose.AcceptanceEvaluation, designationId, ChinaTime.DateOf(now), "福州", null,
                [new ExpertAssignment(expert.Id, expert.DisplayName, true)]));
            await db.SaveChangesAsync();
        });
        using var office = await OfficeAsync(app);

        var page = await office.GetAsync($"/Office/Acceptance/Evaluate/{designationId}");
        var form = page.Html.QuerySelector("#proceedings-form")!;
        var refused = await office.PostAsync($"/Office/Acceptance/Evaluate/{designationId}?handler=Proceedings",
        [
            new("__RequestVerificationToken", form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!),
            new("Version", form.QuerySelector("input[name='Version']")!.GetAttribute("value")!),
            new("WorkReportOn", "2028-06-10"),
            new("InspectionOn", "2028-06-10"),
            new("ReviewMeetingOn", "2028-06-09"),
        ]);

        Assert.Contains("评审会日期不能早于工作汇报和现场考察日期", refused.Errors);
        var visit = await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync(v => v.SubjectId == designationId));
        Assert.Null(visit.ReviewMeetingOn);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync(f => f.DesignationId == designationId)));
    }

    [Fact]
    public async Task The_evaluation_team_is_reminded_by_notice_and_mail_three_days_before()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (designationId, unit) = await InAcceptanceAsync(app);
        var expert = await app.ExpertInPoolAsync();
        var visitId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var visit = SiteVisit.Schedule(OfficeActor, now, SiteVisitPurpose.AcceptanceEvaluation, designationId, ChinaTime.DateOf(now).AddDays(5), "评估地点", null,
                [new ExpertAssignment(expert.Id, expert.DisplayName, true)]);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        Task<int> RunAsync() => app.WithDbAsync((_, services) => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Guohe.Web.Notifications.VisitReminders>(services).SendDueAsync());

        Assert.Equal(0, await RunAsync());
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());

        var notice = await app.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == expert.Id));
        Assert.Contains($"{unit}的现场评估", notice.TextZh);
        Assert.Equal($"/Expert/Evaluation/{visitId}", notice.Link);
        Assert.Contains(app.Outbox(), m => m.StartsWith(expert.Email! + " ", StringComparison.Ordinal) && m.Contains("现场评估", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_construction_summary_downloads_as_Form_4_for_the_office_and_for_an_evaluator_only_after_declaring()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (designationId, unit) = await InAcceptanceAsync(app);
        var expert = await app.ExpertInPoolAsync();
        var (summary, visitId, recognised) = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var summary = await db.Obligations.SingleAsync(o => o.DesignationId == designationId);
            summary.Review(OfficeActor, now, "材料齐全，同意组织现场评估。", null);
            var visit = SiteVisit.Schedule(OfficeActor, now, SiteVisitPurpose.AcceptanceEvaluation, designationId, ChinaTime.DateOf(now), "福州", null,
                [new ExpertAssignment(expert.Id, expert.DisplayName, true)]);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return (summary, visit.Id, (await db.Designations.SingleAsync(d => d.Id == designationId)).RecognitionDate);
        });
        var href = $"/Files/Obligation/{summary.Id}";

        // The office, from the acceptance page and the review page.
        using var office = await OfficeAsync(app);
        Assert.NotNull((await office.GetAsync($"/Office/Acceptance/Evaluate/{designationId}")).Html.QuerySelector($"a[href='{href}']"));
        Assert.NotNull((await office.GetAsync($"/Office/Obligations/Review/{summary.Id}")).Html.QuerySelector($"a[href='{href}']"));
        using var response = await office.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Guohe.Web.Documents.WordFile.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"建设工作总结表-{summary.Year}-{unit}.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var docx = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(WordTables.ValidationErrors(docx));
        Assert.Equal("建设工作总结表", WordTables.Paragraphs(docx)[2]);
        var table = WordTables.Read(docx).Single();
        Assert.Equal(["单位名称", unit, "认定日期", ChinaTime.Zh(recognised)], table[0]);
        Assert.Equal(["一、国际科技合作项目工作总结"], table[3]);
        Assert.StartsWith("本年度国际科技合作工作……", table[4][0], StringComparison.Ordinal);
        Assert.Equal(["德国", "Fraunhofer-Gesellschaft", "联合孵化"], table[7]);
        Assert.StartsWith("材料齐全，同意组织现场评估。\n\n" + Guohe.Web.Documents.ObligationDocument.ReviewHeading, table[^1][0], StringComparison.Ordinal);

        // The evaluator sees it only after declaring no conflict (Art. 13(2)).
        using var evaluator = await SignInAsync(app, expert);
        Assert.Equal(HttpStatusCode.NotFound, (await evaluator.Http.GetAsync(href)).StatusCode);
        var declaration = await evaluator.GetAsync($"/Expert/Evaluation/{visitId}");
        Assert.Null(declaration.Html.QuerySelector($"a[href='{href}']"));
        var opened = await evaluator.ClickAsync(declaration, "声明并查看建设工作总结", ("NoConflict", "true"));
        Assert.NotNull(opened.Html.QuerySelector($"a[href='{href}']"));
        using var copy = await evaluator.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(unit, WordTables.Read(await copy.Content.ReadAsByteArrayAsync())[0][0][1]);
    }
}
