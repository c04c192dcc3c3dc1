using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Life = Guohe.Tests.Features.DesignationLifeTests.Life;

namespace Guohe.Tests.Browser;

/// <summary>
/// The applicant's pages on a phone (390×844, issue 10): a new unit's home, Form 1, its filing documents; a pilot unit's home,
/// its yearly filings and the Form 2 it is to fill. Each page passes the checks of <see cref="Screenshots"/>, and nothing is
/// wider than the screen — the page never scrolls sideways (wide tables scroll inside their own box).
/// </summary>
public sealed class PhoneViewportTests
{
    private const int Width = 390;
    private const int Height = 844;

    [Fact]
    public async Task Applicant_pages_fit_a_phone_screen()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: Walks.ServerSettings());
        var life = await Life.ArrangeAsync(app); // a pilot unit, and a batch open today
        await life.RunJobAsync();
        var shots = new Screenshots("phone");
        var tooWide = new List<string>();

        async Task CheckAsync(IPage page, string name)
        {
            await shots.TakeAsync(page, name);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, inner) = (widths[0], widths[1]);
            if (scroll > inner)
            {
                var widest = await page.EvaluateAsync<string>("""
                    () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                        .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')
                    """);
                tooWide.Add($"{name} ({new Uri(page.Url).PathAndQuery}): scrollWidth {scroll} > {inner}: {widest}");
            }
        }

        // A newly registered unit: home, Form 1 (started and saved), filing documents.
        var newcomer = await app.CreateAsync(Role.Applicant);
        var unit = await browser.SignedInAsync(app, newcomer, width: Width, height: Height);
        await CheckAsync(unit, "01-home");
        await unit.GetByRole(AriaRole.Button, new() { Name = "展开导航" }).ClickAsync();
        await Expect(unit.Locator("header").GetByRole(AriaRole.Button, new() { Name = "English", Exact = true })).ToBeVisibleAsync();
        await CheckAsync(unit, "02-menu-open");
        await unit.GotoAsync("/Applicant/Application/Edit");
        await CheckAsync(unit, "03-form1-start");
        await Support.Browser.SubmitAsync(unit, "开始填写申请表");
        await Expect(unit.Locator("h1")).ToHaveTextAsync("国际科技合作孵化基地试点单位申请表");
        await CheckAsync(unit, "04-form1");
        await unit.GotoAsync("/Applicant/Documents");
        await Expect(unit.Locator("main")).ToContainTextAsync("营业执照复印件");
        await CheckAsync(unit, "05-documents");
        await unit.CloseAsync();

        // A pilot unit: home, its yearly filings, Form 2 to fill.
        var plan = await life.ObligationAsync(ObligationKind.AnnualPlan, 2035);
        var pilot = await browser.SignedInAsync(app, life.Applicant, width: Width, height: Height);
        await CheckAsync(pilot, "06-pilot-home");
        await pilot.GotoAsync("/Applicant/Obligations");
        await Expect(pilot.Locator("main")).ToContainTextAsync("年度工作计划表");
        await CheckAsync(pilot, "07-obligations");
        await pilot.GotoAsync($"/Applicant/Obligations/Edit/{plan.Id}");
        await Expect(pilot.Locator("h1")).ToContainTextAsync("年度工作计划表");
        await CheckAsync(pilot, "08-form2");
        await pilot.CloseAsync();

        Assert.True(tooWide.Count == 0, "Pages wider than a phone:\n" + string.Join("\n", tooWide));
        shots.AssertNoProblems();
    }
}
