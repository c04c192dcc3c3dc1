using System.Net;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9, the response headers and cookies of QUALITY.md (ASVS 3.4, 3.3): on every kind of response — public and signed-in
/// pages, sign-in, errors (400, 403, 404), static files, the API and its reference — a CSP without inline or eval script and
/// with frame-ancestors 'none', HSTS of at least a year, nosniff and a Referrer-Policy; every cookie Secure with SameSite, the
/// session and antiforgery cookies HttpOnly, the session cookie <c>__Host-</c>. Requests go to a real host name, because
/// ASP.NET Core never sends HSTS to localhost.
/// </summary>
public sealed class HeadersAndCookiesTests(ITestOutputHelper output)
{
    private static readonly string[] SafeReferrerPolicies = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

    private static List<string> Problems(string what, HttpResponseMessage response)
    {
        var problems = new List<string>();
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

        var csp = Header("Content-Security-Policy");
        if (csp is null)
        {
            problems.Add($"{what}: no Content-Security-Policy");
        }
        else
        {
            var directives = csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
            var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
            if (scripts is null || scripts.Contains("'unsafe-inline'", StringComparison.Ordinal) || scripts.Contains("'unsafe-eval'", StringComparison.Ordinal)
                || scripts.Contains('*', StringComparison.Ordinal) || scripts.Contains("data:", StringComparison.Ordinal))
            {
                problems.Add($"{what}: script-src '{scripts}'");
            }
            foreach (var attr in new[] { "script-src-attr", "script-src-elem" })
            {
                if (directives.GetValueOrDefault(attr)?.Contains("'unsafe-inline'", StringComparison.Ordinal) == true)
                {
                    problems.Add($"{what}: {attr} allows inline");
                }
            }
            if (directives.GetValueOrDefault("frame-ancestors") != "'none'")
            {
                problems.Add($"{what}: frame-ancestors '{directives.GetValueOrDefault("frame-ancestors")}'");
            }
            if (directives.GetValueOrDefault("object-src") != "'none'")
            {
                problems.Add($"{what}: object-src '{directives.GetValueOrDefault("object-src")}'");
            }
        }
        var hsts = Header("Strict-Transport-Security");
        var maxAge = hsts?.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("max-age=", StringComparison.Ordinal))?["max-age=".Length..];
        if (maxAge is null || !long.TryParse(maxAge, out var seconds) || seconds < 31_536_000)
        {
            problems.Add($"{what}: Strict-Transport-Security '{hsts}' (ASVS 3.4.1: max-age of at least a year)");
        }
        if (Header("X-Content-Type-Options") != "nosniff")
        {
            problems.Add($"{what}: X-Content-Type-Options '{Header("X-Content-Type-Options")}'");
        }
        if (!SafeReferrerPolicies.Contains(Header("Referrer-Policy")))
        {
            problems.Add($"{what}: Referrer-Policy '{Header("Referrer-Policy")}'");
        }
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var name = cookie.Split('=', 2)[0];
                var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
                if (!attributes.Contains("secure"))
                {
                    problems.Add($"{what}: cookie {name} without Secure");
                }
                if (!attributes.Any(a => a.StartsWith("samesite=", StringComparison.Ordinal)) || attributes.Contains("samesite=none"))
                {
                    problems.Add($"{what}: cookie {name} without SameSite Lax or Strict");
                }
                var sensitive = name.StartsWith("__Host-Guohe", StringComparison.Ordinal) || name.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase)
                    || name.Contains("TempData", StringComparison.OrdinalIgnoreCase) || name.Contains("Identity", StringComparison.OrdinalIgnoreCase);
                if (sensitive && !attributes.Contains("httponly"))
                {
                    problems.Add($"{what}: cookie {name} without HttpOnly");
                }
            }
        }
        return problems;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_kind_of_response_carries_the_security_headers_and_every_cookie_its_flags(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(Role.Applicant);
        using var anonymous = new PageClient(app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://guohe.example.org"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        using var signedIn = new PageClient(app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://guohe.example.org"), AllowAutoRedirect = false, HandleCookies = true,
        }));
        var problems = new List<string>();
        var responses = 0;
        var cookiesSeen = new SortedSet<string>(StringComparer.Ordinal);
        var sessionCookies = new List<string>();

        async Task CheckAsync(PageClient client, string who, HttpMethod method, string url, HttpStatusCode? expected = null, HttpContent? content = null)
        {
            using var response = await client.Http.SendAsync(new HttpRequestMessage(method, url) { Content = content });
            responses++;
            var what = $"{who} {method} {url} ({(int)response.StatusCode})";
            if (expected is { } status && response.StatusCode != status)
            {
                problems.Add($"{what}: expected {(int)status}");
            }
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                foreach (var cookie in cookies)
                {
                    cookiesSeen.Add(cookie.Split('=', 2)[0]);
                    if (cookie.StartsWith("__Host-Guohe=", StringComparison.Ordinal))
                    {
                        sessionCookies.Add(cookie.ToLowerInvariant());
                    }
                }
            }
            problems.AddRange(Problems(what, response));
        }

        var publicPages = new[] { "/", "/Units", "/Announcements", "/Stories", "/Templates", "/Account/Login", "/Account/Register", "/api/reference" };
        foreach (var url in publicPages)
        {
            await CheckAsync(anonymous, "anonymous", HttpMethod.Get, url, HttpStatusCode.OK);
        }
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/no-such-page", HttpStatusCode.NotFound);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/Status/500", HttpStatusCode.InternalServerError);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/Office", HttpStatusCode.Redirect);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/css/site.css", HttpStatusCode.OK);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/js/statistics.js", HttpStatusCode.OK);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/api/v1/public/units", HttpStatusCode.OK);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/api/v1/applications", HttpStatusCode.Unauthorized);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/openapi/v1.json", HttpStatusCode.OK);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Get, "/healthz", HttpStatusCode.OK);
        await CheckAsync(anonymous, "anonymous", HttpMethod.Post, "/Account/Login", HttpStatusCode.BadRequest, new FormUrlEncodedContent([]));

        // Signing in: the response that sets the session cookie is checked like the rest.
        var login = await signedIn.GetAsync("/Account/Login");
        await CheckAsync(signedIn, "sign-in", HttpMethod.Post, "/Account/Login", HttpStatusCode.Redirect, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!, ["Input.Password"] = TestAccounts.Password, ["__RequestVerificationToken"] = login.InputValue("__RequestVerificationToken")!,
        }));
        foreach (var url in new[] { "/Applicant", "/Applicant/Application", "/Applicant/Documents", "/Notifications", "/Account/Manage", "/Account/Manage/Tokens" })
        {
            await CheckAsync(signedIn, "applicant", HttpMethod.Get, url, HttpStatusCode.OK);
        }
        await CheckAsync(signedIn, "applicant", HttpMethod.Get, "/Office", HttpStatusCode.Forbidden);
        await CheckAsync(signedIn, "applicant", HttpMethod.Get, $"/Files/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await CheckAsync(signedIn, "applicant", HttpMethod.Post, "/Notifications?handler=ReadAll", HttpStatusCode.BadRequest, new FormUrlEncodedContent([]));
        await CheckAsync(signedIn, "applicant", HttpMethod.Post, "/Culture", HttpStatusCode.Redirect, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/Applicant", ["__RequestVerificationToken"] = (await signedIn.GetAsync("/Applicant")).InputValue("__RequestVerificationToken")!,
        }));

        // An uploaded file: an attachment, never rendered or sniffed (QUALITY.md, uploads).
        var applicationId = await app.SubmittedAsync(user);
        var fileId = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.StoredFiles.Where(f => f.ApplicationId == applicationId).Select(f => f.Id)));
        using (var download = await signedIn.Http.GetAsync($"/Files/{fileId}"))
        {
            responses++;
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            problems.AddRange(Problems($"applicant GET /Files/{{own file}} ({(int)download.StatusCode})", download));
        }

        // The session cookie: __Host- (so Secure, Path=/ and no Domain, which the browser enforces), HttpOnly, SameSite=Lax.
        Assert.Contains("__Host-Guohe", cookiesSeen);
        var session = Assert.Single(sessionCookies.Distinct().Take(1));
        Assert.Contains("path=/", session);
        Assert.DoesNotContain("domain=", session);
        Assert.Contains("samesite=lax", session);
        output.WriteLine($"[{provider}] headers and cookies: {responses} responses (public, signed-in, 400/403/404, static, API, OpenAPI, health), "
            + $"cookies seen: {string.Join(", ", cookiesSeen)}; problems {problems.Count}");
        foreach (var problem in problems)
        {
            output.WriteLine("PROBLEM " + problem);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
