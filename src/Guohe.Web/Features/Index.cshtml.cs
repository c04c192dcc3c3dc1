using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features;

/// <summary>
/// The front door: visitors see what Guohe is; a signed-in user goes to their own home page. Open to all by an explicit
/// [AllowAnonymous]: every endpoint states who may call it (issue 9; ASVS 8.1.1; tests/Guohe.Tests/Security/AuthorizationMatrixTests).
/// </summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.Role() is { } role ? Redirect(Roles.Folder(role)) : Page();
}
