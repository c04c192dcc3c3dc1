using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

/// <summary>The office keeps the expert pool (Art. 5) through its pages.</summary>
public sealed class ExpertPoolPageTests
{
    private static async Task<PageClient> OfficeAsync(GuoheApp app)
    {
        var officer = await app.CreateAsync(Role.Office, twoFactor: true);
        var office = app.Browse();
        await office.SignInAsync(officer.Email!, totpKey: await app.AuthenticatorKeyAsync(officer.Id));
        return office;
    }

    private static Dictionary<string, string> Valid(Guid? account) => new()
    {
        ["Input.Name"] = "李明",
        ["Input.Title"] = "研究员",
        ["Input.OrganisationName"] = "中国科学院福建物质结构研究所",
        ["Input.OrganisationUscc"] = Usccs.Make(77).Value!,
        ["Input.Province"] = "福建省",
        ["Input.Fields"] = "NewMaterials",
        ["Input.RecommendedBy"] = "Cistc",
        ["Input.Email"] = "liming@example.cn",
        ["Input.Mobile"] = "13812345678",
        ["Input.DeclaredConflicts"] = "厦门某孵化器\n" + Usccs.Make(78).Value,
        ["Input.UserId"] = account?.ToString() ?? string.Empty,
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_adds_an_expert_links_the_account_and_later_deactivates_them_with_a_note(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var account = await app.CreateAsync(Role.Expert);
        using var office = await OfficeAsync(app);

        var empty = await office.GetAsync("/Office/Experts");
        Assert.Contains("专家库还是空的", empty.Body);
        var form = await office.GetAsync("/Office/Experts/Edit");
        Assert.Contains(account.Email!, form.Html.QuerySelector("select[name='Input.UserId']")!.TextContent);
        var fields = Valid(account.Id);
        var saved = await office.SubmitAsync(form, fields);
        Assert.Contains("专家信息已保存", saved.Body);

        var expert = await app.WithDbAsync(async (db, _) => await db.Experts.AsNoTracking().SingleAsync());
        Assert.Equal("李明", expert.Details.Name);
        Assert.Equal(KeyFields.NewMaterials, expert.Details.Fields);
        Assert.Equal(RecommendingAssociation.Cistc, expert.Details.RecommendedBy);
        Assert.Equal(account.Id, expert.Details.UserId);
        Assert.Equal(["厦门某孵化器", Usccs.Make(78).Value!], expert.Details.DeclaredConflicts);
        Assert.True(expert.Active);

        var list = await office.GetAsync("/Office/Experts?field=NewMaterials");
        Assert.Contains("李明", list.Html.QuerySelector("#experts")!.TextContent);
        Assert.Contains("中国国际科学技术合作协会", list.Html.QuerySelector("#experts")!.TextContent);
        Assert.Contains("没有符合条件的专家", (await office.GetAsync("/Office/Experts?field=BioHealth")).Body);

        var edit = await office.GetAsync($"/Office/Experts/Edit/{expert.Id}");
        Assert.Equal("研究员", edit.InputValue("Input.Title"));
        var deactivated = await office.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Active"] = "false", ["Input.Note"] = "已退出专家委员会" });
        Assert.Contains("专家信息已保存", deactivated.Body);
        Assert.Contains("已退出专家委员会", deactivated.Html.QuerySelector("table:last-of-type")!.TextContent); // the history

        var stored = await app.WithDbAsync(async (db, _) => await db.Experts.AsNoTracking().SingleAsync());
        Assert.False(stored.Active);
        var history = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().Where(r => r.AggregateId == expert.Id).OrderBy(r => r.Sequence).ToListAsync());
        Assert.Equal(["AddExpert", "DeactivateExpert"], history.Select(r => r.Trigger));
        Assert.All(history, r => Assert.Equal(Role.Office, r.Role));
        Assert.Contains("没有符合条件的专家", (await office.GetAsync("/Office/Experts")).Body); // the default list shows the active pool
        Assert.Contains("李明", (await office.GetAsync("/Office/Experts?status=inactive")).Body);
    }

    [Theory]
    [InlineData("Input.OrganisationUscc", "91350100MA2XXXXXX1", "统一社会信用代码")]
    [InlineData("Input.Mobile", "12345678901", "手机号应为以1开头的11位数字")]
    [InlineData("Input.Email", "not-an-email", "邮箱格式不正确")]
    [InlineData("Input.Fields", "", "请至少选择一个重点领域")]
    [InlineData("Input.Province", "火星", "请从列表中选择省份")]
    [InlineData("Input.Name", "", "请填写姓名")]
    public async Task Invalid_details_are_refused_with_the_field_named_and_nothing_is_stored(string field, string value, string message)
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var office = await OfficeAsync(app);
        var form = await office.GetAsync("/Office/Experts/Edit");

        var fields = Valid(null);
        fields[field] = value;
        if (field == "Input.Fields")
        {
            fields.Remove(field); // no box ticked: the browser posts nothing
        }
        var refused = await office.SubmitAsync(form, fields);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(message, refused.Errors);
        Assert.Equal("中国科学院福建物质结构研究所", refused.InputValue("Input.OrganisationName")); // what was typed stays
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Experts.CountAsync()));
    }

    [Fact]
    public async Task An_account_linked_to_another_expert_or_without_the_expert_role_cannot_be_linked()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var linked = await app.ExpertInPoolAsync();
        var applicant = await app.CreateAsync(Role.Applicant);
        using var office = await OfficeAsync(app);
        var form = await office.GetAsync("/Office/Experts/Edit");
        Assert.DoesNotContain(linked.Email!, form.Html.QuerySelector("select[name='Input.UserId']")!.TextContent);

        foreach (var id in new[] { linked.Id, applicant.Id })
        {
            var refused = await office.SubmitAsync(form, Valid(id));
            Assert.Contains("该账号不是评审专家账号，或已关联其他专家", refused.Errors);
        }
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Experts.CountAsync()));
    }

    [Fact]
    public async Task Only_the_office_reaches_the_pool()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var expert = await app.CreateAsync(Role.Expert);
        using var client = app.Browse();
        await client.SignInAsync(expert.Email!);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Office/Experts")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Office/Experts/Edit")).Status);
    }
}
