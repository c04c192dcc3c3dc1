using System.ComponentModel.DataAnnotations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Guohe.Web.Features.Account;

/// <summary>Sends the confirmation again; says the same whether or not the address exists.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.SignInRateLimit)]
public sealed class ResendConfirmationModel(UserManager<GuoheUser> users, AccountMail mail) : PageModel
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
        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: false } user)
        {
            await mail.SendConfirmationAsync(HttpContext, user);
        }
        Sent = true;
        return Page();
    }
}
