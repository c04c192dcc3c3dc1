using System.ComponentModel.DataAnnotations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Account;

/// <summary>Changing the password ends every other session of the account (new security stamp).</summary>
[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(IdentitySetup.SignInRateLimit)]
public sealed class ChangePasswordModel(
    UserManager<GuoheUser> users, SignInManager<GuoheUser> signIn, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SecurityOptions> security, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(200)]
    [DataType(DataType.Password)]
    [Display(Name = "当前密码")]
    public string CurrentPassword { get; set; } = string.Empty;

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (CurrentPassword == Input.Password)
        {
            ModelState.AddModelError("Input.Password", l["新密码不能与当前密码相同。"]);
            return Page();
        }
        var check = await signIn.CheckPasswordSignInAsync(user, CurrentPassword, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            await signIn.SignOutAsync();
            TempData["Message"] = l["密码连续错误次数过多，账号已锁定{0}分钟，请稍后再试或找回密码。", security.Value.LockoutMinutes].Value;
            return RedirectToPage("/Account/Login");
        }
        if (!check.Succeeded)
        {
            ModelState.AddModelError(nameof(CurrentPassword), l["当前密码不正确。"]);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, CurrentPassword, Input.Password);
        if (!result.Succeeded)
        {
            NewPasswordInput.AddErrors(ModelState, result);
            return Page();
        }
        await Identity.Accounts.PasswordChangedAsync(users, user, clock.GetUtcNow().UtcDateTime);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = l["密码已修改。其他设备上的登录已失效。"].Value;
        return Redirect("/");
    }
}
