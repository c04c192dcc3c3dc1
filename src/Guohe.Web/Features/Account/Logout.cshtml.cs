using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Account;

/// <summary>Sign-out ends this session and, through a new security stamp, every other session of the account.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<GuoheUser> signIn, UserManager<GuoheUser> users, Data.GuoheDbContext db) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            db.AddAuditEvent(Guohe.Web.Audit.AuditEvent.SignOut, $"GuoheUser:{user.Id}"); // written with the new security stamp
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
