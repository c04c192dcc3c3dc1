using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Features.Account;

public sealed class SecondFactorTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_with_authenticator_is_asked_for_the_code_and_gets_in_with_it(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var office = await app.CreateAsync(Role.Office, twoFactor: true);
        var key = await app.AuthenticatorKeyAsync(office.Id);
        using var client = app.Browse();

        var afterPassword = await client.SignInAsync(office.Email!);
        Assert.Equal("/Account/LoginWith2fa", afterPassword.Path);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.Http.GetAsync("/Office")).StatusCode); // not signed in yet

        var wrong = await client.SubmitAsync(afterPassword, new Dictionary<string, string> { ["Code"] = "000000" == Totp.Code(key) ? "111111" : "000000" });
        Assert.Contains("验证码不正确", wrong.Errors);

        var home = await client.SubmitAsync(wrong, new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Assert.Equal("/Office", home.Path);
        Assert.Contains("办公室工作台", home.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_without_authenticator_must_enrol_before_anything_else(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var office = await app.CreateAsync(Role.Office);
        using var client = app.Browse();

        var page = await client.SignInAsync(office.Email!);

        Assert.Equal("/Account/TwoFactor", page.Path);
        Assert.True(page.Body.Contains("必须使用两步验证", StringComparison.Ordinal), page.Status + page.Html.QuerySelector("main")?.TextContent);
        Assert.Equal("/Account/TwoFactor", (await client.GetAsync("/Office/Organisations")).Path);

        var key = await app.AuthenticatorKeyAsync(office.Id);
        var enrolled = await client.SubmitAsync(page, new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Assert.Contains("恢复码", enrolled.Body);
        Assert.True(await app.WithDbAsync((db, _) => Task.FromResult(db.Users.Single(u => u.Id == office.Id).TwoFactorEnabled)));

        var office2 = await client.GetAsync("/Office/Organisations");
        Assert.Equal("/Office/Organisations", office2.Path);
    }

    [Fact]
    public async Task Applicant_is_not_forced_to_enrol_but_may()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var applicant = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();

        var page = await client.SignInAsync(applicant.Email!);
        Assert.Equal("/Applicant", page.Path);

        var twoFactor = await client.GetAsync("/Account/TwoFactor");
        Assert.Contains("手动输入以下密钥", twoFactor.Body);
    }
}
