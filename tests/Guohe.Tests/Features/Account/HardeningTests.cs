using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Account;

/// <summary>What a reviewer trying to break the account pages found, kept fixed.</summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task Sign_in_says_nothing_about_an_unconfirmed_or_disabled_account_until_the_password_is_right()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var unconfirmed = await app.CreateAsync(Role.Applicant);
        var disabled = await app.CreateAsync(Role.Applicant);
        await app.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var u = (await users.FindByIdAsync(unconfirmed.Id.ToString()))!;
            u.EmailConfirmed = false;
            await users.UpdateAsync(u);
            await Accounts.DisableAsync(users, (await users.FindByIdAsync(disabled.Id.ToString()))!, app.Clock.GetUtcNow().UtcDateTime);
        });
        using var client = app.Browse();

        Assert.Contains("邮箱或密码不正确", (await client.SignInAsync(unconfirmed.Email!, "Wrong#Pass2026")).Errors);
        Assert.Contains("邮箱或密码不正确", (await client.SignInAsync(disabled.Email!, "Wrong#Pass2026")).Errors);
        Assert.Contains("邮箱或密码不正确", (await client.SignInAsync("nobody@nowhere.cn", "Wrong#Pass2026")).Errors);
        Assert.Contains("邮箱尚未确认", (await client.SignInAsync(unconfirmed.Email!)).Errors);
        Assert.Contains("该账号已被停用", (await client.SignInAsync(disabled.Email!)).Errors);
    }

    [Fact]
    public async Task Guessing_the_current_password_on_the_change_page_locks_the_account()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();
        await client.SignInAsync(user.Email!);

        Page page = await client.GetAsync("/Account/ChangePassword");
        for (var i = 0; i < 5; i++)
        {
            page = await client.SubmitAsync(await client.GetAsync("/Account/ChangePassword"), new Dictionary<string, string>
            {
                ["CurrentPassword"] = $"Guess#{i}Wrong2026",
                ["Input.Password"] = "Brand#New2026pw",
                ["Input.ConfirmPassword"] = "Brand#New2026pw",
            });
        }

        Assert.Equal("/Account/Login", page.Path);
        Assert.Contains("账号已锁定", page.Body);
        Assert.NotNull(await app.WithDbAsync(async (db, _) => (await db.Users.SingleAsync(u => u.Id == user.Id)).LockoutEnd));
    }

    [Fact]
    public async Task Temporary_passwords_never_contain_the_email_name_and_always_pass_the_rules()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        await app.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            for (var i = 0; i < 30; i++)
            {
                var (user, password, errors) = await Accounts.CreateByAdministratorAsync(users, $"a{i}@x.cn", "短名", Role.Expert, null, app.Clock.GetUtcNow().UtcDateTime);
                Assert.True(user is not null, string.Join("; ", errors.Select(e => e.Description)));
                Assert.DoesNotContain($"a{i}", password!, StringComparison.OrdinalIgnoreCase);
            }
        });
    }

    [Fact]
    public async Task Production_without_a_public_address_refuses_to_start()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => GuoheApp.StartAsync(Databases.Sqlite, "Production", new() { ["App:PublicUrl"] = "" }));
    }

    [Fact]
    public async Task Smtp_failure_keeps_the_message_in_the_outbox_instead_of_failing_the_page()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: new()
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = "1", // nothing listens there
            ["Mail:Smtp:Security"] = "None",
        });
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();

        var page = await client.SubmitAsync(await client.GetAsync("/Account/ForgotPassword"), new Dictionary<string, string> { ["Email"] = user.Email! });

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("如果该邮箱已注册", page.Body);
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*.eml"));
    }
}
