using System.ComponentModel.DataAnnotations;
using System.Text;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Features.Account;

/// <summary>Enrol a TOTP authenticator (RFC 6238); required for staff roles, optional for everyone else.</summary>
[Authorize]
public sealed class TwoFactorModel(
    UserManager<GuoheUser> users, SignInManager<GuoheUser> signIn, IOptions<SecurityOptions> security, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "验证码为6位数字。")]
    [Display(Name = "验证码")]
    public string Code { get; set; } = string.Empty;

    public bool Enabled { get; private set; }

    public bool MandatoryForRole { get; private set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    public string[]? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (ModelState.IsValid)
        {
            var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
                await signIn.RefreshSignInAsync(user);
                await LoadAsync(user);
                return Page();
            }
            ModelState.AddModelError(nameof(Code), l["验证码不正确，请核对手机上的时间后重试。"]);
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (IsMandatory())
        {
            return Forbid();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = l["两步验证已关闭。"].Value;
        return RedirectToPage();
    }

    private bool IsMandatory() => security.Value.TwoFactorRequiredForStaff && User.Role() is { } role && Roles.StaffRoles.Contains(role);

    private async Task LoadAsync(GuoheUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        MandatoryForRole = IsMandatory();
        if (Enabled)
        {
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        SharedKey = grouped.ToString().TrimEnd();
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Guohe:" + user.Email)}?secret={key}&issuer=Guohe&digits=6";
    }
}
