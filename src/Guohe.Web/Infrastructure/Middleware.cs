using System.Diagnostics;
using Guohe.Web.Identity;

namespace Guohe.Web.Infrastructure;

/// <summary>
/// One structured log line per request: method, path (never the query string, which may carry tokens), status, duration
/// and the acting user's id. A failed (status ≥ 400) or slow (≥ 1 s) request logs at Information; an ordinary one at Debug,
/// shown when this category's level is Debug. A line per successful page costs the server about a sixth of its throughput
/// on one core (the console logger's writer thread wakes for each; issue 10's profile), and the reverse proxy's access log
/// has them anyway.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var level = context.Response.StatusCode >= 400 || elapsed >= Slow ? LogLevel.Information : LogLevel.Debug;
            if (logger.IsEnabled(level))
            {
                logger.Log(level, "HTTP {Method} {Path} {StatusCode} {ElapsedMs:0.0} ms user {UserId}",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, elapsed.TotalMilliseconds, context.User.Id());
            }
        }
    }
}

/// <summary>The response headers of QUALITY.md (ASVS 3.4): CSP without inline script, no framing, no sniffing.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>An <see cref="HttpContext.Items"/> key: a page that needs another policy (the API reference) puts it there.</summary>
    public const string CspOverride = "guohe:csp";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[CspOverride] as string ?? Csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
