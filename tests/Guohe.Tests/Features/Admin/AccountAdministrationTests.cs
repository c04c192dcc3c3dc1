using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Admin;

public sealed class AccountAdministrationTests
{
    private static async Task<PageClient> SignInAdminAsync(GuoheApp app)
    {
        var admin = await app.CreateAsync(Role.Admin, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(admin.Email!, totpKey: await app.AuthenticatorKeyAsync(admin.Id));
        return client;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Admin_creates_an_expert_who_must_change_the_temporary_password_at_first_sign_in(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var admin = await SignInAdminAsync(app);

        var created = await admin.SubmitAsync(await admin.GetAsync("/Admin/Accounts/Create"), new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "赵专家",
            ["Input.Email"] = "zhao@expert.cn",
            ["Input.Role"] = nameof(Role.Expert),
        });
        var temporary = created.Html.QuerySelector(".alert-success .totp-key")!.TextContent.Trim();
        Assert.Equal(16, temporary.Length);
        Assert.Contains("账号已开通", Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox")).Select(f => MimeKit.MimeMessage.Load(f).Subject).Single());

        var list = await admin.GetAsync("/Admin/Accounts?role=Expert");
        Assert.Contains("zhao@expert.cn", list.Body);

        using var expert = app.Browse();
        var forced = await expert.SignInAsync("zhao@expert.cn", temporary);
        Assert.Equal("/Account/ChangePassword", forced.Path);
        Assert.Equal("/Account/ChangePassword", (await expert.GetAsync("/Expert")).Path);

        var changed = await expert.SubmitAsync(forced, new Dictionary<string, string>
        {
            ["CurrentPassword"] = temporary,
            ["Input.Password"] = "Review#Panel2026",
            ["Input.ConfirmPassword"] = "Review#Panel2026",
        });
        Assert.Equal("/Expert", changed.Path);
        Assert.False(await app.WithDbAsync(async (db, _) => (await db.Users.SingleAsync(u => u.Email == "zhao@expert.cn")).MustChangePassword));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Admin_disables_an_account_which_then_cannot_sign_in_and_re_enables_it(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var admin = await SignInAdminAsync(app);
        var applicant = await app.CreateAsync(Role.Applicant);
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);

        var edit = await admin.GetAsync($"/Admin/Accounts/Edit/{applicant.Id}");
        var disabled = await admin.SubmitAsync(edit, formSelector: "form[action*='handler=Disable']");
        Assert.Contains("账号已停用", disabled.Body);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await unit.Http.GetAsync("/Applicant")).StatusCode); // session ended
        using var again = app.Browse();
        Assert.Contains("该账号已被停用", (await again.SignInAsync(applicant.Email!)).Errors);

        await admin.SubmitAsync(await admin.GetAsync($"/Admin/Accounts/Edit/{applicant.Id}"), formSelector: "form[action*='handler=Enable']");
        Assert.Equal("/Applicant", (await again.SignInAsync(applicant.Email!)).Path);
    }

    [Fact]
    public async Task Outbox_page_lists_sent_mail_for_the_admin()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var admin = await SignInAdminAsync(app);
        using var visitor = app.Browse();
        await visitor.SubmitAsync(await visitor.GetAsync("/Account/ForgotPassword"), new Dictionary<string, string> { ["Email"] = "nobody@nowhere.cn" });
        var applicant = await app.CreateAsync(Role.Applicant);
        var sent = await visitor.SubmitAsync(await visitor.GetAsync("/Account/ForgotPassword"), new Dictionary<string, string> { ["Email"] = applicant.Email! });
        Assert.Contains("如果该邮箱已注册", sent.Body); // same answer for both: no account enumeration

        var outbox = await admin.GetAsync("/Admin/Outbox");
        var link = outbox.Html.QuerySelector("main table a")!;
        Assert.Contains("重置密码", link.TextContent);
        var message = await admin.GetAsync(link.GetAttribute("href")!);
        Assert.Contains(applicant.Email!, message.Body);
        Assert.Contains("/Account/ResetPassword?userId=", message.Body);
        Assert.Single(outbox.Html.QuerySelectorAll("main table tbody tr"));
    }
}
