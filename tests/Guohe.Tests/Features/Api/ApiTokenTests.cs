using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Dom;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Api;

/// <summary>
/// Personal access tokens (issue 8, docs/decisions/0008-rest-api.md) through the front door: created on 个人访问令牌 with a
/// name, an expiry and the scopes the role may use, shown once and stored as a SHA-256 hash, listed with their last use,
/// revoked after confirming; the bearer scheme answers 401 problem+json for a missing, malformed, unknown, expired or revoked
/// token, ignores the session cookie, and limits each token's requests per minute (429 with Retry-After).
/// </summary>
public sealed class ApiTokenTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Token_is_shown_once_stored_hashed_used_and_revoked_after_confirming(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (user, browser) = await app.SignedInAsync(Role.Applicant);
        var created = await browser.CreateTokenPageAsync("协会网站同步", 30, "read", "file");
        var token = created.Html.QuerySelector("#new-token")!.TextContent.Trim();
        Assert.StartsWith("gh_", token, StringComparison.Ordinal);
        Assert.Equal(3 + 43, token.Length); // 32 random bytes in base64url

        var stored = await app.WithDbAsync((db, _) => db.ApiTokens.AsNoTracking().SingleAsync(t => t.UserId == user.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.Hash);
        Assert.Equal("协会网站同步", stored.Name);
        Assert.Equal(ApiScopes.Read | ApiScopes.File, stored.Scopes);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(30), stored.ExpiresAtUtc, TimeSpan.FromSeconds(1));
        Assert.Null(stored.LastUsedAtUtc);
        await app.WithDbAsync(async (db, _) =>
        {
            // The token's text is nowhere in the database.
            Assert.False(await db.ApiTokens.AnyAsync(t => t.Hash == token || t.Prefix == token || t.Name == token));
        });

        var list = await browser.GetAsync("/Account/Manage/Tokens");
        Assert.DoesNotContain(token, list.Text, StringComparison.Ordinal); // shown once only
        Assert.Contains("协会网站同步", list.Body, StringComparison.Ordinal);
        Assert.Contains(token[..7], list.Body, StringComparison.Ordinal);
        Assert.Contains("从未使用", list.Body, StringComparison.Ordinal);

        using var api = app.Api(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/applications")).StatusCode);
        var firstUse = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(firstUse, (await LastUsedAsync(app, stored.Id))!.Value, TimeSpan.FromSeconds(1));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/designations")).StatusCode);
        Assert.Equal(firstUse, (await LastUsedAsync(app, stored.Id))!.Value, TimeSpan.FromSeconds(1)); // not written again within a minute
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/designations")).StatusCode);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, (await LastUsedAsync(app, stored.Id))!.Value, TimeSpan.FromSeconds(1));
        list = await browser.GetAsync("/Account/Manage/Tokens");
        Assert.DoesNotContain("从未使用", list.Body, StringComparison.Ordinal);
        Assert.Contains(app.Clock.GetUtcNow().UtcDateTime.Add(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm"), list.Body, StringComparison.Ordinal);

        // Revoking without ticking the confirmation changes nothing.
        var revokeForm = (IHtmlFormElement)list.Html.QuerySelector("form[action*='handler=Revoke']")!;
        var fields = Buttons.Fields(revokeForm);
        var refused = await browser.PostAsync(revokeForm.GetAttribute("action")!, fields);
        Assert.Contains("请勾选确认后再撤销。", refused.Body, StringComparison.Ordinal);
        Assert.Null((await app.WithDbAsync((db, _) => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == stored.Id))).RevokedAtUtc);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/applications")).StatusCode);

        var revoked = await browser.PostAsync(revokeForm.GetAttribute("action")!, [.. fields, new("Confirm", "true")]);
        Assert.Contains("令牌“协会网站同步”已撤销。", revoked.Body, StringComparison.Ordinal);
        Assert.NotNull((await app.WithDbAsync((db, _) => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == stored.Id))).RevokedAtUtc);
        var problem = await (await api.GetAsync("/api/v1/applications")).ProblemAsync(401);
        Assert.Equal("访问令牌已撤销。", problem.GetProperty("detail").GetString());
        Assert.Empty(revoked.Html.QuerySelectorAll("form[action*='handler=Revoke']")); // nothing left to revoke
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains($"API token {stored.Id} revoked by user {user.Id}", StringComparison.Ordinal));
    }

    private static Task<DateTime?> LastUsedAsync(GuoheApp app, Guid id) =>
        app.WithDbAsync((db, _) => db.ApiTokens.AsNoTracking().Where(t => t.Id == id).Select(t => t.LastUsedAtUtc).SingleAsync());

    [Theory]
    [InlineData(Role.Applicant, new[] { "read", "file" })]
    [InlineData(Role.Recommender, new[] { "read", "office" })]
    [InlineData(Role.Office, new[] { "read", "office" })]
    [InlineData(Role.Expert, new[] { "read", "office" })]
    [InlineData(Role.Association, new[] { "read", "office" })]
    [InlineData(Role.Auditor, new[] { "read" })]
    [InlineData(Role.Admin, new[] { "read" })]
    public async Task Page_offers_only_the_scopes_the_role_can_use_and_refuses_others(Role role, string[] offered)
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (user, browser) = await app.SignedInAsync(role);
        var page = await browser.GetAsync("/Account/Manage/Tokens");
        var boxes = page.Html.QuerySelectorAll("input[name='Input.Scopes']").Select(b => b.GetAttribute("value")).ToArray();
        Assert.Equal(offered, boxes);
        foreach (var scope in new[] { "file", "office", "admin" }.Except(offered))
        {
            var refused = await browser.CreateTokenPageAsync("越权", 90, "read", scope);
            Assert.Contains($"您的角色不能使用权限范围“{scope}”。", refused.Body, StringComparison.Ordinal);
            Assert.Null(refused.Html.QuerySelector("#new-token"));
        }
        var tooLong = await browser.CreateTokenPageAsync("一年多", 366, "read");
        Assert.Contains("有效期（天）应在1到365天之间。", tooLong.Body, StringComparison.Ordinal);
        var none = await browser.CreateTokenPageAsync("无范围", 90);
        Assert.Contains("请至少选择一项权限范围。", none.Body, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.ApiTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Missing_malformed_unknown_expired_and_cookie_requests_get_401_problem_in_the_callers_language(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (office, browser) = await app.SignedInAsync(Role.Office);
        var token = await browser.CreateTokenAsync("一天", 1, "read");

        using (var anonymous = app.Api(null))
        {
            var missing = await (await anonymous.GetAsync("/api/v1/organisations")).ProblemAsync(401);
            Assert.Equal("请提供访问令牌：Authorization: Bearer gh_…", missing.GetProperty("detail").GetString());
        }
        using (var english = app.Api(null, "en"))
        {
            var missing = await (await english.GetAsync("/api/v1/organisations")).ProblemAsync(401);
            Assert.Equal("A valid access token is required.", missing.GetProperty("title").GetString());
        }
        using (var malformed = app.Api("not-a-token"))
        {
            Assert.Equal("访问令牌无效。", (await (await malformed.GetAsync("/api/v1/organisations")).ProblemAsync(401)).GetProperty("detail").GetString());
        }
        using (var unknown = app.Api("gh_" + new string('A', 43)))
        {
            Assert.Equal("访问令牌无效。", (await (await unknown.GetAsync("/api/v1/organisations")).ProblemAsync(401)).GetProperty("detail").GetString());
        }

        // The session cookie of the signed-in office user does not open the API (no CSRF through the browser).
        var cookie = await browser.Http.GetAsync("/api/v1/organisations");
        await cookie.ProblemAsync(401);

        using var api = app.Api(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/organisations")).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal("访问令牌已过期。", (await (await api.GetAsync("/api/v1/organisations")).ProblemAsync(401)).GetProperty("detail").GetString());
        using var englishApi = app.Api(token, "en");
        Assert.Equal("The access token has expired.", (await (await englishApi.GetAsync("/api/v1/organisations")).ProblemAsync(401)).GetProperty("detail").GetString());
        using var again = await app.SignInAsync(office, twoFactor: true); // the day ended the old session
        var page = await again.GetAsync("/Account/Manage/Tokens");
        Assert.Contains("已过期", page.Body, StringComparison.Ordinal);
        Assert.Empty(page.Html.QuerySelectorAll("form[action*='handler=Revoke']"));
    }

    [Fact]
    public async Task Token_without_read_scope_gets_403_and_a_disabled_account_401()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (user, browser) = await app.SignedInAsync(Role.Applicant);
        var fileOnly = await browser.CreateTokenAsync("只报送", 90, "file");
        using var api = app.Api(fileOnly);
        var problem = await (await api.GetAsync("/api/v1/applications")).ProblemAsync(403);
        Assert.Equal("此令牌的权限范围不允许此操作。", problem.GetProperty("detail").GetString());

        var read = await browser.CreateTokenAsync("读取", 90, "read");
        await app.WithDbAsync(async (_, services) =>
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Guohe.Web.Identity.GuoheUser>>(services);
            await Guohe.Web.Identity.Accounts.DisableAsync(users, (await users.FindByIdAsync(user.Id.ToString()))!, app.Clock.GetUtcNow().UtcDateTime);
        });
        using var disabled = app.Api(read);
        Assert.Equal("该账号已停用。", (await (await disabled.GetAsync("/api/v1/applications")).ProblemAsync(401)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Each_token_has_its_own_rate_limit_answered_with_429_and_retry_after()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: new() { ["Api:RequestsPerMinutePerToken"] = "3" });
        var (_, browser) = await app.SignedInAsync(Role.Applicant);
        var first = await browser.CreateTokenAsync("甲", 90, "read");
        var second = await browser.CreateTokenAsync("乙", 90, "read");
        using var api = app.Api(first);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/obligations")).StatusCode);
        }
        var limited = await api.GetAsync("/api/v1/obligations");
        var problem = await limited.ProblemAsync(429);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"{retryAfter}秒", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var other = app.Api(second);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/obligations")).StatusCode); // another token is not limited by the first
    }

    [Fact]
    public async Task Errors_under_api_are_problem_json_with_field_errors_in_the_callers_language()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (_, browser) = await app.SignedInAsync(Role.Applicant);
        var token = await browser.CreateTokenAsync();
        using var api = app.Api(token);
        var invalid = await (await api.GetAsync("/api/v1/applications?size=500&page=0&sort=bogus&status=Nothing")).ProblemAsync(400);
        var errors = invalid.GetProperty("errors");
        Assert.Equal("每页条数应为1到100之间的整数。", errors.GetProperty("size")[0].GetString());
        Assert.Equal("页码应为从1开始的整数。", errors.GetProperty("page")[0].GetString());
        Assert.StartsWith("排序只能是：", errors.GetProperty("sort")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("“status”的值无效", errors.GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        using var english = app.Api(token, "en-GB");
        var englishErrors = (await (await english.GetAsync("/api/v1/applications?size=500")).ProblemAsync(400)).GetProperty("errors");
        Assert.Equal("size must be a whole number from 1 to 100.", englishErrors.GetProperty("size")[0].GetString());

        await (await api.GetAsync("/api/v1/no-such-thing")).ProblemAsync(404);
        await (await api.GetAsync($"/api/v1/applications/{Guid.NewGuid()}")).ProblemAsync(404);
        await (await api.DeleteAsync("/api/v1/applications")).ProblemAsync(405);
    }
}
