using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Account;

public sealed class RegistrationTests
{
    private static Dictionary<string, string> Form(string uscc, string email) => new()
    {
        ["Input.OrganisationName"] = "杭州国际孵化中心有限公司",
        ["Input.Uscc"] = uscc,
        ["Input.LiaisonName"] = "张晓",
        ["Input.Email"] = email,
        ["Input.Mobile"] = "13812345678",
        ["Input.Password"] = "Hangzhou#2026x",
        ["Input.ConfirmPassword"] = "Hangzhou#2026x",
        ["Input.Consent"] = "true",
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Register_with_valid_code_confirms_by_emailed_link_then_signs_in(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var client = app.Browse();
        var uscc = Usccs.Make(4242).Value;

        var form = await client.GetAsync("/Account/Register");
        var done = await client.SubmitAsync(form, Form(uscc, "zhang@hz-incubator.cn"));

        Assert.Equal("/Account/RegisterDone", done.Path);
        var stored = await app.WithDbAsync(async (db, _) => await db.Organisations.SingleAsync());
        Assert.Equal(uscc, stored.Uscc.Value);
        Assert.Equal("张晓", stored.LiaisonName);

        // Not yet confirmed: sign-in is refused with the reason.
        var early = await client.SignInAsync("zhang@hz-incubator.cn", "Hangzhou#2026x");
        Assert.Contains("邮箱尚未确认", early.Errors);

        // The confirmation e-mail is in the outbox, in Chinese, with the link.
        var mail = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*.eml"));
        using var message = MimeKit.MimeMessage.Load(mail);
        Assert.Equal("zhang@hz-incubator.cn", message.To.Mailboxes.Single().Address);
        Assert.Contains("请确认您的邮箱", message.Subject);
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty, @"https?://\S+/Account/ConfirmEmail\S+").Value;
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Contains("邮箱已确认", confirmed.Body);

        var home = await client.SignInAsync("zhang@hz-incubator.cn", "Hangzhou#2026x");
        Assert.Equal("/Applicant", home.Path);
        Assert.Contains("杭州国际孵化中心有限公司", home.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Register_with_wrong_check_character_is_refused_and_stores_nothing(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var client = app.Browse();
        var valid = Usccs.Make(4243).Value;
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var page = await client.SubmitAsync(await client.GetAsync("/Account/Register"), Form(wrong, "li@hz-incubator.cn"));

        Assert.Equal("/Account/Register", page.Path);
        Assert.Contains("统一社会信用代码校验位不正确", page.Errors);
        Assert.Equal(wrong, page.InputValue("Input.Uscc")); // nothing lost
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Organisations.CountAsync() + await db.Users.CountAsync()));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "outbox")));
    }

    [Fact]
    public async Task Register_refuses_a_common_password_and_a_duplicate_code_with_field_messages()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();
        var uscc = Usccs.Make(4244).Value;

        var weak = Form(uscc, "wang@hz-incubator.cn");
        weak["Input.Password"] = weak["Input.ConfirmPassword"] = "Password123!";
        var refused = await client.SubmitAsync(await client.GetAsync("/Account/Register"), weak);
        Assert.Contains("过于常见", refused.Errors);

        await client.SubmitAsync(await client.GetAsync("/Account/Register"), Form(uscc, "wang@hz-incubator.cn"));
        var again = await client.SubmitAsync(await client.GetAsync("/Account/Register"), Form(uscc, "other@hz-incubator.cn"));
        Assert.Contains("该统一社会信用代码已注册", again.Errors);
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task The_password_help_states_the_configured_rule()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: new() { ["Security:PasswordMinLength"] = "12", ["Security:PasswordMinClasses"] = "4" });
        using var client = app.Browse();

        var help = (await client.GetAsync("/Account/Register")).Html.QuerySelector("#password-help")!.TextContent;

        Assert.Equal("至少12个字符，包含大写字母、小写字母、数字、符号中的至少4类。", help.Trim());
    }
}
