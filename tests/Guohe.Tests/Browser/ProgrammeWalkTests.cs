using System.Text.RegularExpressions;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Tests.Features;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guohe.Tests.Browser;

/// <summary>
/// The programme clicked through in Chromium as its people do it (issue 10): a unit registers, fills Form 1 and uploads its
/// filing documents, a recommender endorses it (Art. 11(1)), the office passes the preliminary review (11(3)), records the paper
/// copies (11(2)) and schedules a site visit with the suggested team (11(4)), every expert files an opinion (11(5)), the office
/// issues the review-opinion letter and an association approver confirms (11(6)); the public list then shows the new pilot
/// unit (Art. 11(7)). At every step the page is checked for what it says in Chinese and saved as a screenshot.
/// </summary>
public sealed class ProgrammeWalkTests(ITestOutputHelper output)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_unit_goes_from_registration_to_the_public_list_of_pilot_units()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: new()
        {
            ["Security:SignInRequestsPerMinutePerIp"] = "1000",
            ["Security:SecureCookies"] = "false", // plain HTTP on 127.0.0.1
            ["Security:CookieName"] = "Guohe.Session",
        });
        var shots = new Screenshots("walk");
        var officer = await app.CreateAsync(Role.Office, twoFactor: true);
        var approver = await app.CreateAsync(Role.Association, twoFactor: true);
        var recommender = await app.CreateAsync(Role.Recommender);
        var recommenderName = await app.WithDbAsync(async (db, _) => await db.Organisations.Where(o => o.Id == recommender.OrganisationId).Select(o => o.Name).SingleAsync());
        List<GuoheUser> experts =
        [
            await app.ExpertInPoolAsync(KeyFields.BioHealth | KeyFields.ElectronicInformation),
            await app.ExpertInPoolAsync(KeyFields.BioHealth),
            await app.ExpertInPoolAsync(KeyFields.ElectronicInformation | KeyFields.NewEnergy),
        ];

        // The office opens this year's batch (Art. 4).
        var office = await browser.OpenAsync(app.Address!);
        await Support.Browser.SignInAsync(office, officer.Email!, TestAccounts.Password, await app.AuthenticatorKeyAsync(officer.Id));
        await office.GotoAsync("/Office/Batches/Edit");
        await Support.Browser.SubmitAsync(office, "保存");
        await Expect(office).ToHaveURLAsync(new Regex("/Office/Batches$"));
        await shots.TakeAsync(office, "01-office-batch");

        // The unit registers with its 统一社会信用代码 and confirms its e-mail by the mailed link (Art. 8).
        var unit = await browser.OpenAsync(app.Address!);
        await unit.GotoAsync("/Account/Register");
        await Support.Browser.SubmitAsync(unit, "注册",
            ("Input.OrganisationName", ApplicationRoutesTests.Walk.UnitName), ("Input.Uscc", Usccs.Make(7_320_001).Value),
            ("Input.LiaisonName", ApplicationRoutesTests.Walk.LiaisonName), ("Input.Email", ApplicationRoutesTests.Walk.LiaisonEmail),
            ("Input.Mobile", "13812345679"), ("Input.Password", ApplicationRoutesTests.Walk.UnitPassword),
            ("Input.ConfirmPassword", ApplicationRoutesTests.Walk.UnitPassword), ("Input.Consent", "true"));
        await Expect(unit).ToHaveURLAsync(new Regex("/Account/RegisterDone$"));
        await shots.TakeAsync(unit, "02-registered");
        var mail = app.Messages().Single(m => m.To.Mailboxes.Single().Address == ApplicationRoutesTests.Walk.LiaisonEmail);
        var link = new Uri(Regex.Match(mail.TextBody ?? string.Empty, @"https?://\S+/Account/ConfirmEmail\S+").Value);
        await unit.GotoAsync(link.PathAndQuery);
        await Expect(unit.Locator("main")).ToContainTextAsync("邮箱已确认");
        await Support.Browser.SignInAsync(unit, ApplicationRoutesTests.Walk.LiaisonEmail, ApplicationRoutesTests.Walk.UnitPassword);
        await Expect(unit).ToHaveURLAsync(new Regex("/Applicant$"));
        await Expect(unit.Locator("main")).ToContainTextAsync(ApplicationRoutesTests.Walk.UnitName);

        // Form 1, saved as a draft with every field, on the recommended route (Art. 11(1)–(2)).
        await unit.GotoAsync("/Applicant/Application/Edit");
        await Support.Browser.SubmitAsync(unit, "开始填写申请表");
        var recommenderId = await unit.Locator("select[name='Input.RecommenderOrganisationId'] option", new() { HasText = recommenderName }).GetAttributeAsync("value");
        await Support.Browser.SubmitAsync(unit, "保存草稿",
            ApplicationRoutesTests.Form1(ApplicationRoutesTests.Walk.UnitName).Append(("Input.Route", "Recommended")).Append(("Input.RecommenderOrganisationId", recommenderId!)));
        await Expect(unit.Locator("main")).ToContainTextAsync("草稿已保存");
        await shots.TakeAsync(unit, "03-form1-saved");

        // The filing documents, each as a PDF chosen in the file picker.
        await unit.GotoAsync("/Applicant/Documents");
        foreach (var kind in DocumentKinds.OfApplication)
        {
            await unit.Locator($"#form-{kind} input[type='file']").SetInputFilesAsync(new FilePayload { Name = $"{kind}.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await unit.Locator($"#form-{kind}").GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await unit.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.Equal(DocumentKinds.OfApplication.Count, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync()));
        await shots.TakeAsync(unit, "04-documents");

        await unit.GotoAsync("/Applicant/Application/Edit");
        await Support.Browser.SubmitAsync(unit, "提交申请");
        await Expect(unit.Locator("main")).ToContainTextAsync("待推荐");
        await shots.TakeAsync(unit, "05-submitted");
        var number = await app.WithDbAsync(async (db, _) => await db.Applications.Select(a => a.Number).SingleAsync());

        // The recommender endorses it from its queue (Art. 11(1)).
        var recommending = await browser.OpenAsync(app.Address!);
        await Support.Browser.SignInAsync(recommending, recommender.Email!, TestAccounts.Password);
        await recommending.GotoAsync("/Recommender");
        await recommending.Locator("#waiting-table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Support.Browser.SubmitAsync(recommending, "推荐", ("Opinion", "该单位国际合作基础扎实，同意推荐。"));
        await shots.TakeAsync(recommending, "06-recommended");
        Assert.Equal(ApplicationStatus.Submitted, await StatusAsync(app));

        // The office: preliminary review (11(3)), paper copies (11(2)), site visit with the suggested team (11(4)).
        await office.GotoAsync("/Office/Applications");
        await office.Locator("main table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Support.Browser.SubmitAsync(office, "初审通过", ("Opinion", "材料齐全，符合《办法》第十条规定的条件，初审通过。"));
        Assert.Equal(ApplicationStatus.PreliminaryPassed, await StatusAsync(app));
        await Support.Browser.SubmitAsync(office, "登记收到两份盖章纸质材料");
        await shots.TakeAsync(office, "07-preliminary-review");
        await office.Locator("main").GetByRole(AriaRole.Link, new() { Name = "安排实地调研", Exact = true }).ClickAsync();
        await Support.Browser.SubmitAsync(office, "建议专家组");
        var suggested = await office.Locator("input[name='Team']:checked").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)");
        Assert.Equal(experts.Select(e => e.Id.ToString()).Order(), suggested.Select(s => Guid.Parse(s).ToString()).Order());
        await shots.TakeAsync(office, "08-suggested-team");
        await Support.Browser.SubmitAsync(office, "安排", ("Notes", "上午听取汇报，下午现场考察"));
        Assert.Equal(ApplicationStatus.SiteVisit, await StatusAsync(app));

        // Each expert declares no conflict and files the written opinion (11(5)).
        app.Clock.Advance(TimeSpan.FromDays(15));
        foreach (var expert in experts)
        {
            var page = await browser.OpenAsync(app.Address!);
            await Support.Browser.SignInAsync(page, expert.Email!, TestAccounts.Password);
            await page.Locator("#assignments-table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
            await Support.Browser.SubmitAsync(page, "声明并查看申请材料", ("NoConflict", "true"));
            await Support.Browser.SubmitAsync(page, "提交书面意见",
                ("Input.Scores.GoalsAndModel", "22"), ("Input.Scores.ChannelsAndTeam", "21"), ("Input.Scores.TechnologyTransfer", "20"),
                ("Input.Scores.Platforms", "23"), ("Input.Recommendation", "Recommend"), ("Input.Text", $"{expert.DisplayName}：国际化孵化体系完整，建议通过。"));
            await shots.TakeAsync(page, $"09-opinion-{expert.DisplayName}");
            await page.Context.CloseAsync();
        }
        Assert.Equal(ApplicationStatus.OpinionsComplete, await StatusAsync(app));

        // The office issues the review-opinion letter; an association approver confirms the grant (11(6)).
        await Support.Browser.SignInAsync(office, officer.Email!, TestAccounts.Password, await app.AuthenticatorKeyAsync(officer.Id));
        await office.GotoAsync("/Office/Applications?status=OpinionsComplete");
        await office.Locator("main table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(office.Locator("#opinions")).ToBeVisibleAsync();
        await Support.Browser.SubmitAsync(office, "出具审核意见函（拟批准）", ("Opinion", "经实地调研和专家评审，该单位符合《办法》第十条规定的条件，建议授予试点单位。"));
        await shots.TakeAsync(office, "10-letter");
        var association = await browser.OpenAsync(app.Address!);
        await Support.Browser.SignInAsync(association, approver.Email!, TestAccounts.Password, await app.AuthenticatorKeyAsync(approver.Id));
        await association.GotoAsync("/Association");
        await association.Locator("main a[href^='/Association/Decide/']").ClickAsync();
        await Support.Browser.SubmitAsync(association, "确认决定", ("Opinion", "同意授予试点单位。"));
        await shots.TakeAsync(association, "11-confirmed");
        Assert.Equal(ApplicationStatus.Approved, await StatusAsync(app));
        Assert.Equal(DesignationStatus.Pilot, await app.WithDbAsync(async (db, _) => await db.Designations.Select(d => d.Status).SingleAsync()));

        // The public list shows the new pilot unit to anyone (Art. 11(7)).
        var visitor = await browser.OpenAsync(app.Address!);
        await visitor.GotoAsync("/Units");
        var row = visitor.Locator("main table tbody tr", new() { HasText = ApplicationRoutesTests.Walk.UnitName });
        await Expect(row).ToContainTextAsync("江苏省"); // the province of its Form 1
        await Expect(row).ToContainTextAsync("试点单位");
        await shots.TakeAsync(visitor, "12-public-list");
        shots.AssertNoProblems();

        // Nothing personal was logged on the way: not an e-mail, a phone, a person of Form 1 or a password (PIPL Art. 51).
        var scan = await PersonalDataInLogs.ScanAsync(app);
        output.WriteLine($"logs: {scan.Entries} entries scanned for {scan.Values} personal values, {scan.Leaks.Count} found");
        Assert.True(scan.Leaks.Count == 0, string.Join('\n', scan.Leaks.Take(20)));
    }

    private static Task<ApplicationStatus> StatusAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) => await db.Applications.Select(a => a.Status).SingleAsync());
}

