using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features;

/// <summary>The front door: visitors see what Guohe is; a signed-in user goes to their own home page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.Role() is { } role ? Redirect(Roles.Folder(role)) : Page();
}
