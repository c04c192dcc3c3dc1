using System.Net;
using System.Text.Json;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Admin;

/// <summary>
/// A person's request to see and delete their personal data (PIPL Art. 44–47; issue 9): the administrator finds every place
/// an e-mail or mobile number occurs, downloads it as one JSON file, and deletes an account only while it has no act in the
/// programme's records, after ticking the confirmation.
/// </summary>
public sealed class PersonalDataTests
{
    private const string Person = "chen@fzinc.cn"; // the unit head of the builders' Form 1

    private static async Task<PageClient> SignInAdminAsync(GuoheApp app)
    {
        var admin = await app.CreateAsync(Role.Admin, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(admin.Email!, totpKey: await app.AuthenticatorKeyAsync(admin.Id));
        return client;
    }

    /// <summary>
    /// The person's own account (with a notice, no act), the unit's submitted Form 1 naming them as unit head, and an expert
    /// register entry under their mobile: three kinds of place.
    /// </summary>
    private static async Task<GuoheUser> ArrangeAsync(GuoheApp app)
    {
        var account = await app.CreateAsync(Role.Expert, email: "CHEN@fzinc.cn"); // an account of its own, with no recorded act
        await app.WithDbAsync(async (db, _) =>
        {
            var world = new World(app.Clock.GetUtcNow().UtcDateTime);
            db.Organisations.Add(world.Organisation);
            db.Applications.Add(An.Application(world).Submitted());
            db.Notifications.Add(new Notification { Id = Guid.NewGuid(), UserId = account.Id, TextZh = "欢迎使用", TextEn = "Welcome", Link = "/", CreatedAtUtc = world.Now });
            await db.SaveChangesAsync();
        });
        return account;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_admin_finds_every_place_of_an_e_mail_and_downloads_it_as_one_file(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var account = await ArrangeAsync(app);
        using var admin = await SignInAdminAsync(app);

        var form = await admin.GetAsync("/Admin/PersonalData");
        var empty = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Query"] = "" });
        Assert.Contains("请填写邮箱或手机号。", empty.Errors);

        var found = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Query"] = " Chen@FZINC.cn " });
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains("共2处。", found.Body); // the account and the unit head of Form 1
        Assert.Contains("单位负责人", found.Body);
        Assert.Contains("陈法人", found.Body);
        Assert.DoesNotContain(Person, form.Url.ToString(), StringComparison.OrdinalIgnoreCase);

        var export = found.Html.QuerySelector("form[action*='handler=Export']")!;
        var fields = Buttons.Fields((AngleSharp.Html.Dom.IHtmlFormElement)export);
        using var download = await admin.Http.PostAsync(export.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var held = Assert.Single(root.GetProperty("Accounts").EnumerateArray());
        Assert.Equal(account.Id, held.GetProperty("Id").GetGuid());
        Assert.Equal("欢迎使用", Assert.Single(held.GetProperty("Notices").EnumerateArray()).GetProperty("Text").GetString());
        var person = Assert.Single(root.GetProperty("FormPersons").EnumerateArray());
        Assert.Equal("陈法人", person.GetProperty("Person").GetProperty("Name").GetString());
        Assert.Equal("申请表", person.GetProperty("Form").GetString());
        Assert.Equal("单位负责人", person.GetProperty("Row").GetString());

        var byMainPerson = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Query"] = "13800000003" }); // 林主任, a main person
        Assert.Contains("主要负责人", byMainPerson.Body);
        Assert.Contains("林主任", byMainPerson.Body);
        var nothing = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Query"] = "nobody@nowhere.cn" });
        Assert.Contains("系统中没有与此邮箱或手机号相关的个人信息。", nothing.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_account_without_recorded_acts_is_deleted_after_the_tick_and_one_with_acts_is_kept(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var account = await ArrangeAsync(app);
        var applicant = await app.CreateAsync(Role.Applicant); // registered its unit: a recorded act
        using var admin = await SignInAdminAsync(app);
        var form = await admin.GetAsync("/Admin/PersonalData");

        var found = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Query"] = Person });
        var unticked = await admin.SubmitAsync(found, new Dictionary<string, string>(), $"form[action*='account={account.Id}']");
        Assert.Contains("请勾选确认后再删除。", unticked.Errors);
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Users.AnyAsync(u => u.Id == account.Id)));

        var deleted = await admin.SubmitAsync(found, new Dictionary<string, string> { ["ConfirmDelete"] = "true" }, $"form[action*='account={account.Id}']");
        Assert.Contains("已删除账号及其通知和访问令牌。", deleted.Body);
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Users.AnyAsync(u => u.Id == account.Id)));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Notifications.AnyAsync(n => n.UserId == account.Id)));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Applications.AnyAsync())); // the unit's Form 1 stays

        // The applicant's account registered its unit: a recorded act, so it is kept and the page says why.
        var applicantFound = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Query"] = applicant.Email! });
        Assert.Contains("该账号在项目记录中有操作", applicantFound.Body);
        Assert.Null(applicantFound.Html.QuerySelector($"form[action*='account={applicant.Id}']"));
        var forced = await admin.PostAsync($"/Admin/PersonalData?handler=Delete&account={applicant.Id}", Buttons.Fields(
            (AngleSharp.Html.Dom.IHtmlFormElement)form.Html.QuerySelector("form[action*='handler=Find']")!).Append(new("ConfirmDelete", "true")));
        Assert.Contains("这些记录依法须保存", forced.Errors);
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Users.AnyAsync(u => u.Id == applicant.Id)));
    }
}
