using System.Security.Claims;
using System.Text.Encodings.Web;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Api;

/// <summary>
/// <c>Authorization: Bearer gh_…</c> for /api/v1: the token's user with the same claims as a cookie sign-in (role, organisation,
/// second factor), plus the token's scopes. Expired, revoked, unknown or malformed tokens, disabled accounts and accounts that
/// must first change their password (or, for staff, enrol a second factor) on the web get 401 with problem+json. The last-used
/// time is written at most once a minute, by one conditional UPDATE.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    GuoheDbContext db,
    UserManager<GuoheUser> users,
    IUserClaimsPrincipalFactory<GuoheUser> claims,
    IOptions<SecurityOptions> security,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "guohe:scope";
    public const string TokenClaim = "guohe:token";
    private const string FailureKey = "guohe:api-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Refuse("请提供访问令牌：Authorization: Bearer gh_…");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("只接受 Bearer 访问令牌。");
        }
        var secret = header["Bearer ".Length..].Trim();
        if (!ApiTokens.LooksLikeToken(secret))
        {
            return Refuse("访问令牌无效。");
        }
        var hash = ApiTokens.Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new { t.Id, t.UserId, t.Scopes, t.ExpiresAtUtc, t.RevokedAtUtc, t.LastUsedAtUtc })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return Refuse("访问令牌无效。");
        }
        if (token.RevokedAtUtc is not null)
        {
            return Refuse("访问令牌已撤销。");
        }
        if (now >= token.ExpiresAtUtc)
        {
            return Refuse("访问令牌已过期。");
        }
        var user = await users.FindByIdAsync(token.UserId.ToString());
        if (user is null || user.DisabledAtUtc is not null)
        {
            return Refuse("该账号已停用。");
        }
        var principal = await claims.CreateAsync(user);
        if (principal.HasClaim(c => c.Type == GuoheClaims.MustChangePassword))
        {
            return Refuse("请先登录网页修改密码，再使用访问令牌。");
        }
        if (security.Value.TwoFactorRequiredForStaff && principal.Role() is Role role && Roles.StaffRoles.Contains(role)
            && !principal.HasClaim(c => c.Type == GuoheClaims.TwoFactor))
        {
            return Refuse("请先登录网页启用两步验证，再使用访问令牌。");
        }
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(TokenClaim, token.Id.ToString()));
        // Never more than the role allows, even if the role changed since the token was made.
        var allowed = principal.Role() is Role r ? ApiTokens.AllowedFor(r) : ApiScopes.None;
        foreach (var scope in ApiTokens.Each(token.Scopes & allowed))
        {
            identity.AddClaim(new Claim(ScopeClaim, ApiTokens.Name(scope)));
        }
        if (token.LastUsedAtUtc is not { } used || now - used >= ApiTokens.LastUsedResolution)
        {
            var cutoff = now - ApiTokens.LastUsedResolution;
            var marked = await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= cutoff))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), Context.RequestAborted);
            if (marked > 0)
            {
                // Token use is an audit record, at most once per token and LastUsedResolution (docs/decisions/0010-audit-log.md).
                await db.WriteAuditEventAsync(Audit.AuditEvent.TokenUsed, $"ApiToken:{token.Id}", detail: $"{Request.Method} {Request.Path}",
                    actor: new Audit.AuditActor(user.Id, user.UserName ?? string.Empty, principal.Role()?.ToString() ?? string.Empty, Context.Connection.RemoteIpAddress?.ToString() ?? string.Empty),
                    cancellationToken: Context.RequestAborted);
            }
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(string reasonZh)
    {
        Context.Items[FailureKey] = reasonZh;
        return AuthenticateResult.Fail(reasonZh);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureKey] as string ?? "请提供访问令牌：Authorization: Bearer gh_…";
        Response.Headers.WWWAuthenticate = "Bearer realm=\"guohe\"" + (Request.Headers.Authorization.Count > 0 ? ", error=\"invalid_token\"" : string.Empty);
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, reason);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"guohe\", error=\"insufficient_scope\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "此令牌的权限范围不允许此操作。");
    }
}
