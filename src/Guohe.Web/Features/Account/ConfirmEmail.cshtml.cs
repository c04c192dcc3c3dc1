using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Account;

[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<GuoheUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code)
    {
        var token = Links.DecodeToken(code);
        if (token is not null && await users.FindByIdAsync(userId.ToString()) is { } user)
        {
            Confirmed = user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
        if (!Confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
