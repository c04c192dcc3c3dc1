using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features;

/// <summary>
/// Both routes of Art. 11 through the front door (issue 4): a unit registers and applies with Form 1 — self-applied (自荐) or
/// recommended by an incubator association (Art. 11(1)) — and the recommender, the office (preliminary review 11(3), paper
/// copies 11(2), site visit 11(4)), each expert (written opinion 11(5)), the office again (review-opinion letter 11(6)) and an
/// association approver (grant, 11(6)) act in turn on their own pages until the unit is a confirmed pilot unit. After every
/// step: the application's state, the history records just written, the in-app notices and the e-mails in the outbox.
/// </summary>
public sealed class ApplicationRoutesTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();

    public static TheoryData<string, ApplicationRoute> RoutesOnBothDatabases() => new()
    {
        { Databases.Sqlite, ApplicationRoute.SelfApplied },
        { Databases.Sqlite, ApplicationRoute.Recommended },
        { Databases.Postgres, ApplicationRoute.SelfApplied },
        { Databases.Postgres, ApplicationRoute.Recommended },
    };

    [Theory]
    [MemberData(nameof(RoutesOnBothDatabases))]
    public async Task Unit_registers_applies_on_its_route_and_becomes_a_confirmed_pilot_unit(string provider, ApplicationRoute route)
    {
        // Everyone signs in from the one test host within a minute; the per-IP sign-in limit is not the subject here.
        await using var app = await GuoheApp.StartAsync(provider, settings: new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" });
        using var walk = await Walk.ArrangeAsync(app, route);

        await OfficeOpensTheBatchAsync(walk);
        await UnitRegistersAndConfirmsItsEmailAsync(walk);
        await ApplicantFillsForm1AndUploadsTheFilingDocumentsAsync(walk);
        await ApplicantSubmitsAsync(walk);
        if (route == ApplicationRoute.Recommended)
        {
            await RecommenderEndorsesAsync(walk);
        }
        await OfficePassesThePreliminaryReviewAsync(walk);
        await OfficeRecordsThePaperCopiesAsync(walk);
        await OfficeSchedulesTheSuggestedTeamAsync(walk);
        app.Clock.Advance(TimeSpan.FromDays(15)); // the visit takes place; every session has long expired
        for (var i = 0; i < walk.Team.Count; i++)
        {
            await ExpertDeclaresAndFilesTheOpinionAsync(walk, walk.Team[i], last: i == walk.Team.Count - 1);
        }
        await OfficeIssuesTheReviewOpinionLetterAsync(walk);
        await AssociationConfirmsTheGrantAsync(walk);
        await ApplicantSeesThePilotUnitAsync(walk);
    }

    /// <summary>The office opens this year's batch on its batch page (Art. 4).</summary>
    private static async Task OfficeOpensTheBatchAsync(Walk walk)
    {
        walk.Office = await walk.SignInAsync(walk.Officer, staff: true);
        var form = await walk.Office.GetAsync("/Office/Batches/Edit");
        var saved = await walk.Office.ClickAsync(form, "保存");

        Assert.Equal("/Office/Batches", saved.Path);
        var batch = await walk.App.WithDbAsync(async (db, _) => await db.Batches.AsNoTracking().SingleAsync());
        Assert.True(batch.IsOpen(walk.Now));
        walk.Year = batch.Year;
        var changes = await walk.ChangesAsync();
        Assert.Empty(changes.History);
        Assert.Empty(changes.Notices);
        Assert.Empty(changes.Mails);
    }

    /// <summary>The unit registers with its 统一社会信用代码, confirms its e-mail by the mailed link and signs in.</summary>
    private static async Task UnitRegistersAndConfirmsItsEmailAsync(Walk walk)
    {
        using (var visitor = walk.App.Browse())
        {
            var form = await visitor.GetAsync("/Account/Register");
            var done = await visitor.ClickAsync(form, "注册",
                ("Input.OrganisationName", Walk.UnitName), ("Input.Uscc", walk.Uscc), ("Input.LiaisonName", Walk.LiaisonName),
                ("Input.Email", Walk.LiaisonEmail), ("Input.Mobile", "13812345679"),
                ("Input.Password", Walk.UnitPassword), ("Input.ConfirmPassword", Walk.UnitPassword), ("Input.Consent", "true"));
            Assert.Equal("/Account/RegisterDone", done.Path);

            var changes = await walk.ChangesAsync();
            var registered = Assert.Single(changes.History); // the organisation's first record, by the new account (Art. 8)
            Assert.Equal(("Organisation", "Register", Role.Applicant, Article.Art8), (registered.AggregateType, registered.Trigger, registered.Role, registered.Article));
            Assert.Equal(registered.ActorUserId, (await walk.App.WithDbAsync(async (db, _) => await db.Users.SingleAsync(u => u.Email == Walk.LiaisonEmail))).Id);
            Assert.Empty(changes.Notices);
            AssertMails(changes, (Walk.LiaisonEmail, "请确认您的邮箱"));
            var mail = walk.App.Messages().Single(m => m.To.Mailboxes.Single().Address == Walk.LiaisonEmail);
            var link = Regex.Match(mail.TextBody ?? string.Empty, @"https?://\S+/Account/ConfirmEmail\S+").Value;
            Assert.Contains("邮箱已确认", (await visitor.GetAsync(new Uri(link).PathAndQuery)).Body);
        }
        var (user, organisation) = await walk.App.WithDbAsync(async (db, _) =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == Walk.LiaisonEmail);
            return (user, await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == user.OrganisationId));
        });
        Assert.Equal((walk.Uscc, Walk.UnitName, Walk.LiaisonName), (organisation.Uscc.Value, organisation.Name, organisation.LiaisonName));
        walk.UnitUserId = user.Id;
        walk.OrganisationId = organisation.Id;

        walk.Unit = walk.App.Browse();
        var home = await walk.Unit.SignInAsync(Walk.LiaisonEmail, Walk.UnitPassword);
        Assert.Equal("/Applicant", home.Path);
        Assert.Contains(Walk.UnitName, home.Body);
    }

    /// <summary>The applicant starts Form 1 in the open batch, saves it complete with its route, and uploads the filing documents (Art. 11(2)).</summary>
    private static async Task ApplicantFillsForm1AndUploadsTheFilingDocumentsAsync(Walk walk)
    {
        var start = await walk.Unit.GetAsync("/Applicant/Application/Edit");
        var form = await walk.Unit.ClickAsync(start, "开始填写申请表");
        Assert.Equal("/Applicant/Application/Edit", form.Path);
        var values = Form1(Walk.UnitName).ToList();
        if (walk.Route == ApplicationRoute.Recommended)
        {
            var offered = form.Html.QuerySelectorAll("select[name='Input.RecommenderOrganisationId'] option")
                .Single(o => o.TextContent.Trim() == walk.RecommenderOrganisationName);
            values.Add(("Input.Route", "Recommended"));
            values.Add(("Input.RecommenderOrganisationId", offered.GetAttribute("value")!));
        }
        else
        {
            values.Add(("Input.Route", "SelfApplied"));
        }
        var saved = await walk.Unit.ClickAsync(form, "保存草稿", values);
        Assert.Contains("草稿已保存", saved.Body);
        Assert.Equal(string.Empty, saved.Errors);

        var application = await walk.ApplicationAsync();
        walk.ApplicationId = application.Id;
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Equal(walk.Route, application.Route);
        Assert.Equal(walk.Route == ApplicationRoute.Recommended ? walk.Recommender.OrganisationId : null, application.RecommenderOrganisationId);
        Assert.Equal(KeyFields.BioHealth | KeyFields.ElectronicInformation, application.Profile.KeyFields);
        var changes = await walk.ChangesAsync();
        AssertHistory(changes,
            ("Application", "Create", walk.UnitUserId, Role.Applicant, Article.Art11_2, null),
            ("Application", "Edit", walk.UnitUserId, Role.Applicant, Article.Art11_2, null));
        Assert.Empty(changes.Notices);
        Assert.Empty(changes.Mails);

        var documents = await walk.Unit.GetAsync("/Applicant/Documents");
        foreach (var kind in DocumentKinds.OfApplication)
        {
            documents = await walk.Unit.UploadAsync(documents, "上传", $"{kind}.pdf", Pdf, $"#form-{kind}");
            Assert.Equal(string.Empty, documents.Errors);
            Assert.Contains($"{kind}.pdf", documents.Html.QuerySelector($"#{kind} .document-current")?.TextContent);
        }
        Assert.Equal(4, await walk.App.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync(f => f.ApplicationId == walk.ApplicationId)));
        changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.Draft, changes.Status);
        Assert.Empty(changes.History);
        Assert.Empty(changes.Notices);
        Assert.Empty(changes.Mails);
    }

    /// <summary>Submit: self-applied goes to the office (Art. 11(2)), recommended to the named recommender first (Art. 11(1)).</summary>
    private static async Task ApplicantSubmitsAsync(Walk walk)
    {
        var form = await walk.Unit.GetAsync("/Applicant/Application/Edit");
        var submitted = await walk.Unit.ClickAsync(form, "提交申请");

        Assert.True(submitted.Path == "/Applicant/Application", submitted.Errors + submitted.Html.QuerySelector(".alert-warning")?.TextContent);
        walk.Number = $"GH-{walk.Year}-0001";
        Assert.Contains(walk.Number, submitted.Body);
        // The submitted Form 1's unit profile becomes the organisation's: the public list and the statistics read it from there.
        var profile = await walk.App.WithDbAsync(async (db, _) => await db.Organisations.AsNoTracking().Where(o => o.Id == walk.OrganisationId).Select(o => o.Profile).SingleAsync());
        Assert.Equal(("江苏省", UnitType.Incubator, UnitLevel.National, KeyFields.BioHealth | KeyFields.ElectronicInformation),
            (profile.Province, profile.UnitType, profile.Level, profile.KeyFields));
        var changes = await walk.ChangesAsync();
        if (walk.Route == ApplicationRoute.SelfApplied)
        {
            Assert.Contains("申请已提交办公室", submitted.Body);
            Assert.Equal(ApplicationStatus.Submitted, changes.Status);
            AssertHistory(changes, ("Application", "SubmitSelfApplied", walk.UnitUserId, Role.Applicant, Article.Art11_2, null));
            AssertNotices(changes, walk.UnitNotice("已提交"), (walk.Officer.Id, "待初审", walk.OfficeLink));
            AssertMails(changes, (Walk.LiaisonEmail, "已提交"), (walk.Officer.Email!, "待初审"));
        }
        else
        {
            Assert.Contains("申请已提交给推荐单位", submitted.Body);
            Assert.Equal(ApplicationStatus.AwaitingRecommendation, changes.Status);
            AssertHistory(changes, ("Application", "SubmitForRecommendation", walk.UnitUserId, Role.Applicant, Article.Art11_1, null));
            AssertNotices(changes, walk.UnitNotice("待推荐"), (walk.Recommender.Id, "请求贵单位推荐", $"/Recommender/Review/{walk.ApplicationId}"));
            AssertMails(changes, (Walk.LiaisonEmail, "待推荐"), (walk.Recommender.Email!, "请求贵单位推荐"));
        }
    }

    /// <summary>The recommender finds the application in its queue and endorses it with its opinion (Art. 11(1)).</summary>
    private static async Task RecommenderEndorsesAsync(Walk walk)
    {
        using var recommender = await walk.SignInAsync(walk.Recommender, staff: false);
        var queue = await recommender.GetAsync("/Recommender");
        var review = await recommender.GetAsync(LinkTo(queue, "#waiting-table", walk.Number));
        Assert.Contains(Walk.UnitName, review.Body);
        const string Opinion = "该单位国际合作基础扎实，同意推荐。";

        var done = await recommender.ClickAsync(review, "推荐", ("Opinion", Opinion));

        Assert.Equal("/Recommender", done.Path);
        Assert.Contains(walk.Number, done.Html.QuerySelector("#handled-table")?.TextContent);
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.Submitted, changes.Status);
        AssertHistory(changes, ("Application", "Endorse", walk.Recommender.Id, Role.Recommender, Article.Art11_1, Opinion));
        AssertNotices(changes, walk.UnitNotice("已提交"), (walk.Officer.Id, "待初审", walk.OfficeLink));
        AssertMails(changes, (Walk.LiaisonEmail, "已提交"), (walk.Officer.Email!, "待初审"));
    }

    /// <summary>The office opens the application from its queue and passes the preliminary review (Art. 11(3)).</summary>
    private static async Task OfficePassesThePreliminaryReviewAsync(Walk walk)
    {
        var queue = await walk.Office.GetAsync("/Office/Applications");
        var review = await walk.Office.GetAsync(LinkTo(queue, "main table", walk.Number));
        Assert.Equal(walk.OfficeLink, review.Path);
        const string Opinion = "材料齐全，符合《办法》第十条规定的条件，初审通过。";

        var done = await walk.Office.ClickAsync(review, "初审通过", ("Opinion", Opinion));

        Assert.Equal(walk.OfficeLink, done.Path);
        Assert.Contains("已办理", done.Body);
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.PreliminaryPassed, changes.Status);
        AssertHistory(changes, ("Application", "PassPreliminaryReview", walk.Officer.Id, Role.Office, Article.Art11_3, Opinion));
        AssertNotices(changes, walk.UnitNotice("初审通过"));
        AssertMails(changes, (Walk.LiaisonEmail, "初审通过"));
        walk.Page = done;
    }

    /// <summary>The office records the two stamped paper copies (Form 1 note); the state does not change.</summary>
    private static async Task OfficeRecordsThePaperCopiesAsync(Walk walk)
    {
        var done = await walk.Office.ClickAsync(walk.Page, "登记收到两份盖章纸质材料");

        Assert.Equal(walk.OfficeLink, done.Path);
        var today = walk.Today;
        Assert.Equal(today, (await walk.ApplicationAsync()).PaperCopiesReceivedOn);
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.PreliminaryPassed, changes.Status);
        AssertHistory(changes, ("Application", "RecordPaperCopies", walk.Officer.Id, Role.Office, Article.Art11_2,
            $"纸质材料收到日期 Paper copies received: {ChinaTime.Iso(today)}"));
        // Every change reaches the unit and its liaison (Art. 8): what was recorded, not a state, which is unchanged.
        AssertNotices(changes, (walk.UnitUserId, "纸质材料", "/Applicant/Application"));
        AssertMails(changes, (Walk.LiaisonEmail, "纸质材料"));
        walk.Page = done;
    }

    /// <summary>
    /// The office lets the page suggest a team — it covers the unit's fields and leaves out the expert who declared a conflict —
    /// and schedules the visit with the suggested team as ticked (Art. 11(4)).
    /// </summary>
    private static async Task OfficeSchedulesTheSuggestedTeamAsync(Walk walk)
    {
        var form = await walk.Office.GetAsync(walk.Page.Html.QuerySelectorAll("main a").Single(a => a.TextContent.Trim() == "安排实地调研").GetAttribute("href")!);
        var suggested = await walk.Office.ClickAsync(form, "建议专家组");

        var ticked = suggested.Html.QuerySelectorAll("input[name='Team']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => Guid.Parse(i.Value)).ToHashSet();
        var leader = suggested.Html.QuerySelectorAll("input[name='Leader']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => Guid.Parse(i.Value)).Single();
        Assert.Equal(walk.Team.Select(e => e.Id).ToHashSet(), ticked);
        Assert.Equal(walk.Team[0].Id, leader); // the best fit (both fields) leads
        Assert.DoesNotContain(walk.Conflicted.Id, ticked);
        var nothing = await walk.ChangesAsync(); // a suggestion saves nothing
        Assert.Equal(ApplicationStatus.PreliminaryPassed, nothing.Status);
        Assert.Empty(nothing.History);
        Assert.Empty(nothing.Notices);
        Assert.Empty(nothing.Mails);

        // A browser posts the form to its action, or else to the address of the page shown — here the suggestion's POST.
        var done = await walk.Office.ClickAsync(suggested, "安排", ("Notes", "上午听取汇报，下午现场考察"));

        Assert.True(done.Path == walk.OfficeLink, $"安排 after 建议专家组 posted to {done.Url.PathAndQuery} and scheduled nothing: the form needs its own action.");
        Assert.Contains("实地调研已安排", done.Body);
        var application = await walk.ApplicationAsync();
        var visit = await walk.App.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync());
        walk.VisitId = visit.Id;
        Assert.Equal(visit.Id, application.SiteVisitId);
        Assert.Equal(walk.Team.Select(e => e.Id).Order(), visit.Team.Select(t => t.ExpertUserId).Order());
        Assert.Equal(walk.Team[0].Id, visit.Team.Single(t => t.IsLeader).ExpertUserId);
        Assert.Equal(walk.Today.AddDays(14), visit.Date);
        var arrangement = $"{ChinaTime.Iso(visit.Date)} {Walk.Address}";
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.SiteVisit, changes.Status);
        AssertHistory(changes,
            ("Application", "ScheduleSiteVisit", walk.Officer.Id, Role.Office, Article.Art11_4, arrangement),
            ("SiteVisit", "Schedule", walk.Officer.Id, Role.Office, Article.Art11_4, arrangement));
        var assignment = $"/Expert/Assignment/{walk.VisitId}";
        AssertNotices(changes, [walk.UnitNotice("实地调研"), .. walk.Team.Select(e => (e.Id, "您已被指派参加", assignment))]);
        AssertMails(changes, [(Walk.LiaisonEmail, "实地调研"), .. walk.Team.Select(e => (e.Email!, "您已被指派参加"))]);
    }

    /// <summary>An expert opens the assignment, declares no conflict, reads the application and files the written opinion (Art. 11(5)).</summary>
    private static async Task ExpertDeclaresAndFilesTheOpinionAsync(Walk walk, GuoheUser expert, bool last)
    {
        using var client = await walk.SignInAsync(expert, staff: false);
        var home = await client.GetAsync("/Expert");
        var closed = await client.GetAsync(LinkTo(home, "#assignments-table", walk.Number));
        Assert.DoesNotContain("办理记录", closed.Body); // nothing of the application before the declaration

        var open = await client.ClickAsync(closed, "声明并查看申请材料", ("NoConflict", "true"));

        Assert.Contains("办理记录", open.Body);
        Assert.Contains("BusinessLicence.pdf", open.Body);
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.SiteVisit, changes.Status);
        AssertHistory(changes, ("SiteVisit", "DeclareNoConflict", expert.Id, Role.Expert, Article.Art11_4, "本人与被调研单位无利益冲突。"));
        Assert.Empty(changes.Notices);
        Assert.Empty(changes.Mails);

        var text = $"{expert.DisplayName}：国际化孵化体系完整，海外渠道稳定，建议通过。";
        var filed = await client.ClickAsync(open, "提交书面意见",
            ("Input.Scores.GoalsAndModel", "22"), ("Input.Scores.ChannelsAndTeam", "21"), ("Input.Scores.TechnologyTransfer", "20"),
            ("Input.Scores.Platforms", "23"), ("Input.Recommendation", "Recommend"), ("Input.Text", text));

        Assert.Contains("书面意见已提交", filed.Body);
        Assert.Contains(text, filed.Html.QuerySelector("#revisions")?.TextContent);
        changes = await walk.ChangesAsync();
        if (!last)
        {
            Assert.Equal(ApplicationStatus.SiteVisit, changes.Status);
            AssertHistory(changes, ("SiteVisit", "FileOpinion", expert.Id, Role.Expert, Article.Art11_5, text));
            Assert.Empty(changes.Notices);
            Assert.Empty(changes.Mails);
            return;
        }
        Assert.Equal(ApplicationStatus.OpinionsComplete, changes.Status);
        AssertHistory(changes,
            ("Application", "CompleteOpinions", expert.Id, Role.Expert, Article.Art11_5, null),
            ("SiteVisit", "FileOpinion", expert.Id, Role.Expert, Article.Art11_5, text));
        AssertNotices(changes, walk.UnitNotice("专家意见齐备"), (walk.Officer.Id, "专家意见已全部提交", walk.OfficeLink));
        AssertMails(changes, (Walk.LiaisonEmail, "专家意见齐备"), (walk.Officer.Email!, "专家意见已全部提交"));
    }

    /// <summary>The office reads the opinions side by side and issues the review-opinion letter recommending approval (Art. 11(6)).</summary>
    private static async Task OfficeIssuesTheReviewOpinionLetterAsync(Walk walk)
    {
        walk.Office.Dispose();
        walk.Office = await walk.SignInAsync(walk.Officer, staff: true);
        var queue = await walk.Office.GetAsync("/Office/Applications?status=OpinionsComplete");
        var review = await walk.Office.GetAsync(LinkTo(queue, "main table", walk.Number));
        var opinions = review.Html.QuerySelector("#opinions")?.ParentElement?.TextContent ?? string.Empty;
        Assert.All(walk.Team, e => Assert.Contains(e.DisplayName, opinions));
        Assert.Contains("86", opinions); // each expert's total: 22 + 21 + 20 + 23
        const string Letter = "经实地调研和专家评审，该单位符合《办法》第十条规定的条件，建议授予国际科技合作孵化基地试点单位。";

        var done = await walk.Office.ClickAsync(review, "出具审核意见函（拟批准）", ("Opinion", Letter));

        Assert.Equal(walk.OfficeLink, done.Path);
        var decision = await walk.App.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking().SingleAsync());
        Assert.Equal((walk.ApplicationId, Letter, walk.Officer.Id), (decision.ApplicationId, decision.Reason, decision.ProposedByUserId));
        Assert.Equal(Letter, (await walk.ApplicationAsync()).ReviewOpinionLetter);
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.ProposedForApproval, changes.Status);
        AssertHistory(changes,
            ("Application", "ProposeApproval", walk.Officer.Id, Role.Office, Article.Art11_6, Letter),
            ("Decision", "ProposeGrantPilot", walk.Officer.Id, Role.Office, Article.Art11_6, Letter));
        AssertNotices(changes, walk.UnitNotice("拟批准"), (walk.Approver.Id, "待您确认", "/Association"));
        AssertMails(changes, (Walk.LiaisonEmail, "拟批准"), (walk.Approver.Email!, "待您确认"));
        walk.Letter = Letter;
    }

    /// <summary>
    /// An association approver — not the proposer — confirms the grant: the application is approved and the designation opens as a
    /// pilot unit with today's China date as its recognition date (Art. 11(6), Art. 4).
    /// </summary>
    private static async Task AssociationConfirmsTheGrantAsync(Walk walk)
    {
        using var approver = await walk.SignInAsync(walk.Approver, staff: true);
        var queue = await approver.GetAsync("/Association");
        var decide = await approver.GetAsync(queue.Html.QuerySelectorAll("main a[href^='/Association/Decide/']").Single().GetAttribute("href")!);
        Assert.Contains(walk.Letter, decide.Body);
        const string Opinion = "同意授予试点单位。";

        var done = await approver.ClickAsync(decide, "确认决定", ("Opinion", Opinion));

        Assert.Equal("/Association", done.Path);
        Assert.Contains("已确认", done.Body);
        var today = walk.Today;
        var designation = await walk.App.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync());
        Assert.Equal(DesignationStatus.Pilot, designation.Status);
        Assert.Equal(today, designation.RecognitionDate);
        Assert.Equal(today.AddYears(2), designation.TermEndsOn); // two-year construction period (Art. 4, 12(5))
        Assert.Equal(((Guid?)walk.ApplicationId, Walk.UnitName), (designation.ApplicationId, designation.OrganisationName));
        var decision = await walk.App.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking().SingleAsync());
        Assert.Equal((walk.Approver.Id, today, designation.Id), (decision.DecidedByUserId, decision.DecisionDate, decision.OpenedDesignationId));
        var changes = await walk.ChangesAsync();
        Assert.Equal(ApplicationStatus.Approved, changes.Status);
        AssertHistory(changes,
            // The application's record carries the decision's reason (the letter); the approver's own opinion is the decision's.
            ("Application", "Approve", walk.Approver.Id, Role.Association, Article.Art11_6, walk.Letter),
            ("Decision", "Confirm", walk.Approver.Id, Role.Association, Article.Art11_6, Opinion),
            ("Designation", "GrantPilot", walk.Approver.Id, Role.Association, Article.Art11_6, walk.Letter));
        AssertNotices(changes, walk.UnitNotice("已批准"));
        AssertMails(changes, (Walk.LiaisonEmail, "已批准"));
    }

    /// <summary>The unit sees its application approved, with the whole history, and its notices.</summary>
    private static async Task ApplicantSeesThePilotUnitAsync(Walk walk)
    {
        walk.Unit.Dispose();
        walk.Unit = walk.App.Browse();
        await walk.Unit.SignInAsync(Walk.LiaisonEmail, Walk.UnitPassword);
        var mine = await walk.Unit.GetAsync("/Applicant/Application");

        var summary = mine.Html.QuerySelector("main dl")?.TextContent ?? string.Empty;
        Assert.Contains(walk.Number, summary);
        Assert.Contains("已批准", summary);
        Assert.Contains(walk.Route == ApplicationRoute.Recommended ? "由地市级以上孵化器协会推荐" : "自行申请", summary);
        var history = mine.Html.QuerySelector("main table")?.TextContent ?? string.Empty;
        Assert.Contains("授予试点单位", history);
        Assert.Contains("出具审核意见函（拟批准）", history);
        Assert.Contains("初审通过", history);
        Assert.Contains("第十一条第（六）项", history);
        Assert.Equal(walk.Route == ApplicationRoute.Recommended, history.Contains("第十一条第（一）项", StringComparison.Ordinal));

        var notices = await walk.Unit.GetAsync("/Notifications");
        Assert.Contains($"您单位的试点单位申请{walk.Number}状态已变为“已批准”", notices.Body);
        Assert.Empty(await walk.App.WithDbAsync(async (db, _) => await db.Notifications.Where(n => n.UserId == walk.Conflicted.Id).ToListAsync()));
        if (walk.Route == ApplicationRoute.SelfApplied)
        {
            Assert.Empty(await walk.App.WithDbAsync(async (db, _) => await db.Notifications.Where(n => n.UserId == walk.Recommender.Id).ToListAsync()));
        }
    }

    internal static IEnumerable<(string, string)> Form1(string organisationName) =>
    [
        ("Input.OrganisationName", organisationName),
        ("Input.Profile.Website", "https://www.sz-incubator.cn"),
        ("Input.Profile.Address", Walk.Address),
        ("Input.Profile.Province", "江苏省"),
        ("Input.Profile.LegalRepresentative", "陈明"),
        ("Input.Profile.TotalStaff", "85"),
        ("Input.Profile.IncubationAreaSquareMetres", "32000.5"),
        ("Input.Profile.EnterprisesServed", "210"),
        ("Input.Profile.HasOverseasBase", "true"),
        ("Input.Profile.OverseasBaseCount", "2"),
        ("Input.Profile.UnitType", "Incubator"),
        ("Input.Profile.Ownership", "StateOwned"),
        ("Input.Profile.Level", "National"),
        ("Input.Profile.KeyFields", "BioHealth"),
        ("Input.Profile.KeyFields", "ElectronicInformation"),
        ("Input.Countries", "DE"),
        ("Input.Countries", "SG"),
        ("Input.UnitHead.Name", "陈明"),
        ("Input.UnitHead.Title", "董事长"),
        ("Input.UnitHead.Phone", "0512-66881234"),
        ("Input.UnitHead.Email", "chen@sz-incubator.cn"),
        ("Input.UnitHead.Mobile", "13912345678"),
        ("Input.MainPersons[0].Name", "王强"),
        ("Input.MainPersons[0].Title", "总经理"),
        ("Input.MainPersons[0].Phone", "0512-66881236"),
        ("Input.MainPersons[0].Email", "wang@sz-incubator.cn"),
        ("Input.MainPersons[0].Mobile", "13712345670"),
        ("Input.Contact.Name", Walk.LiaisonName),
        ("Input.Contact.Title", "国际合作部经理"),
        ("Input.Contact.Phone", "0512-66881235"),
        ("Input.Contact.Email", Walk.LiaisonEmail),
        ("Input.Contact.Mobile", "13812345679"),
        ("Input.Introduction.GoalsAndModel", "面向中欧生物医药与电子信息的国际化孵化。"),
        ("Input.Introduction.ChannelsAndTeam", "与德国、新加坡机构建立合作渠道，专职团队12人。"),
        ("Input.Introduction.TechnologyTransfer", "近三年引进技术项目18项。"),
        ("Input.Introduction.Platforms", "在慕尼黑设有海外孵化基地。"),
        ("Input.Declaration", "true"),
    ];

    /// <summary>The href of the link reading <paramref name="text"/> inside <paramref name="scope"/>.</summary>
    private static string LinkTo(Page page, string scope, string text) =>
        page.Html.QuerySelectorAll($"{scope} a").Single(a => a.TextContent.Trim() == text).GetAttribute("href")!;

    private static void AssertHistory(Changes changes, params (string Aggregate, string Trigger, Guid Actor, Role Role, string Article, string? Opinion)[] expected) =>
        Assert.Equal(expected, changes.History.Select(r => (r.AggregateType, r.Trigger, r.ActorUserId, r.Role, r.Article, r.Opinion)));

    /// <summary>Exactly these notices were written: one per recipient, its text containing the words, linking to the page to act on.</summary>
    private static void AssertNotices(Changes changes, params IEnumerable<(Guid User, string Words, string Link)> expected)
    {
        var wanted = expected.ToList();
        Assert.Equal(wanted.Select(e => e.User).Order(), changes.Notices.Select(n => n.UserId).Order());
        Assert.All(wanted, e => Assert.Single(changes.Notices, n => n.UserId == e.User && n.TextZh.Contains(e.Words, StringComparison.Ordinal) && n.Link == e.Link));
    }

    /// <summary>Exactly these mails went out: one per address, its subject containing the words.</summary>
    private static void AssertMails(Changes changes, params IEnumerable<(string Address, string Words)> expected)
    {
        var wanted = expected.ToList();
        Assert.Equal(wanted.Select(e => e.Address).Order(StringComparer.Ordinal), changes.Mails.Select(m => m.Address).Order(StringComparer.Ordinal));
        Assert.All(wanted, e => Assert.Single(changes.Mails, m => m.Address == e.Address && m.Subject.Contains(e.Words, StringComparison.Ordinal)));
    }

    /// <summary>What one step wrote: the application's state after it, new history records (by aggregate, then sequence), notices and mails.</summary>
    internal sealed record Changes(ApplicationStatus? Status, IReadOnlyList<TransitionRecord> History, IReadOnlyList<Notification> Notices, IReadOnlyList<(string Address, string Subject)> Mails);

    /// <summary>The people of the walk, their browsers, and what has been seen of the database and the outbox so far.</summary>
    internal sealed class Walk(GuoheApp app, ApplicationRoute route) : IDisposable
    {
        public const string UnitName = "苏州国际科技孵化器有限公司";
        public const string LiaisonName = "李娜";
        public const string LiaisonEmail = "lina@sz-incubator.cn";
        public const string UnitPassword = "Suzhou#Incubate26";
        public const string Address = "江苏省苏州市工业园区星湖街328号";

        private readonly HashSet<Guid> _records = [];
        private readonly HashSet<Guid> _notices = [];
        private readonly List<(string Address, string Subject)> _mails = [];

        public GuoheApp App { get; } = app;

        public ApplicationRoute Route { get; } = route;

        public string Uscc { get; } = Usccs.Make(7_310_001).Value;

        public GuoheUser Officer { get; private set; } = null!;

        public GuoheUser Approver { get; private set; } = null!;

        public GuoheUser Recommender { get; private set; } = null!;

        public string RecommenderOrganisationName { get; private set; } = string.Empty;

        /// <summary>The team the office should be offered, best fit (the leader) first.</summary>
        public IReadOnlyList<GuoheUser> Team { get; private set; } = [];

        /// <summary>An expert covering both fields who declared a conflict with the unit.</summary>
        public GuoheUser Conflicted { get; private set; } = null!;

        public PageClient Office { get; set; } = null!;

        public PageClient Unit { get; set; } = null!;

        public Guid UnitUserId { get; set; }

        public Guid OrganisationId { get; set; }

        public int Year { get; set; }

        public Guid ApplicationId { get; set; }

        public string Number { get; set; } = string.Empty;

        public Guid VisitId { get; set; }

        public string Letter { get; set; } = string.Empty;

        /// <summary>The page the office is on between two of its steps.</summary>
        public Page Page { get; set; } = null!;

        public DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

        public DateOnly Today => ChinaTime.DateOf(Now);

        public string OfficeLink => $"/Office/Applications/Review/{ApplicationId}";

        public (Guid, string, string) UnitNotice(string state) => (UnitUserId, $"状态已变为“{state}”", "/Applicant/Application");

        /// <summary>
        /// Arranges what no page creates yet: the office and association accounts (staff: with an authenticator), a recommender
        /// organisation with its account, and the expert pool.
        /// </summary>
        public static async Task<Walk> ArrangeAsync(GuoheApp app, ApplicationRoute route)
        {
            var walk = new Walk(app, route)
            {
                Officer = await app.CreateAsync(Role.Office, twoFactor: true),
                Approver = await app.CreateAsync(Role.Association, twoFactor: true),
                Recommender = await app.CreateAsync(Role.Recommender),
                Team =
                [
                    await app.ExpertInPoolAsync(KeyFields.BioHealth | KeyFields.ElectronicInformation),
                    await app.ExpertInPoolAsync(KeyFields.BioHealth),
                    await app.ExpertInPoolAsync(KeyFields.ElectronicInformation | KeyFields.NewEnergy),
                ],
                Conflicted = await app.ExpertInPoolAsync(KeyFields.BioHealth | KeyFields.ElectronicInformation, declaredConflicts: [UnitName]),
            };
            walk.RecommenderOrganisationName = await app.WithDbAsync(async (db, _) =>
                await db.Organisations.Where(o => o.Id == walk.Recommender.OrganisationId).Select(o => o.Name).SingleAsync());
            await walk.ChangesAsync(); // what the arrangement wrote is not part of the walk
            return walk;
        }

        public async Task<PageClient> SignInAsync(GuoheUser user, bool staff)
        {
            var client = App.Browse();
            var home = await client.SignInAsync(user.Email!, totpKey: staff ? await App.AuthenticatorKeyAsync(user.Id) : null);
            Assert.True(home.Path != "/Account/Login" && home.Path != "/Account/LoginWith2fa", $"{user.Email} not signed in: {home.Errors}");
            return client;
        }

        public Task<Application> ApplicationAsync() =>
            App.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());

        /// <summary>Everything written since the last call.</summary>
        public async Task<Changes> ChangesAsync()
        {
            var (status, records, notices) = await App.WithDbAsync(async (db, _) => (
                await db.Applications.AsNoTracking().Select(a => (ApplicationStatus?)a.Status).SingleOrDefaultAsync(),
                await db.TransitionRecords.AsNoTracking().ToListAsync(),
                await db.Notifications.AsNoTracking().ToListAsync()));
            var newRecords = records.Where(r => _records.Add(r.Id))
                .OrderBy(r => r.AggregateType, StringComparer.Ordinal).ThenBy(r => r.Sequence).ToList();
            var newNotices = notices.Where(n => _notices.Add(n.Id)).ToList();
            var outbox = App.Messages().Select(m => (m.To.Mailboxes.Single().Address, Subject: m.Subject ?? string.Empty)).ToList();
            foreach (var seen in _mails)
            {
                outbox.Remove(seen); // what remains went out since the last call
            }
            _mails.AddRange(outbox);
            return new Changes(status, newRecords, newNotices, outbox);
        }

        public void Dispose()
        {
            Office?.Dispose();
            Unit?.Dispose();
        }
    }
}
