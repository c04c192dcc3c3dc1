using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Tests.Documents;
using Guohe.Tests.Support;
using Guohe.Web.Documents;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Applicant;

/// <summary>Form 1 imported from Word through the front door: a draft with what was read, what was not, and nothing from a hostile file.</summary>
public sealed class Form1ImportPageTests
{
    private static async Task<(GuoheUser User, PageClient Client)> ApplicantAsync(GuoheApp app)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(Batch.Create(new Actor(Guid.NewGuid(), "办公室", Role.Office), now, 2026, "2026年度第一批", now.AddDays(-1), now.AddDays(30)));
            await db.SaveChangesAsync();
        });
        var applicant = await app.CreateAsync(Role.Applicant);
        var client = app.Browse();
        await client.SignInAsync(applicant.Email!);
        return (applicant, client);
    }

    private static async Task<string> UsccOfAsync(GuoheApp app, GuoheUser user) =>
        await app.WithDbAsync(async (db, _) => (await db.Organisations.SingleAsync(o => o.Id == user.OrganisationId)).Uscc.Value);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_filled_form_becomes_a_draft_with_every_field_and_nothing_is_submitted(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (user, client) = await ApplicantAsync(app);
        var form = World.CompleteForm();
        var docx = Form1Document.Write(new Form1Content(form, null, await UsccOfAsync(app, user), null, null, null, null));

        var index = await client.GetAsync("/Applicant/Application");
        Assert.NotNull(index.Html.QuerySelector("a[href='/Applicant/Application/Import']"));
        var page = await client.GetAsync("/Applicant/Application/Import");
        var result = await client.UploadAsync(page, "导入", "申请表.docx", docx, "main form");

        Assert.Equal("/Applicant/Application/Import", result.Path);
        Assert.Contains("文件中的内容已全部读取。", result.Body);
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Equal(form.OrganisationName, application.OrganisationName);
        Assert.Equal(form.Profile, application.Profile);
        Assert.Equal(form.Countries, application.Countries.Select(c => c.Code));
        Assert.Equal(form.UnitHead, application.UnitHead);
        Assert.Equal(form.MainPersons, application.MainPersons);
        Assert.Equal(form.Contact, application.Contact);
        Assert.Equal(form.Introduction, application.Introduction);
        Assert.True(application.Declaration);
        Assert.Null(application.SubmittedAtUtc);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync())); // the file itself is not kept
        var history = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().Where(h => h.AggregateId == application.Id).OrderBy(h => h.Sequence).ToListAsync());
        Assert.Equal(["Create", "Edit"], history.Select(h => h.Trigger));
        Assert.All(history, h => Assert.Equal(user.Id, h.ActorUserId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task What_cannot_be_read_is_listed_a_foreign_uscc_is_not_applied_and_a_draft_is_replaced_only_when_confirmed(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (_, client) = await ApplicantAsync(app);
        var page = await client.GetAsync("/Applicant/Application/Import");
        var first = await client.UploadAsync(page, "导入", "手填.docx", Form1ImportTests.HandTyped(staff: "约五十人"), "main form");
        var unread = first.Html.QuerySelectorAll("#unread li").Select(li => li.TextContent).ToList();
        Assert.Contains(unread, u => u.Contains("约五十人", StringComparison.Ordinal) && u.Contains("不是数字", StringComparison.Ordinal));
        Assert.Contains(unread, u => u.Contains("火星国", StringComparison.Ordinal));
        Assert.Contains(unread, u => u.Contains("所在省份", StringComparison.Ordinal));
        var draft = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal("厦门海丝国际孵化器有限公司", draft.OrganisationName);
        Assert.Null(draft.Profile.TotalStaff);
        Assert.Equal(["DE", "SG", "MY"], draft.Countries.Select(c => c.Code));

        // The draft now has content: a second import needs the confirmation, and is refused without it.
        var again = await client.GetAsync("/Applicant/Application/Import");
        Assert.NotNull(again.Html.QuerySelector("input#replace"));
        var other = World.CompleteForm() with { OrganisationName = "另一家单位" };
        var foreign = Form1Document.Write(new Form1Content(other, null, "91350100MA2XYZ1234", null, null, null, null));
        var refused = await client.UploadAsync(again, "导入", "b.docx", foreign, "main form", expectRedirect: false);
        Assert.Contains("请勾选确认后再导入", refused.Html.QuerySelector("#import-error")!.TextContent);
        Assert.Equal(draft.Version, (await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync())).Version);

        var replaced = await client.UploadAsync(again, "导入", "b.docx", foreign, "main form", values: [("replace", "true")]);
        Assert.Contains(replaced.Html.QuerySelectorAll("#unread li"), li => li.TextContent.Contains("统一社会信用代码91350100MA2XYZ1234与本单位", StringComparison.Ordinal));
        var after = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Equal("另一家单位", after.OrganisationName);
        Assert.Equal(56, after.Profile.TotalStaff);
    }

    public static TheoryData<string, string, string> HostileOnBothDatabases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            data.Add(provider, "text", "这不是Word（.docx）文件");
            data.Add(provider, "bomb", "压缩炸弹");
            data.Add(provider, "macro", "含宏的Word文档不予接受");
            data.Add(provider, "external-template", "引用了外部资源");
            data.Add(provider, "include-field", "引用了外部资源");
            data.Add(provider, "empty", "文件是空的");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileOnBothDatabases))]
    public async Task A_hostile_file_is_refused_with_its_message_and_nothing_is_stored(string provider, string kind, string message)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (_, client) = await ApplicantAsync(app);
        var page = await client.GetAsync("/Applicant/Application/Import");

        var refused = await client.UploadAsync(page, "导入", "x.docx", Form1ImportTests.Hostile(kind), "main form", expectRedirect: false);

        Assert.Contains(message, refused.Html.QuerySelector("#import-error")?.TextContent ?? string.Empty);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Applications.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (_, client) = await ApplicantAsync(app);
        var page = await client.GetAsync("/Applicant/Application/Import");
        var limit = await app.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<Guohe.Web.Files.FileStore>().MaxBytes));
        var refused = await client.UploadAsync(page, "导入", "big.docx", new byte[limit + 1], "main form", expectRedirect: false);
        Assert.Contains("大小上限", refused.Html.QuerySelector("#import-error")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Applications.CountAsync()));
    }
}
