using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Identity;

public static class GuoheClaims
{
    public const string DisplayName = "guohe:name";
    public const string OrganisationId = "guohe:org";
    public const string TwoFactor = "guohe:2fa";
    public const string MustChangePassword = "guohe:pwd";
    public const string SignedInAt = "guohe.signin";

    public static string Name(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static Guid? Organisation(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(OrganisationId), out var id) ? id : null;

    /// <summary>The account's one role (docs/decisions/0003), or null for an anonymous visitor.</summary>
    public static Role? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static Actor Actor(this ClaimsPrincipal user) =>
        new(user.Id(), user.Name(), user.Role() ?? throw new InvalidOperationException("The user holds no role."));
}

public static class IdentitySetup
{
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddGuoheIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<SecurityOptions>(configuration.GetSection("Security"));

        services.AddIdentity<GuoheUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                options.Password.RequiredLength = security.PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = security.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
            })
            .AddEntityFrameworkStores<GuoheDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<GuoheClaimsFactory>();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3; // PBKDF2-HMAC-SHA512
            o.IterationCount = security.PasswordHashIterations;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(security.SessionCheckSeconds);
            // Keep the moment of sign-in across the periodic refresh, so the absolute cap holds.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(GuoheClaims.SignedInAt) is { } signedIn
                    && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(GuoheClaims.SignedInAt, signedIn.Value));
                }
                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = security.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Status/403";
            o.Events.OnRedirectToAccessDenied = context =>
            {
                AccessLog.Forbidden(context.HttpContext); // who tried what, at Warning
                context.Response.StatusCode = StatusCodes.Status403Forbidden; // a page of its own via status pages
                return Task.CompletedTask;
            };
            o.Events.OnSigningIn = context =>
            {
                // The moment of sign-in, kept when an existing session is refreshed (e.g. after a password change).
                var current = context.HttpContext.User;
                var sameUser = current.Identity?.IsAuthenticated == true && context.Principal is { } next && current.Id() == next.Id();
                var signedIn = (sameUser ? current.FindFirst(GuoheClaims.SignedInAt)?.Value : null)
                    ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture);
                if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == GuoheClaims.SignedInAt))
                {
                    identity.AddClaim(new Claim(GuoheClaims.SignedInAt, signedIn));
                }
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var signedIn = context.Principal?.FindFirst(GuoheClaims.SignedInAt)?.Value;
                if (signedIn is null || !long.TryParse(signedIn, CultureInfo.InvariantCulture, out var ticks)
                    || now.UtcTicks - ticks > TimeSpan.FromHours(security.AbsoluteTimeoutHours).Ticks)
                {
                    context.RejectPrincipal(); // absolute cap of a session (QUALITY.md, sessions)
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });

        // The antiforgery and TempData cookies are Secure like the session's (QUALITY.md, sessions; ASVS 3.3.1): by default
        // ASP.NET Core leaves the flag off. Found by tests/Guohe.Tests/Security/HeadersAndCookiesTests (issue 9).
        var cookiePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = cookiePolicy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.SecurePolicy = cookiePolicy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.SignInRequestsPerMinutePerIp,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    await Api.ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "请求过于频繁，请在{0}秒后重试。", retryAfter);
                }
            };
        });

        services.AddAuthorizationBuilder().AddGuohePolicies();
        return services;
    }

    private static AuthorizationBuilder AddGuohePolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in Roles.All)
        {
            builder.AddPolicy(role.ToString(), policy => policy.RequireAuthenticatedUser().RequireRole(role.ToString()));
        }
        return builder;
    }

    /// <summary>Folder-level authorization: each role's folder only for that role (DESIGN.md, Web).</summary>
    public static void AuthorizeRoleFolders(this Microsoft.AspNetCore.Mvc.ApplicationModels.PageConventionCollection conventions)
    {
        foreach (var role in Roles.All)
        {
            conventions.AuthorizeFolder(Roles.Folder(role), role.ToString());
        }
        conventions.AuthorizeFolder("/Account/Manage");
    }
}

/// <summary>Puts what every request needs into the cookie, so pages don't query the account each time.</summary>
public sealed class GuoheClaimsFactory(
    UserManager<GuoheUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options,
    IOptions<SecurityOptions> security,
    TimeProvider clock)
    : UserClaimsPrincipalFactory<GuoheUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(GuoheUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var now = clock.GetUtcNow();
        identity.AddClaim(new Claim(GuoheClaims.DisplayName, user.DisplayName));
        if (user.OrganisationId is { } organisation)
        {
            identity.AddClaim(new Claim(GuoheClaims.OrganisationId, organisation.ToString()));
        }
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(GuoheClaims.TwoFactor, "1"));
        }
        var rotation = security.Value.PasswordRotationDays;
        var rotationDue = rotation > 0 && (user.PasswordChangedAtUtc ?? user.CreatedAtUtc) < now.UtcDateTime.AddDays(-rotation);
        if (user.MustChangePassword || rotationDue)
        {
            identity.AddClaim(new Claim(GuoheClaims.MustChangePassword, "1"));
        }
        return identity;
    }
}

/// <summary>Identity's messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private IdentityError E(string code, string text) => new() { Code = code, Description = l[text] };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "操作失败，请重试。");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "该邮箱已被其他账号使用。");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "该邮箱已被其他账号使用。");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "邮箱格式不正确。");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "邮箱格式不正确。");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "链接已失效或已被使用，请重新申请。");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "当前密码不正确。");
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = string.Format(CultureInfo.CurrentCulture, l["密码至少需要{0}个字符。"], length) };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = string.Format(CultureInfo.CurrentCulture, l["密码至少需要{0}个不同的字符。"], uniqueChars) };
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "该账号已设置密码。");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "恢复码不正确或已使用。");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "该账号刚被他人修改，请刷新后重试。");
}
