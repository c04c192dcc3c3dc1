using System.Net;
using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Features.Account;

public sealed class SessionTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Session_idle_for_more_than_30_minutes_expires(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();
        await client.SignInAsync(user.Email!);

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Applicant")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await client.Http.GetAsync("/Applicant");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/Account/Login", expired.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Session_kept_active_still_ends_after_12_hours()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();
        await client.SignInAsync(user.Email!);

        for (var elapsed = 0; elapsed < 11 * 60 + 40; elapsed += 20)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Applicant")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/Applicant")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_other_sessions_of_the_account()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var user = await app.CreateAsync(Role.Applicant);
        using var phone = app.Browse();
        using var desk = app.Browse();
        await phone.SignInAsync(user.Email!);
        await desk.SignInAsync(user.Email!);

        await desk.SubmitAsync(await desk.GetAsync("/Account/Logout"));
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // past the session check interval

        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/Applicant")).StatusCode);
    }

    [Fact]
    public async Task Session_cookie_is_host_prefixed_secure_httponly_and_lax()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();
        var login = await client.GetAsync("/Account/Login");

        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestAccounts.Password,
            ["__RequestVerificationToken"] = login.InputValue("__RequestVerificationToken")!,
        }));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-Guohe=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("path=/", cookie);
    }
}
