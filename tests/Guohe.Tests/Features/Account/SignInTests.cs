using System.Net;
using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Features.Account;

public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignIn_right_password_lands_on_the_role_home(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();

        var page = await client.SignInAsync(user.Email!);

        Assert.Equal("/Applicant", page.Path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("测试单位", page.Body);
        Assert.Contains("我的申请", page.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignIn_wrong_password_is_refused_with_a_message(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();

        var page = await client.SignInAsync(user.Email!, "Wrong#Pass2026");

        Assert.Equal("/Account/Login", page.Path);
        Assert.Contains("邮箱或密码不正确", page.Errors);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/Applicant")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SignIn_sixth_attempt_after_five_failures_is_locked_even_with_the_right_password(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();

        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(user.Email!, "Wrong#Pass2026");
        }
        var sixth = await client.SignInAsync(user.Email!);

        Assert.Equal("/Account/Login", sixth.Path);
        Assert.Contains("账号已锁定30分钟", sixth.Errors);
        var lockoutEnd = await app.WithDbAsync((db, _) => Task.FromResult(db.Users.Single(u => u.Id == user.Id).LockoutEnd));
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
    }
}
