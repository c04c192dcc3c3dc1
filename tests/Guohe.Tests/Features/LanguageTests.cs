using Guohe.Tests.Support;

namespace Guohe.Tests.Features;

public sealed class LanguageTests
{
    [Fact]
    public async Task Interface_is_chinese_by_default_and_switches_to_english()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();

        var chinese = await client.GetAsync("/Account/Login");
        Assert.Equal("zh-CN", chinese.Html.DocumentElement.GetAttribute("lang"));
        Assert.Contains("忘记密码", chinese.Body);

        var english = await client.SubmitAsync(chinese, formSelector: "form[action='/Culture']");
        Assert.Equal("/Account/Login", english.Path);
        Assert.Equal("en", english.Html.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Forgot your password?", english.Body);
        Assert.Contains("Sign in", english.Body);

        var back = await client.SubmitAsync(english, formSelector: "form[action='/Culture']");
        Assert.Contains("忘记密码", back.Body);
    }

    [Fact]
    public async Task Accept_language_english_is_honoured_without_a_cookie()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");

        var page = await client.GetAsync("/Account/Register");
        Assert.Contains("Register your organisation", page.Body);
        var refused = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Uscc"] = "12345" });
        Assert.Contains("The unified social credit code has 18 characters", refused.Errors);
        Assert.Contains("Organisation name is required.", refused.Errors);
    }
}
