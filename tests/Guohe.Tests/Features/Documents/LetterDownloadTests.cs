using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Documents;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Documents;

/// <summary>
/// The review-opinion letter, the certificates and the public notice through the front door: where the buttons are (the
/// association's decide page, the office's decisions, designation and unit pages, the unit's own pages), what the files
/// say and when they are dated, and who gets them (the unit only once decided, and only while its title stands).
/// </summary>
public sealed class LetterDownloadTests
{
    private const string Letter = "申请单位国际化基础扎实，建议授予国际科技合作孵化基地试点单位。";

    /// <summary>An applicant's application taken to 拟批准 by the verbs: the letter issued and the grant proposed (Art. 11(6)).</summary>
    private static async Task<(GuoheUser Applicant, Guid ApplicationId, Guid DecisionId)> ProposedAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.SubmittedAsync(applicant);
        var decisionId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, applicationId, ChinaTime.DateOf(now), "苏州", null,
                [new ExpertAssignment(People.Expert1.UserId, People.Expert1.Name, true)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            visit.DeclareNoConflict(People.Expert1, now);
            visit.FileOpinion(People.Expert1, now, World.GoodScores, OverallRecommendation.Recommend, "国际化基础扎实。");
            application.CompleteOpinions(People.Expert1, now, visit);
            application.ProposeApproval(People.Office, now, Letter);
            var decision = Decision.ProposeGrantPilot(People.Office, now, application, Letter);
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            await db.SaveChangesAsync();
            return decision.Id;
        });
        return (applicant, applicationId, decisionId);
    }

    private static async Task<PageClient> StaffAsync(GuoheApp app, Role role)
    {
        var user = await app.CreateAsync(role, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    private static async Task<PageClient> UnitAsync(GuoheApp app, GuoheUser applicant)
    {
        var client = app.Browse();
        await client.SignInAsync(applicant.Email!);
        return client;
    }

    private static async Task<IReadOnlyList<string>> ParagraphsAsync(PageClient client, string href)
    {
        using var response = await client.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WordFile.ContentType, response.Content.Headers.ContentType!.MediaType);
        var docx = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(WordTables.ValidationErrors(docx));
        return WordTables.Paragraphs(docx);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task After_the_associations_confirm_the_grant_the_letter_and_certificate_download_from_the_decide_page_and_the_office_list(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (applicant, applicationId, decisionId) = await ProposedAsync(app);
        var letter = WordLink.ReviewOpinion(applicationId).Href;
        app.Clock.Advance(TimeSpan.FromDays(3)); // the associations decide three days after the proposal (before anyone signs in: sessions time out)
        using var unit = await UnitAsync(app, applicant);

        // Before the decision the letter is the office's and the associations' only (Art. 11(6)).
        Assert.Null((await unit.GetAsync("/Applicant/Application")).Html.QuerySelector($"a[href='{letter}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await unit.Http.GetAsync(letter)).StatusCode);
        using var approver = await StaffAsync(app, Role.Association);
        var decide = await approver.GetAsync($"/Association/Decide/{decisionId}");
        Assert.NotNull(decide.Html.QuerySelector($"#documents a[href='{letter}']"));
        Assert.Contains("    " + Letter, await ParagraphsAsync(approver, letter));

        var done = await approver.ClickAsync(decide, "确认决定", ("Opinion", "同意。"));
        Assert.Equal(string.Empty, done.Errors);
        var designation = await app.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync(d => d.ApplicationId == applicationId));
        var number = await app.WithDbAsync(async (db, _) => await db.Applications.Where(a => a.Id == applicationId).Select(a => a.Number).SingleAsync());
        var certificate = WordLink.Certificate(designation.Id, asBase: false).Href;
        var confirmed = await approver.GetAsync($"/Association/Decide/{decisionId}");
        Assert.NotNull(confirmed.Html.QuerySelector($"#documents a[href='{letter}']"));
        Assert.NotNull(confirmed.Html.QuerySelector($"#documents a[href='{certificate}']"));

        // The office finds both in its list of confirmed decisions; the certificate names the unit, the title, the bodies and the date.
        using var office = await StaffAsync(app, Role.Office);
        var row = (await office.GetAsync("/Office/Decisions")).Html.QuerySelector("#confirmed")!.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(designation.OrganisationName, StringComparison.Ordinal));
        Assert.NotNull(row.QuerySelector($"a[href='{letter}']"));
        Assert.NotNull(row.QuerySelector($"a[href='{certificate}']"));
        var text = await ParagraphsAsync(office, certificate);
        Assert.Equal($"证书编号：{number}", text[0]);
        Assert.Contains(designation.OrganisationName + "：", text);
        Assert.Contains("“国际科技合作孵化基地试点单位”", text);
        Assert.Equal([Letters.Associations, "（盖章）", ChinaTime.Zh(designation.RecognitionDate)], text.TakeLast(3));
        using (var response = await office.Http.GetAsync(certificate))
        {
            Assert.Equal($"试点单位证书-{designation.OrganisationName}.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        }

        // The letter goes to the unit dated with the grant, three days after it was proposed.
        Assert.NotNull((await unit.GetAsync("/Applicant/Application")).Html.QuerySelector($"a[href='{letter}']"));
        var sent = await ParagraphsAsync(unit, letter);
        Assert.Equal([Letters.Office, "（盖章）", ChinaTime.Zh(designation.RecognitionDate)], sent.TakeLast(3));
        Assert.Equal(ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime), designation.RecognitionDate);
        Assert.Contains(designation.OrganisationName + "：", (await ParagraphsAsync(unit, certificate)));
    }

    [Fact]
    public async Task A_letter_of_non_approval_after_a_rejected_grant_carries_the_new_text_and_the_day_it_was_issued()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (applicant, applicationId, decisionId) = await ProposedAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Decisions.SingleAsync(d => d.Id == decisionId)).Reject(People.Association, app.Clock.GetUtcNow().UtcDateTime, "国际合作平台尚不具备。");
            await db.SaveChangesAsync();
        });
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Applications.SingleAsync(a => a.Id == applicationId)).IssueNonApproval(People.Office, app.Clock.GetUtcNow().UtcDateTime, "经审核，暂不符合试点单位条件。");
            await db.SaveChangesAsync();
        });
        using var unit = await UnitAsync(app, applicant);

        var text = await ParagraphsAsync(unit, WordLink.ReviewOpinion(applicationId).Href);

        Assert.Contains("    经审核，暂不符合试点单位条件。", text);
        Assert.DoesNotContain("    " + Letter, text);
        Assert.Equal(ChinaTime.Zh(ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime)), text[^1]);
    }

    [Fact]
    public async Task A_revoked_base_keeps_its_certificates_and_notice_for_the_office_but_its_unit_gets_the_notice_only()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (applicant, applicationId, grantId) = await ProposedAsync(app);
        DateTime Now() => app.Clock.GetUtcNow().UtcDateTime;
        var designationId = await app.WithDbAsync(async (db, _) =>
        {
            var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
            var designation = (await db.Decisions.SingleAsync(d => d.Id == grantId)).Confirm(People.Association, Now(), application, DesignationRules.Default).OpenedDesignation!;
            db.Designations.Add(designation);
            await db.SaveChangesAsync();
            return designation.Id;
        });
        app.Clock.Advance(TimeSpan.FromDays((2 * 366) + 1)); // past the construction period
        async Task DecideAsync(DecisionKind kind, string reason, RevocationGround? ground = null) => await app.WithDbAsync(async (db, _) =>
        {
            var designation = await db.Designations.SingleAsync(d => d.Id == designationId);
            var decision = Decision.Propose(People.Office, Now(), kind, designation, reason, ground);
            var outcome = decision.Confirm(People.Association, Now(), designation);
            db.Decisions.Add(decision);
            if (outcome.Ban is { } ban)
            {
                db.Bans.Add(ban);
            }
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var designation = await db.Designations.SingleAsync(d => d.Id == designationId);
            var summary = Obligation.Create(People.Office, Now(), designation,
                new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Guohe.Domain.History.Article.Art13_1));
            summary.File(People.Applicant, Now(), World.Form());
            designation.EnterAcceptance(People.Applicant, Now(), summary);
            db.Obligations.Add(summary);
            await db.SaveChangesAsync();
        });
        await DecideAsync(DecisionKind.GrantBase, "达到国合孵化基地要求。");
        foreach (var days in new[] { 0, 366 })
        {
            app.Clock.Advance(TimeSpan.FromDays(days));
            await app.WithDbAsync(async (db, _) =>
            {
                (await db.Designations.SingleAsync(d => d.Id == designationId)).RecordGrade(People.Office, Now(), ChinaTime.DateOf(Now()).Year, Grade.Fail, "考核不合格。");
                await db.SaveChangesAsync();
            });
        }
        await DecideAsync(DecisionKind.PublicNotice, "连续两年考核不合格，予以通报，限期整改。");
        await DecideAsync(DecisionKind.RevokeBase, "整改不到位，取消国合孵化基地资格。", RevocationGround.TwoConsecutiveFails);
        var designation = await app.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync(d => d.Id == designationId));
        var pilot = WordLink.Certificate(designationId, asBase: false).Href;
        var baseCertificate = WordLink.Certificate(designationId, asBase: true).Href;
        var notice = WordLink.Notice(designation.PublicNotices.Single().DecisionId).Href;

        // The office: every document from the designation's page, each valid and dated.
        using var office = await StaffAsync(app, Role.Office);
        var letters = (await office.GetAsync($"/Office/Designations/Grade/{designationId}")).Html.QuerySelector("#letters")!;
        Assert.Equal([pilot, baseCertificate, notice], letters.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("“国际科技合作孵化基地”", await ParagraphsAsync(office, baseCertificate));
        Assert.Equal(ChinaTime.Zh(designation.BaseGrantedOn!.Value), (await ParagraphsAsync(office, baseCertificate))[^1]);
        var noticeText = await ParagraphsAsync(office, notice);
        Assert.Equal($"关于{designation.OrganisationName}的通报", noticeText[0]);
        Assert.Contains("    连续两年考核不合格，予以通报，限期整改。", noticeText);
        Assert.Equal(ChinaTime.Zh(designation.PublicNotices.Single().On), noticeText[^1]);

        // The unit: a revoked title is not printed again; the notice about it stays readable.
        using var unit = await UnitAsync(app, applicant);
        var mine = await unit.GetAsync("/Applicant/Obligations");
        Assert.Empty(mine.Html.QuerySelectorAll("#designations a[href^='/Files/Letter/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await unit.Http.GetAsync(pilot)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.Http.GetAsync(baseCertificate)).StatusCode);
        Assert.Equal(noticeText, await ParagraphsAsync(unit, notice));
    }
}
