using Guohe.Domain.Common;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Identity;

/// <summary>
/// Before a signed-in user may use anything else: a password an administrator set (or one past its rotation)
/// must be changed, and staff roles must have enrolled an authenticator app (QUALITY.md, MLPS 身份鉴别 d).
/// The API (/api) is open here: it ignores the cookie, and its token scheme applies the same two conditions itself.
/// </summary>
public sealed class AccountGate(RequestDelegate next, IOptions<SecurityOptions> security)
{
    private static readonly string[] Open = ["/Account", "/Culture", "/Status", "/lib", "/css", "/js", "/healthz", "/favicon", "/api", "/openapi"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }
        if (user.HasClaim(c => c.Type == GuoheClaims.MustChangePassword))
        {
            context.Response.Redirect("/Account/ChangePassword?required=true");
            return Task.CompletedTask;
        }
        if (security.Value.TwoFactorRequiredForStaff && user.Role() is Role role && Roles.StaffRoles.Contains(role)
            && !user.HasClaim(c => c.Type == GuoheClaims.TwoFactor))
        {
            context.Response.Redirect("/Account/TwoFactor?required=true");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
