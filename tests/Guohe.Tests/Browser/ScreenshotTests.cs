using Guohe.Tests.Support;
using Guohe.Web.Data;
using Microsoft.Playwright;

namespace Guohe.Tests.Browser;

/// <summary>
/// The pages the README shows, opened in Chromium on the demo data: the public list of units, the office's dashboard and
/// both maps. Each is checked for what a person sees (Chinese headings, a drawn chart, a drawn map) and saved as a PNG
/// under the test output (<c>screenshots/</c>); <c>tools/docs/screenshots.sh</c> copies them into docs/images for the README.
/// </summary>
public sealed class ScreenshotTests
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("GUOHE_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Portal_dashboard_and_maps_render_with_their_data()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, "Development", new()
        {
            ["Security:SignInRequestsPerMinutePerIp"] = "1000",
        });
        Directory.CreateDirectory(Folder);
        var checks = new Screenshots("readme");

        var visitor = await browser.OpenAsync(app.Address!);
        await visitor.GotoAsync("/Units");
        await Assertions.Expect(visitor.Locator("h1")).ToContainTextAsync("试点单位");
        Assert.True(await visitor.Locator("table tbody tr").CountAsync() > 0, "the demo data has designated units on the public list");
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(Folder, "portal-units.png"), FullPage = true });
        await checks.TakeAsync(visitor, "portal-units");

        var office = await browser.OpenAsync(app.Address!);
        await Support.Browser.SignInAsync(office, "office@demo.guohe.cn", DevSeed.DemoPassword);
        await office.GotoAsync("/Office/Statistics");
        await Assertions.Expect(office.Locator("h1")).ToHaveTextAsync("统计分析");
        // ECharts draws into a canvas inside each chart element; a chart whose script failed stays empty.
        await Assertions.Expect(office.Locator("[data-map='china'] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(office.Locator("[data-map='world'] canvas")).ToHaveCountAsync(1);
        var charts = await office.Locator(".stat-chart").CountAsync();
        await Assertions.Expect(office.Locator(".stat-chart canvas")).ToHaveCountAsync(charts);
        await office.WaitForTimeoutAsync(1500); // the charts' entry animation
        await office.ScreenshotAsync(new() { Path = Path.Combine(Folder, "dashboard.png"), FullPage = false });
        await office.Locator("[data-map='china']").ScreenshotAsync(new() { Path = Path.Combine(Folder, "map-china.png") });
        await office.Locator("[data-map='world']").ScreenshotAsync(new() { Path = Path.Combine(Folder, "map-world.png") });
        await checks.TakeAsync(office, "dashboard");
        checks.AssertNoProblems();
    }
}
