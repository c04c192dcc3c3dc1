using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Applicant;

/// <summary>Form 1 online (Art. 10, 11(1)–(2)): draft, validation, the submit check and both routes.</summary>
public sealed class Form1Tests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static async Task OpenBatchAsync(GuoheApp app)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(Batch.Create(new Actor(Guid.NewGuid(), "办公室", Role.Office), now, 2026, "2026年度第一批", now.AddDays(-1), now.AddDays(30)));
            await db.SaveChangesAsync();
        });
    }

    private static async Task<(PageClient Client, Page Form)> StartAsync(GuoheApp app)
    {
        await OpenBatchAsync(app);
        var applicant = await app.CreateAsync(Role.Applicant);
        var client = app.Browse();
        await client.SignInAsync(applicant.Email!);
        var start = await client.GetAsync("/Applicant/Application/Edit");
        var form = await client.SubmitAsync(start);
        Assert.Equal("/Applicant/Application/Edit", form.Path);
        return (client, form);
    }

    private static Dictionary<string, string> Complete(string route = "SelfApplied", string? recommender = null)
    {
        var values = new Dictionary<string, string>
        {
            ["Input.OrganisationName"] = "苏州国际科技孵化器有限公司",
            ["Input.Profile.Website"] = "https://www.sz-incubator.cn",
            ["Input.Profile.Address"] = "江苏省苏州市工业园区星湖街328号",
            ["Input.Profile.Province"] = "江苏省",
            ["Input.Profile.LegalRepresentative"] = "陈明",
            ["Input.Profile.TotalStaff"] = "85",
            ["Input.Profile.IncubationAreaSquareMetres"] = "32000.5",
            ["Input.Profile.EnterprisesServed"] = "210",
            ["Input.Profile.HasOverseasBase"] = "true",
            ["Input.Profile.OverseasBaseCount"] = "2",
            ["Input.Profile.UnitType"] = "Incubator",
            ["Input.Profile.Ownership"] = "StateOwned",
            ["Input.Profile.Level"] = "National",
            ["Input.Profile.KeyFields"] = "BioHealth",
            ["Input.Countries"] = "DE",
            ["Input.UnitHead.Name"] = "陈明",
            ["Input.UnitHead.Title"] = "董事长",
            ["Input.UnitHead.Phone"] = "0512-66881234",
            ["Input.UnitHead.Email"] = "chen@sz-incubator.cn",
            ["Input.UnitHead.Mobile"] = "13912345678",
            ["Input.MainPersons[0].Name"] = "王强",
            ["Input.MainPersons[0].Title"] = "总经理",
            ["Input.MainPersons[0].Phone"] = "0512-66881236",
            ["Input.MainPersons[0].Email"] = "wang@sz-incubator.cn",
            ["Input.MainPersons[0].Mobile"] = "13712345670",
            ["Input.Contact.Name"] = "李娜",
            ["Input.Contact.Title"] = "国际合作部经理",
            ["Input.Contact.Phone"] = "0512-66881235",
            ["Input.Contact.Email"] = "li@sz-incubator.cn",
            ["Input.Contact.Mobile"] = "13812345679",
            ["Input.Introduction.GoalsAndModel"] = "面向中欧生物医药的国际化孵化。",
            ["Input.Introduction.ChannelsAndTeam"] = "与德国、以色列机构建立合作渠道，专职团队12人。",
            ["Input.Introduction.TechnologyTransfer"] = "近三年引进技术项目18项。",
            ["Input.Introduction.Platforms"] = "在慕尼黑设有海外孵化基地。",
            ["Input.Declaration"] = "true",
            ["Input.Route"] = route,
        };
        if (recommender is not null)
        {
            values["Input.RecommenderOrganisationId"] = recommender;
        }
        return values;
    }

    private static Task UploadDocumentsAsync(GuoheApp app) => app.WithDbAsync(async (db, services) =>
    {
        var application = await db.Applications.SingleAsync();
        var store = services.GetRequiredService<FileStore>();
        foreach (var kind in new[] { DocumentKind.BusinessLicence, DocumentKind.LegalRepresentativeId, DocumentKind.OrganisationIntroduction })
        {
            var result = await store.SaveAsync(new Upload(application.Id, kind, $"{kind}.pdf", Pdf), Guid.NewGuid());
            Assert.Null(result.Refusal);
        }
    });

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Draft_keeps_valid_fields_and_refuses_invalid_ones_with_their_reason(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (client, form) = await StartAsync(app);
        using var _ = client;

        var saved = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.OrganisationName"] = "苏州国际科技孵化器有限公司",
            ["Input.Profile.TotalStaff"] = "-3",
            ["Input.UnitHead.Name"] = "陈明",
            ["Input.UnitHead.Mobile"] = "2391234567",
            ["Input.Profile.Website"] = "not a site",
            ["Input.Countries"] = "DE",
        });

        Assert.Contains("手机号应为以1开头的11位数字", saved.Errors);
        Assert.Contains("员工总数（人）应在0至1000000之间", saved.Errors);
        Assert.Contains("网址格式不正确", saved.Errors);
        Assert.Equal("2391234567", saved.InputValue("Input.UnitHead.Mobile")); // what was typed is still there to correct
        var stored = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal("苏州国际科技孵化器有限公司", stored.OrganisationName);
        Assert.Equal("陈明", stored.UnitHead.Name);
        Assert.Equal(string.Empty, stored.UnitHead.Mobile);
        Assert.Null(stored.Profile.TotalStaff);
        Assert.Equal(string.Empty, stored.Profile.Website);
        Assert.Equal(["DE"], stored.Countries.Select(c => c.Code));
        Assert.Equal(ApplicationStatus.Draft, stored.Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Submit_of_an_incomplete_form_lists_what_is_missing_and_stays_a_draft(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (client, form) = await StartAsync(app);
        using var _ = client;

        var page = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.OrganisationName"] = "苏州国际科技孵化器有限公司" }, "main form[method=post]:not([action*=Start])");
        var refused = await client.PostAsync("/Applicant/Application/Edit?handler=Submit", FormFields(page));

        Assert.Contains("还不能提交", refused.Body);
        Assert.Contains("营业执照", refused.Body);
        Assert.Contains("申请单位简介第1点", refused.Body);
        Assert.Equal(ApplicationStatus.Draft, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync()).Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Complete_self_applied_form_is_submitted_to_the_office_with_a_number_and_history(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (client, form) = await StartAsync(app);
        using var _ = client;
        var saved = await client.SubmitAsync(form, Complete());
        Assert.Contains("草稿已保存", saved.Body);
        await UploadDocumentsAsync(app);
        var officer = await app.CreateAsync(Role.Office);

        var submitted = await client.PostAsync("/Applicant/Application/Edit?handler=Submit", FormFields(await client.GetAsync("/Applicant/Application/Edit")));

        Assert.True(submitted.Path == "/Applicant/Application", submitted.Errors + submitted.Html.QuerySelector(".alert-warning")?.TextContent);
        Assert.Contains("申请已提交办公室", submitted.Body);
        Assert.Contains("GH-2026-0001", submitted.Body);
        Assert.Contains("提交（自行申请）", submitted.Body);
        Assert.Contains("第十一条第（二）项", submitted.Body);
        var stored = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal(ApplicationStatus.Submitted, stored.Status);
        Assert.Equal(32000.5m, stored.Profile.IncubationAreaSquareMetres);
        Assert.Equal("0512-66881234", stored.UnitHead.Phone);
        Assert.True(stored.Declaration);
        Assert.Equal(3, await app.WithDbAsync(async (db, _) => await db.TransitionRecords.CountAsync(r => r.AggregateId == stored.Id)));

        Assert.Contains("待初审", await app.WithDbAsync(async (db, _) => (await db.Notifications.SingleAsync(n => n.UserId == officer.Id)).TextZh));
        var edit = await client.GetAsync("/Applicant/Application/Edit");
        Assert.Equal("/Applicant/Application", edit.Path); // a submitted application is no longer editable
    }

    [Fact]
    public async Task Recommended_route_goes_to_the_named_recommender_and_a_unit_below_provincial_level_is_refused()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var recommender = await app.CreateAsync(Role.Recommender);
        var (client, form) = await StartAsync(app);
        using var _ = client;
        Assert.Contains("测试单位", form.Body); // the recommender organisation is offered

        var low = Complete("Recommended", recommender.OrganisationId.ToString());
        low["Input.Profile.Level"] = "Other";
        var warned = await client.SubmitAsync(form, low);
        Assert.Contains("只有省级以上单位可以申请", warned.Errors);

        // An organisation that is not a recommender (here: another applicant unit) cannot be named.
        var stranger = await app.CreateAsync(Role.Applicant);
        var refused = await client.SubmitAsync(await client.GetAsync("/Applicant/Application/Edit"), Complete("Recommended", stranger.OrganisationId.ToString()));
        Assert.Contains("请从列表中选择推荐单位", refused.Errors);
        Assert.NotEqual(stranger.OrganisationId, (await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync())).RecommenderOrganisationId);

        await client.SubmitAsync(await client.GetAsync("/Applicant/Application/Edit"), Complete("Recommended", recommender.OrganisationId.ToString()));
        await UploadDocumentsAsync(app);
        await client.PostAsync("/Applicant/Application/Edit?handler=Submit", FormFields(await client.GetAsync("/Applicant/Application/Edit")));

        var stored = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, stored.Status);
        Assert.Equal(recommender.OrganisationId, stored.RecommenderOrganisationId);
    }

    [Fact]
    public async Task Main_persons_rows_can_be_added_and_removed()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (client, form) = await StartAsync(app);
        using var _ = client;

        var one = await client.PostAsync("/Applicant/Application/Edit?handler=AddPerson", FormFields(form));
        var two = await client.PostAsync("/Applicant/Application/Edit?handler=AddPerson", FormFields(one, new()
        {
            ["Input.MainPersons[0].Name"] = "王强",
            ["Input.MainPersons[0].Title"] = "总经理",
        }));
        Assert.NotNull(two.InputValue("Input.MainPersons[1].Name"));
        await client.PostAsync("/Applicant/Application/Edit", FormFields(two, new() { ["Input.MainPersons[1].Name"] = "赵敏" }));
        Assert.Equal(["王强", "赵敏"], await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync()).MainPersons.Select(p => p.Name).ToList()));

        await client.PostAsync("/Applicant/Application/Edit?handler=RemovePerson&index=0", FormFields(await client.GetAsync("/Applicant/Application/Edit")));
        Assert.Equal(["赵敏"], await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync()).MainPersons.Select(p => p.Name).ToList()));
    }

    /// <summary>The fields of the page's Form 1 form (hidden token and version included), with overrides.</summary>
    private static List<KeyValuePair<string, string>> FormFields(Page page, Dictionary<string, string>? values = null)
    {
        var forms = page.Html.QuerySelectorAll("main form");
        var form = forms[forms.Length - 1];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }
                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }
        foreach (var (name, value) in values ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        return fields;
    }
}
