using System.ComponentModel.DataAnnotations;
using Guohe.Web.Audit;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Account;

/// <summary>Sign-in with e-mail and password; 5 failures lock the account for 30 minutes (QUALITY.md).</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.SignInRateLimit)]
public sealed class LoginModel(SignInManager<GuoheUser> signIn, UserManager<GuoheUser> users, Microsoft.Extensions.Options.IOptions<SecurityOptions> security,
    IStringLocalizer<SharedResource> l, Data.GuoheDbContext db, Guohe.Web.Audit.AuditTrail audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
        [StringLength(256)]
        [Display(Name = "邮箱")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(200)]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Nothing about an account is said before its password is right (no account enumeration, ASVS 6.3).
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new GuoheUser(), DummyHash.Value, Input.Password); // same cost as a real check
            await RecordAsync(audit.Unknown(Input.Email.Trim()), AuditResult.Failed, "unknown account");
            ModelState.AddModelError(string.Empty, l["邮箱或密码不正确。"]);
            return Page();
        }
        var actor = await audit.ForAsync(users, user);
        if (user.DisabledAtUtc is not null || !user.EmailConfirmed)
        {
            var right = await users.CheckPasswordAsync(user, Input.Password);
            await RecordAsync(actor, AuditResult.Failed, !right ? "wrong password" : user.DisabledAtUtc is not null ? "account disabled" : "e-mail not confirmed");
            ModelState.AddModelError(string.Empty, !right ? l["邮箱或密码不正确。"]
                : user.DisabledAtUtc is not null ? l["该账号已被停用，请联系系统管理员。"]
                : l["邮箱尚未确认，请点击确认邮件中的链接。"]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        await RecordAsync(actor, result.Succeeded ? AuditResult.Succeeded : result.RequiresTwoFactor ? AuditResult.Pending : AuditResult.Failed,
            result.Succeeded ? "password" : result.RequiresTwoFactor ? "password right; second factor required"
            : result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = SafeReturnUrl() });
        }
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, l["密码连续错误次数过多，账号已锁定{0}分钟，请稍后再试或找回密码。", security.Value.LockoutMinutes]);
        }
        else if (result.IsNotAllowed)
        {
            ModelState.AddModelError(string.Empty, l["邮箱尚未确认，请点击确认邮件中的链接。"]);
        }
        else
        {
            ModelState.AddModelError(string.Empty, l["邮箱或密码不正确。"]);
        }
        return Page();
    }

    /// <summary>Every sign-in attempt, with its outcome, is an audit record (QUALITY.md, audit; MLPS 安全审计 a).</summary>
    private Task RecordAsync(AuditActor actor, AuditResult result, string detail) =>
        db.WriteAuditEventAsync(AuditEvent.SignIn, actor.UserId is { } id ? $"GuoheUser:{id}" : "GuoheUser:?", result, detail, actor, HttpContext.RequestAborted);

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<GuoheUser>().HashPassword(new GuoheUser(), "Guohe-dummy-password-for-timing"));

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
