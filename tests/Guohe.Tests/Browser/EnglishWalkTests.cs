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
/// The application path of <see cref="ProgrammeWalkTests"/> once in English (issue 10): the unit switches the site to English with
/// the header's button, as a foreign liaison would, and registers, fills Form 1, uploads and submits through a recommender; the
/// recommender, the office, the experts and the association approver browse with an English Accept-Language. Every page declares
/// lang="en", shows its English texts and passes the checks of <see cref="Screenshots"/>.
/// </summary>
public sealed class EnglishWalkTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_unit_applies_in_English_and_reaches_the_public_list()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: Walks.ServerSettings());
        var shots = new Screenshots("english");
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

        var office = await browser.SignedInAsync(app, officer, staff: true, language: "en");
        await office.GotoAsync("/Office/Batches/Edit");
        await Expect(office.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Support.Browser.SubmitAsync(office, "Save");
        await Expect(office).ToHaveURLAsync(new Regex("/Office/Batches$"));
        await shots.TakeAsync(office, "01-office-batch");

        // The liaison arrives on the Chinese site and switches it to English with the header's button.
        var unit = await browser.OpenAsync(app.Address!);
        await unit.GotoAsync("/Account/Register");
        await Expect(unit.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await unit.Locator("header").GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await unit.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(unit).ToHaveURLAsync(new Regex("/Account/Register$"));
        await Expect(unit.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(unit.Locator("header").GetByRole(AriaRole.Button, new() { Name = "中文", Exact = true })).ToBeVisibleAsync();
        await shots.TakeAsync(unit, "02-register");
        await Support.Browser.SubmitAsync(unit, "Register",
            ("Input.OrganisationName", ApplicationRoutesTests.Walk.UnitName), ("Input.Uscc", Usccs.Make(7_330_001).Value),
            ("Input.LiaisonName", ApplicationRoutesTests.Walk.LiaisonName), ("Input.Email", ApplicationRoutesTests.Walk.LiaisonEmail),
            ("Input.Mobile", "13812345679"), ("Input.Password", ApplicationRoutesTests.Walk.UnitPassword),
            ("Input.ConfirmPassword", ApplicationRoutesTests.Walk.UnitPassword), ("Input.Consent", "true"));
        await Expect(unit).ToHaveURLAsync(new Regex("/Account/RegisterDone$"));
        await shots.TakeAsync(unit, "03-registered");
        var mail = app.Messages().Single(m => m.To.Mailboxes.Single().Address == ApplicationRoutesTests.Walk.LiaisonEmail);
        var link = new Uri(Regex.Match(mail.TextBody ?? string.Empty, @"https?://\S+/Account/ConfirmEmail\S+").Value);
        await unit.GotoAsync(link.PathAndQuery);
        await Expect(unit.Locator("main")).ToContainTextAsync("Your e-mail address is confirmed; you can sign in now.");
        await Support.Browser.SignInAsync(unit, ApplicationRoutesTests.Walk.LiaisonEmail, ApplicationRoutesTests.Walk.UnitPassword);
        await Expect(unit).ToHaveURLAsync(new Regex("/Applicant$"));
        await Expect(unit.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await shots.TakeAsync(unit, "04-applicant-home");

        // Form 1 in English, saved as a draft, on the recommended route (Art. 11(1)–(2)).
        await unit.GotoAsync("/Applicant/Application/Edit");
        await Support.Browser.SubmitAsync(unit, "Start the application form");
        await Expect(unit.Locator("h1")).ToHaveTextAsync("Application Form for International S&T Cooperation Incubation Base Pilot Units");
        await Expect(unit.Locator("main")).ToContainTextAsync("Countries already cooperated with");
        var recommenderId = await unit.Locator("select[name='Input.RecommenderOrganisationId'] option", new() { HasText = recommenderName }).GetAttributeAsync("value");
        await Support.Browser.SubmitAsync(unit, "Save draft",
            ApplicationRoutesTests.Form1(ApplicationRoutesTests.Walk.UnitName).Append(("Input.Route", "Recommended")).Append(("Input.RecommenderOrganisationId", recommenderId!)));
        await Expect(unit.Locator("main")).ToContainTextAsync("Draft saved.");
        await shots.TakeAsync(unit, "05-form1-saved");

        await unit.GotoAsync("/Applicant/Documents");
        await Expect(unit.Locator("main")).ToContainTextAsync("Copy of the business licence");
        foreach (var kind in DocumentKinds.OfApplication)
        {
            await unit.Locator($"#form-{kind} input[type='file']").SetInputFilesAsync(new FilePayload { Name = $"{kind}.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await unit.Locator($"#form-{kind}").GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
            await unit.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.Equal(DocumentKinds.OfApplication.Count, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync()));
        await shots.TakeAsync(unit, "06-documents");

        await unit.GotoAsync("/Applicant/Application/Edit");
        await Support.Browser.SubmitAsync(unit, "Submit application");
        await Expect(unit.Locator("main")).ToContainTextAsync("The application has gone to the recommender; once endorsed it goes to the Office.");
        await shots.TakeAsync(unit, "07-submitted");
        var number = await app.WithDbAsync(async (db, _) => await db.Applications.Select(a => a.Number).SingleAsync());

        // The recommender endorses it (Art. 11(1)).
        var recommending = await browser.SignedInAsync(app, recommender, language: "en");
        await recommending.Locator("#waiting-table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(recommending.Locator("main")).ToContainTextAsync(ApplicationRoutesTests.Walk.UnitName);
        await shots.TakeAsync(recommending, "08-recommender-review");
        await Support.Browser.SubmitAsync(recommending, "Recommended", ("Opinion", "Strong international network; recommended."));
        await shots.TakeAsync(recommending, "09-recommended");
        Assert.Equal(ApplicationStatus.Submitted, await StatusAsync(app));

        // The office: preliminary review (11(3)), paper copies (11(2)), site visit with the suggested team (11(4)).
        await office.GotoAsync("/Office/Applications");
        await office.Locator("main table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await shots.TakeAsync(office, "10-office-review");
        await Support.Browser.SubmitAsync(office, "Passed preliminary review", ("Opinion", "Complete; meets Art. 10."));
        await Expect(office.Locator("main")).ToContainTextAsync("Done.");
        Assert.Equal(ApplicationStatus.PreliminaryPassed, await StatusAsync(app));
        await Support.Browser.SubmitAsync(office, "Record receipt of the two stamped paper copies");
        await office.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Schedule the site visit", Exact = true }).ClickAsync();
        await Support.Browser.SubmitAsync(office, "Suggest a team");
        Assert.Equal(3, await office.Locator("input[name='Team']:checked").CountAsync());
        await shots.TakeAsync(office, "11-suggested-team");
        await Support.Browser.SubmitAsync(office, "Schedule", ("Notes", "Report in the morning, inspection in the afternoon"));
        Assert.Equal(ApplicationStatus.SiteVisit, await StatusAsync(app));
        await office.CloseAsync();

        // Each expert declares no conflict and files the written opinion (11(5)).
        app.Clock.Advance(TimeSpan.FromDays(15));
        for (var i = 0; i < experts.Count; i++)
        {
            var page = await browser.SignedInAsync(app, experts[i], language: "en");
            await page.Locator("#assignments-table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
            await Support.Browser.SubmitAsync(page, "Declare and open the application", ("NoConflict", "true"));
            await Support.Browser.SubmitAsync(page, "File the written opinion",
                ("Input.Scores.GoalsAndModel", "22"), ("Input.Scores.ChannelsAndTeam", "21"), ("Input.Scores.TechnologyTransfer", "20"),
                ("Input.Scores.Platforms", "23"), ("Input.Recommendation", "Recommend"), ("Input.Text", $"{experts[i].DisplayName}: a complete international incubation system."));
            await Expect(page.Locator("main")).ToContainTextAsync("Your written opinion has been filed.");
            await shots.TakeAsync(page, $"12-opinion-{i + 1}");
            await page.CloseAsync();
        }
        Assert.Equal(ApplicationStatus.OpinionsComplete, await StatusAsync(app));

        // The office issues the review-opinion letter; an association approver confirms the grant (11(6)).
        office = await browser.SignedInAsync(app, officer, staff: true, language: "en");
        await office.GotoAsync("/Office/Applications?status=OpinionsComplete");
        await office.Locator("main table").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Support.Browser.SubmitAsync(office, "Issue the review-opinion letter (approval)", ("Opinion", "The unit meets Art. 10; we propose pilot unit status."));
        await shots.TakeAsync(office, "13-letter");
        var association = await browser.SignedInAsync(app, approver, staff: true, language: "en");
        await association.Locator("main a[href^='/Association/Decide/']").First.ClickAsync();
        await shots.TakeAsync(association, "14-decide");
        await Support.Browser.SubmitAsync(association, "Confirm the decision", ("Opinion", "Agreed."));
        await Expect(association.Locator("main")).ToContainTextAsync("Confirmed; the decision is in effect.");
        await shots.TakeAsync(association, "15-confirmed");
        Assert.Equal(DesignationStatus.Pilot, await app.WithDbAsync(async (db, _) => await db.Designations.Select(d => d.Status).SingleAsync()));

        // The public list, in English, shows the new pilot unit (Art. 11(7)).
        var visitor = await browser.OpenAsync(app.Address!, language: "en");
        await visitor.GotoAsync("/Units");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Pilot units and incubation bases");
        var row = visitor.Locator("main table tbody tr", new() { HasText = ApplicationRoutesTests.Walk.UnitName });
        await Expect(row).ToContainTextAsync("Pilot unit");
        await shots.TakeAsync(visitor, "16-public-list");
        shots.AssertNoProblems();
    }

    private static Task<ApplicationStatus> StatusAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) => await db.Applications.Select(a => a.Status).SingleAsync());
}
