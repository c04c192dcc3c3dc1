using System.ComponentModel.DataAnnotations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Guohe.Web.Features.Account;

/// <summary>Mails a reset link; the answer is the same whether or not the address is registered.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.SignInRateLimit)]
public sealed class ForgotPasswordModel(UserManager<GuoheUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
    [StringLength(256)]
    [Display(Name = "邮箱")]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: true, DisabledAtUtc: null } user)
        {
            await mail.SendPasswordResetAsync(HttpContext, user);
        }
        Sent = true;
        return Page();
    }
}
