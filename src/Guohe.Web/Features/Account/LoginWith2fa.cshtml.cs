using System.ComponentModel.DataAnnotations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Account;

/// <summary>The second step of sign-in: a TOTP code (or a one-time recovery code). Failures count towards lockout.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.SignInRateLimit)]
public sealed class LoginWith2faModel(SignInManager<GuoheUser> signIn, Microsoft.Extensions.Options.IOptions<SecurityOptions> security, IStringLocalizer<SharedResource> l,
    Data.GuoheDbContext db, Guohe.Web.Audit.AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "验证码为6位数字。")]
    [Display(Name = "验证码")]
    public string Code { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return await OutcomeAsync(user, "authenticator code", await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false));
    }

    public async Task<IActionResult> OnPostRecoveryAsync(string? recoveryCode)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("/Account/Login");
        }
        ModelState.Clear();
        var code = (recoveryCode ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        return code.Length is 0 or > 20 ? Fail(l["恢复码不正确或已使用。"]) : await OutcomeAsync(user, "recovery code", await signIn.TwoFactorRecoveryCodeSignInAsync(code));
    }

    private async Task<IActionResult> OutcomeAsync(GuoheUser user, string method, Microsoft.AspNetCore.Identity.SignInResult result)
    {
        // The second step's outcome is the sign-in's audit record (QUALITY.md, audit).
        var actor = await audit.ForAsync(signIn.UserManager, user);
        await db.WriteAuditEventAsync(Guohe.Web.Audit.AuditEvent.SignIn, $"GuoheUser:{user.Id}", result.Succeeded ? Guohe.Web.Audit.AuditResult.Succeeded : Guohe.Web.Audit.AuditResult.Failed,
            result.Succeeded ? method : result.IsLockedOut ? $"{method}: locked out" : $"{method}: wrong", actor, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        return Fail(result.IsLockedOut
            ? l["验证码连续错误次数过多，账号已锁定{0}分钟。", security.Value.LockoutMinutes]
            : l["验证码不正确，请核对手机上的时间后重试。"]);
    }

    private PageResult Fail(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
