using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Account.Manage;

/// <summary>The signed-in user's own account: who they are and how they sign in.</summary>
public sealed class IndexModel(UserManager<GuoheUser> users) : PageModel
{
    public string DisplayName { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    public string RoleLabel { get; private set; } = string.Empty;

    public bool TwoFactor { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        DisplayName = user.DisplayName;
        Email = user.Email ?? string.Empty;
        RoleLabel = User.Role() is { } role ? Roles.Label(role) : string.Empty;
        TwoFactor = user.TwoFactorEnabled;
        return Page();
    }
}
