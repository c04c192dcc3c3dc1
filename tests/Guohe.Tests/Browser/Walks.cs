using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.Playwright;

namespace Guohe.Tests.Browser;

/// <summary>What the browser walks share: the server's settings for plain HTTP on 127.0.0.1 and signing a person in on a fresh profile.</summary>
internal static class Walks
{
    /// <summary>Everyone signs in from 127.0.0.1 within minutes; cookies travel over plain HTTP.</summary>
    public static Dictionary<string, string?> ServerSettings() => new()
    {
        ["Security:SignInRequestsPerMinutePerIp"] = "1000",
        ["Security:SecureCookies"] = "false",
        ["Security:CookieName"] = "Guohe.Session",
    };

    /// <summary>
    /// A fresh browser profile signed in as <paramref name="user"/> (typing the authenticator's code for staff). The walks move the
    /// app's clock by months, which ends every session, so each step signs in afresh; close the page's context when done.
    /// </summary>
    public static async Task<IPage> SignedInAsync(this Support.Browser browser, GuoheApp app, GuoheUser user, bool staff = false, string language = "zh-CN", int width = 1280, int height = 900)
    {
        var page = await browser.OpenAsync(app.Address!, language, width, height);
        await Support.Browser.SignInAsync(page, user.Email!, TestAccounts.Password, staff ? await app.AuthenticatorKeyAsync(user.Id) : null);
        return page;
    }

    /// <summary>Closes the page's browser profile (its cookies with it).</summary>
    public static Task CloseAsync(this IPage page) => page.Context.CloseAsync();

    /// <summary>The visible text of the page's main element.</summary>
    public static Task<string> MainTextAsync(this IPage page) => page.Locator("main").InnerTextAsync();
}
