using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Tests.Features;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guohe.Tests.Browser;

/// <summary>
/// Form 1 completed with the keyboard alone (issue 10): from the top of the page the applicant presses Tab through every
/// control in order, types into text fields, checks radio buttons with Space and the arrow keys, ticks boxes with Space, picks
/// the province with the arrow keys and two countries with Arrow and Shift+Arrow in the list, and saves with Enter on
/// 保存草稿. Every field of the form must be reached this way; the saved draft holds what was typed.
/// </summary>
public sealed class KeyboardForm1Tests
{
    [Fact]
    public async Task Applicant_completes_Form1_with_the_keyboard_only()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: Walks.ServerSettings());
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Batches.Add(Batch.Create(new Actor(Guid.NewGuid(), "办公室", Role.Office), now, 2026, "2026年度第一批", now.AddDays(-1), now.AddDays(30)));
            await db.SaveChangesAsync();
        });
        var applicant = await app.CreateAsync(Role.Applicant);
        var shots = new Screenshots("keyboard");
        var page = await browser.SignedInAsync(app, applicant);
        await page.GotoAsync("/Applicant/Application/Edit");

        // 开始填写申请表: Tab to the button, Enter.
        await TabToAsync(page, f => f.Tag == "button" && f.Text == "开始填写申请表");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("input[name='Input.OrganisationName']")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("国际科技合作孵化基地试点单位申请表");

        var wanted = ApplicationRoutesTests.Form1("苏州国际科技孵化器有限公司").Where(v => v.Item1 != "Input.Countries")
            .Append(("Input.Route", nameof(ApplicationRoute.SelfApplied)))
            .GroupBy(v => v.Item1).ToDictionary(g => g.Key, g => g.Select(v => v.Item2).ToList());
        var reached = new HashSet<string>();
        string[] countries = [];
        for (var presses = 0; ; presses++)
        {
            Assert.True(presses < 400, $"保存草稿 not reached by Tab; never reached: {string.Join(", ", wanted.Keys.Except(reached))}");
            await page.Keyboard.PressAsync("Tab");
            var f = await FocusedAsync(page);
            if (f.Tag == "button" && f.Text == "保存草稿")
            {
                break;
            }
            if (f.Name == "Input.Countries")
            {
                // The list of countries: the first with ArrowDown, the next added with Shift+ArrowDown.
                await page.Keyboard.PressAsync("ArrowDown");
                await page.Keyboard.PressAsync("Shift+ArrowDown");
                countries = await page.EvaluateAsync<string[]>("() => [...document.activeElement.selectedOptions].map(o => o.value)");
                reached.Add(f.Name);
                continue;
            }
            if (!wanted.TryGetValue(f.Name, out var values))
            {
                continue;
            }
            reached.Add(f.Name);
            switch (f.Tag, f.Type)
            {
                case ("input", "radio"):
                    // Tab enters the group on its first button: Space checks it; each arrow moves on and checks the next.
                    await page.Keyboard.PressAsync("Space");
                    for (var moves = 0; (await FocusedAsync(page)).Value != values.Single(); moves++)
                    {
                        Assert.True(moves < 10, $"{f.Name}: {values.Single()} not reached with the arrow keys");
                        await page.Keyboard.PressAsync("ArrowDown");
                    }
                    break;
                case ("input", "checkbox"):
                    if (values.Contains(f.Value) && !f.Checked)
                    {
                        await page.Keyboard.PressAsync("Space");
                    }
                    break;
                case ("select", _):
                    for (var moves = 0; (await FocusedAsync(page)).Value != values.Single(); moves++)
                    {
                        Assert.True(moves < 100, $"{f.Name}: {values.Single()} not reached with the arrow keys");
                        await page.Keyboard.PressAsync("ArrowDown");
                    }
                    break;
                default:
                    await page.Keyboard.PressAsync("Control+A");
                    await page.Keyboard.TypeAsync(values.Single());
                    break;
            }
        }
        Assert.Empty(wanted.Keys.Append("Input.Countries").Except(reached));
        Assert.Equal(2, countries.Length);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToContainTextAsync("草稿已保存");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await shots.TakeAsync(page, "form1-saved-by-keyboard");

        var draft = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Equal("苏州国际科技孵化器有限公司", draft.OrganisationName);
        Assert.Equal(("江苏省", "陈明", (int?)85, "https://www.sz-incubator.cn"), (draft.Profile.Province, draft.Profile.LegalRepresentative, draft.Profile.TotalStaff, draft.Profile.Website));
        Assert.Equal(((bool?)true, (UnitType?)UnitType.Incubator, (Ownership?)Ownership.StateOwned, (UnitLevel?)UnitLevel.National), (draft.Profile.HasOverseasBase, draft.Profile.UnitType, draft.Profile.Ownership, draft.Profile.Level));
        Assert.Equal(KeyFields.BioHealth | KeyFields.ElectronicInformation, draft.Profile.KeyFields);
        Assert.Equal(countries, draft.Countries.Select(c => c.Code));
        Assert.Equal(("陈明", "chen@sz-incubator.cn"), (draft.UnitHead.Name, draft.UnitHead.Email));
        Assert.Equal(("王强", "13712345670"), (Assert.Single(draft.MainPersons).Name, draft.MainPersons[0].Mobile));
        Assert.Equal(("李娜", "0512-66881235"), (draft.Contact.Name, draft.Contact.Phone));
        Assert.Equal("在慕尼黑设有海外孵化基地。", draft.Introduction.Platforms);
        Assert.True(draft.Declaration);
        Assert.Equal(ApplicationRoute.SelfApplied, draft.Route);
        shots.AssertNoProblems();
    }

    private sealed record Focused(string Tag, string Type, string Name, string Value, bool Checked, string Text);

    private static async Task<Focused> FocusedAsync(IPage page)
    {
        var f = await page.EvaluateAsync<string[]>("""
            () => { const e = document.activeElement || document.body;
                    return [e.tagName.toLowerCase(), e.type || '', e.name || '', e.value || '', e.checked ? 'true' : 'false', (e.innerText || '').trim()]; }
            """);
        return new Focused(f[0], f[1], f[2], f[3], f[4] == "true", f[5]);
    }

    private static async Task TabToAsync(IPage page, Func<Focused, bool> target)
    {
        for (var presses = 0; presses < 100; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (target(await FocusedAsync(page)))
            {
                return;
            }
        }
        Assert.Fail("The target was not reached with Tab.");
    }
}
