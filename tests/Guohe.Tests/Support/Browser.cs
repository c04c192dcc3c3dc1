using Microsoft.Playwright;

namespace Guohe.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright, headless, against an application started by <see cref="GuoheApp.StartServerAsync"/>.
/// <c>.ci/run</c> installs <c>chromium</c> and <c>fonts-noto-cjk</c>; under CI a missing browser fails the test, on a developer
/// machine with only the .NET SDK the browser tests are skipped with the reason.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("GUOHE_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var reason = $"Chromium not found at {ExecutablePath}: run .ci/run once (it installs chromium and fonts-noto-cjk) or set GUOHE_CHROMIUM.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason);
            }
            Assert.Skip(reason);
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A fresh profile (no cookies) in the given language, desktop-sized unless told otherwise.</summary>
    public async Task<IPage> OpenAsync(Uri baseAddress, string language = "zh-CN", int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page, typing the authenticator's current code when the account asks for one.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string? totpKey = null)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("form:has(input[name='Input.Email']) button[type='submit']").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (totpKey is not null)
        {
            await page.Locator("input[name='Code']").FillAsync(Totp.Code(totpKey));
            await page.Locator("form:has(input[name='Code']) button[type='submit']").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.False(page.Url.Contains("/Account/Login", StringComparison.Ordinal), $"{email} could not sign in: {await page.Locator("main").InnerTextAsync()}");
    }

    /// <summary>
    /// Fills the form holding the button named <paramref name="button"/> as a person would — typing into text fields, ticking
    /// boxes and radio buttons, choosing options — and presses the button, waiting for the page it leads to.
    /// </summary>
    public static async Task SubmitAsync(IPage page, string button, params IEnumerable<(string Name, string Value)> values)
    {
        var press = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true });
        var form = press.Locator("xpath=ancestor::form");
        foreach (var group in values.GroupBy(v => v.Name))
        {
            var fields = form.Locator($"[name='{group.Key}']");
            var first = fields.First;
            var tag = await first.EvaluateAsync<string>("e => e.tagName.toLowerCase()");
            var type = await first.GetAttributeAsync("type") ?? string.Empty;
            if (tag == "select")
            {
                await first.SelectOptionAsync(group.Select(v => v.Value).ToArray());
            }
            else if (type is "radio" or "checkbox")
            {
                foreach (var (_, value) in group)
                {
                    var box = type == "checkbox" && await fields.CountAsync() == 1 ? first : form.Locator($"[name='{group.Key}'][value='{value}']");
                    await box.CheckAsync();
                }
            }
            else
            {
                await first.FillAsync(group.Single().Value);
            }
        }
        await press.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
