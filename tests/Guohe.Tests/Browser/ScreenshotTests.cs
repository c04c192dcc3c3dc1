using Guohe.Bench;
using Guohe.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guohe.Tests.Browser;

/// <summary>
/// The pages the README shows, opened in Chromium: the public portal on the demo data (the list of units, a unit's public
/// page, announcements, success stories), and the office's dashboard with both maps on a generated data set (400
/// organisations, 4,000 partner rows: bench/Guohe.Bench/DataSet.cs). Each is checked for what a person sees and by the checks
/// of <see cref="Screenshots"/>, and saved as a PNG under the test output (<c>screenshots/</c>, or <c>GUOHE_SCREENSHOTS</c>);
/// <c>tools/docs/screenshots.sh</c> writes them into docs/images for the README.
/// </summary>
public sealed class ScreenshotTests
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("GUOHE_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task The_public_portal_shows_units_their_pages_announcements_and_stories()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, "Development");
        var shots = new Screenshots("portal");

        var visitor = await browser.OpenAsync(app.Address!);
        await visitor.GotoAsync("/Units");
        await Expect(visitor.Locator("h1")).ToContainTextAsync("试点单位");
        Assert.True(await visitor.Locator("main table tbody tr").CountAsync() > 0, "the demo data has designated units on the public list");
        await Save(visitor, "portal-units");
        await shots.TakeAsync(visitor, "units");

        await visitor.Locator("main table tbody a").First.ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Units/[0-9a-f-]{36}$"));
        await shots.TakeAsync(visitor, "unit");

        await visitor.GotoAsync("/Announcements");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("公示");
        await Save(visitor, "portal-announcements");
        await shots.TakeAsync(visitor, "announcements");
        await visitor.Locator("main a[href^='/Announcements/']").First.ClickAsync();
        await shots.TakeAsync(visitor, "announcement");

        await visitor.GotoAsync("/Stories");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("成功案例");
        await visitor.Locator("main a[href^='/Stories/']").First.ClickAsync();
        await Expect(visitor.Locator("main img").First).ToBeVisibleAsync();
        await shots.TakeAsync(visitor, "story");
        shots.AssertNoProblems();
    }

    [Fact]
    public async Task The_dashboard_draws_its_charts_and_both_maps_on_a_generated_data_set()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: new()
        {
            ["Security:SecureCookies"] = "false", // plain HTTP on 127.0.0.1
            ["Security:CookieName"] = "Guohe.Session",
            ["Security:TwoFactorRequiredForStaff"] = "false", // the generated office account has no authenticator
        });
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await DataSet.GenerateAsync(app.Services, new DataSetSize(Organisations: 400, Partners: 4_000), now);
        await DataSet.EnsureOfficeAccountAsync(app.Services, now);
        var shots = new Screenshots("dashboard");

        var office = await browser.OpenAsync(app.Address!);
        await Support.Browser.SignInAsync(office, DataSet.OfficeEmail, DataSet.OfficePassword);
        await office.GotoAsync("/Office/Statistics");
        await Expect(office.Locator("h1")).ToHaveTextAsync("统计分析");
        // ECharts draws into a canvas inside each chart element; a chart whose script failed stays empty.
        await Expect(office.Locator("[data-map='china'] canvas")).ToHaveCountAsync(1);
        await Expect(office.Locator("[data-map='world'] canvas")).ToHaveCountAsync(1);
        var charts = await office.Locator(".stat-chart").CountAsync();
        await Expect(office.Locator(".stat-chart canvas")).ToHaveCountAsync(charts);
        await office.WaitForTimeoutAsync(1500); // the charts' entry animation
        await Save(office, "dashboard", fullPage: false);
        await office.Locator("[data-map='china']").ScrollIntoViewIfNeededAsync();
        await office.Locator("[data-map='china']").ScreenshotAsync(new() { Path = Path.Combine(Folder, "map-china.png") });
        await office.Locator("[data-map='world']").ScrollIntoViewIfNeededAsync();
        await office.Locator("[data-map='world']").ScreenshotAsync(new() { Path = Path.Combine(Folder, "map-world.png") });
        await shots.TakeAsync(office, "dashboard");
        shots.AssertNoProblems();
    }

    private static async Task Save(IPage page, string name, bool fullPage = true) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(Folder).FullName, name + ".png"), FullPage = fullPage });
}
