using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;

namespace Guohe.Web.Api;

/// <summary>The token's scope each group of endpoints needs; only the bearer scheme counts (no cookie, so no CSRF).</summary>
public static class ApiPolicies
{
    public const string Read = "api:read";
    public const string File = "api:file";
    public const string Office = "api:office";
}

public static class ApiSetup
{
    /// <summary>Token scheme, scope policies, the per-token rate limit (Api:RequestsPerMinutePerToken), JSON and OpenAPI.</summary>
    public static IServiceCollection AddGuoheApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, scope) in new[] { (ApiPolicies.Read, ApiScopes.Read), (ApiPolicies.File, ApiScopes.File), (ApiPolicies.Office, ApiScopes.Office) })
        {
            authorization.AddPolicy(policy, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenHandler.ScopeClaim, ApiTokens.Name(scope)));
        }

        var perMinute = configuration.GetValue("Api:RequestsPerMinutePerToken", 120);
        services.AddRateLimiter(o => o.AddPolicy(ApiEndpoints.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            PartitionKey(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddGuoheOpenApi();
        return services;
    }

    /// <summary>
    /// Per token: the SHA-256 of the Authorization header (the token itself is never kept as a key); requests without one
    /// (the public endpoint) share a limit per IP address.
    /// </summary>
    private static string PartitionKey(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.Length > 0
            ? "t:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>The API's middleware (problem+json for every error under /api) and its endpoints, with the OpenAPI document.</summary>
    public static void UseGuoheApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && !c.Request.Path.StartsWithSegments("/api/reference", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<ApiErrors>());
}
