using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<GuoheUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var token = Links.DecodeToken(Code);
        var user = await users.FindByIdAsync(UserId.ToString());
        if (token is null || user is null)
        {
            ModelState.AddModelError(string.Empty, l["链接已失效或已被使用，请重新申请。"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            NewPasswordInput.AddErrors(ModelState, result);
            return Page();
        }
        await Identity.Accounts.PasswordChangedAsync(users, user, clock.GetUtcNow().UtcDateTime);
        await users.ResetAccessFailedCountAsync(user);
        if (user.DisabledAtUtc is null)
        {
            await users.SetLockoutEndDateAsync(user, null);
        }
        TempData["Message"] = l["密码已重置，请用新密码登录。"].Value;
        return RedirectToPage("/Account/Login");
    }
}
