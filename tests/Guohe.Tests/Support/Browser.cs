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

    /// <summary>Signs in through the sign-in page as a user whose account needs no second factor.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("form:has(input[name='Input.Email']) button[type='submit']").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
