using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features;

/// <summary>The language switch: a cookie for the browser and, when signed in, the account's language for e-mails.</summary>
[AllowAnonymous]
public sealed class CultureModel(UserManager<GuoheUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        var chosen = culture == Cultures.English ? Cultures.English : Cultures.Chinese;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        if (await users.GetUserAsync(User) is { } user && user.PreferredLanguage != chosen)
        {
            user.PreferredLanguage = chosen;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
