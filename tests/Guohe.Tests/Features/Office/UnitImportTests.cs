using System.Data;
using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Tests.Support;
using Guohe.Web.Features.Office.Imports;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// The office imports pilot units and bases recognised before Guohe (Art. 11(6), 13(3)) from the .xlsx template: every
/// row checked with its row number and reason, a preview, then all rows or none; matched by 统一社会信用代码, so a second
/// import creates nothing; each created record's history names the office clerk, the file and the row.
/// </summary>
public sealed class UnitImportTests
{
    private static readonly string[] Headers =
        ["统一社会信用代码", "单位名称", "省份", "单位类型", "级别", "所有制", "重点领域", "联络人", "联络人邮箱", "联络人手机", "资格", "认定日期", "基地认定日期"];

    private static DateTime Now(GuoheApp app) => app.Clock.GetUtcNow().UtcDateTime;

    private static DateOnly Today(GuoheApp app) => ChinaTime.DateOf(Now(app));

    private static async Task<(PageClient Client, GuoheUser User)> OfficeAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Office, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return (client, user);
    }

    /// <summary>A workbook whose first sheet has <paramref name="headers"/> in row 1 and then <paramref name="rows"/>.</summary>
    private static byte[] Workbook(IReadOnlyList<string> headers, params object?[][] rows)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var header in headers)
        {
            table.Columns.Add(header, typeof(object));
        }
        foreach (var row in rows)
        {
            table.Rows.Add([.. row.Select(v => v ?? DBNull.Value)]);
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, table, sheetName: "单位", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static object?[] Unit(Uscc uscc, string name, string province, string type, string level, string qualification, object? recognised, object? baseDate = null) =>
        [uscc.Value, name, province, type, level, "民营", "新能源、电子信息", "王联络", "wang@example.cn", "138 0000 1234", qualification, recognised, baseDate];

    private static Task<Page> CheckAsync(PageClient client, Page page, byte[] file, string name = "既有试点单位.xlsx", string button = "检查文件") =>
        client.UploadAsync(page, button, name, file, "#upload", expectRedirect: false);

    private static string Rows(Page page, string table) =>
        string.Join(" | ", page.Html.QuerySelectorAll($"#{table} tbody tr").Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))));

    /// <summary>Counts of what an import writes: organisations, designations and history records.</summary>
    private static Task<(int Organisations, int Designations, int Records)> CountsAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) => (await db.Organisations.CountAsync(), await db.Designations.CountAsync(), await db.TransitionRecords.CountAsync()));

    [Fact]
    public async Task Template_downloads_with_the_chinese_headers_and_its_instructions()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (office, _) = await OfficeAsync(app);

        var page = await office.GetAsync("/Office/Imports/Units");
        var response = await office.Http.GetAsync(page.Html.QuerySelector("a#template")!.GetAttribute("href"));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("试点单位和基地导入模板.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var stream = new MemoryStream(bytes);
        Assert.Equal(["单位", "填写说明"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var header = (IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: false, sheetName: "单位").Single();
        Assert.Equal(Headers, header.Values.Cast<string>());
        stream.Position = 0;
        var notes = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "填写说明").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(notes, n => (string?)n["列"] == "资格" && ((string?)n["说明"])!.Contains("国合孵化基地", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Valid_sheet_is_previewed_then_imported_with_history_and_a_second_import_creates_nothing(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var today = Today(app);
        var (office, clerk) = await OfficeAsync(app);
        var registered = await app.CreateAsync(Role.Applicant); // in Guohe already, no designation
        var registeredUscc = await app.WithDbAsync(async (db, _) => (await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == registered.OrganisationId)).Uscc);
        var world = new World(Now(app), 301);
        var (application, decision, pilot) = An.Application(world).Granted(); // in Guohe with an open designation
        await app.WithDbAsync(async (db, _) =>
        {
            db.AddRange(world.Batch, world.Organisation, application, world.VisitOf(application.Id), decision, pilot);
            await db.SaveChangesAsync();
        });
        var newPilot = Usccs.Make(401);
        var newBase = Usccs.Make(402);
        var recognised = today.AddYears(-1).AddDays(-20);
        var file = Workbook(Headers,
            Unit(newPilot, "苏州国际创新港有限公司", "江苏", "孵化器", "省级", "试点单位", recognised.ToDateTime(TimeOnly.MinValue)),
            Unit(newBase, "中关村国际孵化园", "北京市", "园区", "国家级", "国合孵化基地", "2021/3/1", "2023年9月15日"),
            Unit(registeredUscc, "测试单位（表中名称）", "广东省", "企业", "省级", "试点单位", ChinaTime.Iso(today.AddMonths(-2))),
            Unit(world.Organisation.Uscc, world.Organisation.Name, "福建省", "孵化器", "省级", "试点单位", ChinaTime.Iso(today.AddMonths(-1))));
        var before = await CountsAsync(app);

        var checkedPage = await CheckAsync(office, await office.GetAsync("/Office/Imports/Units"), file);

        Assert.Equal(HttpStatusCode.OK, checkedPage.Status);
        Assert.Equal("共4行：将新建单位2个，已有单位2个（不作修改）；将新建资格3个，跳过1个（已有资格）。", checkedPage.Html.QuerySelector("#summary")!.TextContent.Trim());
        var preview = checkedPage.Html.QuerySelectorAll("#preview tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["2", "3", "4", "5"], preview.Select(r => r[0]));
        Assert.Equal(["新建 新建", "新建 新建", "已有 新建", "已有 跳过"], preview.Select(r => $"{r[7]} {r[8]}"));
        Assert.Equal([ChinaTime.Iso(recognised), "江苏省", "国合孵化基地", "2023-09-15"], [preview[0][5], preview[0][3], preview[1][4], preview[1][6]]);
        Assert.Contains("系统中该单位名称为", preview[2][9], StringComparison.Ordinal);
        Assert.Contains("该单位已有资格（试点单位）", preview[3][9], StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(app)); // the check stores nothing

        var done = await office.ClickAsync(checkedPage, "确认导入");

        Assert.Equal("/Office/Imports/Units", done.Path);
        Assert.Contains("导入完成：新建单位2个，已有单位2个（未修改）；新建资格3个，跳过1个（已有资格）。", done.Body, StringComparison.Ordinal);
        var (organisations, designations, records) = await app.WithDbAsync(async (db, _) =>
        {
            var orgs = (await db.Organisations.AsNoTracking().ToListAsync()).ToDictionary(o => o.Uscc);
            var des = (await db.Designations.AsNoTracking().ToListAsync()).ToLookup(d => d.OrganisationId);
            var recs = await db.TransitionRecords.AsNoTracking().Where(r => r.AtUtc >= Now(app).AddMinutes(-1) && (r.Trigger == "Import" || r.Trigger.StartsWith("Import"))).ToListAsync();
            return (orgs, des, recs);
        });
        var created = organisations[newPilot];
        Assert.Equal(("苏州国际创新港有限公司", "王联络", "wang@example.cn", "13800001234"), (created.Name, created.LiaisonName, created.LiaisonEmail, created.LiaisonMobile));
        Assert.Equal(("江苏省", UnitType.Incubator, UnitLevel.Provincial, Ownership.Private, KeyFields.NewEnergy | KeyFields.ElectronicInformation),
            (created.Profile.Province, created.Profile.UnitType, created.Profile.Level, created.Profile.Ownership, created.Profile.KeyFields));
        var importedPilot = Assert.Single(designations[created.Id]);
        Assert.Equal((DesignationStatus.Pilot, recognised, recognised.AddYears(2), (Guid?)null, (DateOnly?)today),
            (importedPilot.Status, importedPilot.RecognitionDate, importedPilot.TermEndsOn, importedPilot.ApplicationId, importedPilot.ObligationsFrom));
        var importedBase = Assert.Single(designations[organisations[newBase].Id]);
        Assert.Equal((DesignationStatus.Base, new DateOnly(2021, 3, 1), (DateOnly?)new DateOnly(2023, 9, 15)), (importedBase.Status, importedBase.RecognitionDate, importedBase.BaseGrantedOn));
        var existing = organisations[registeredUscc];
        Assert.Equal(registered.OrganisationId, existing.Id);
        Assert.StartsWith("测试单位", existing.Name, StringComparison.Ordinal); // kept as it was
        Assert.Equal(DesignationStatus.Pilot, Assert.Single(designations[existing.Id]).Status);
        Assert.Equal(pilot.Id, Assert.Single(designations[world.Organisation.Id]).Id); // no second designation

        Assert.Equal(5, records.Count); // two organisations and three designations, one record each
        Assert.All(records, r => Assert.Equal((clerk.Id, Role.Office), (r.ActorUserId, r.Role)));
        var pilotRecord = records.Single(r => r.AggregateId == importedPilot.Id);
        Assert.Equal(("ImportPilot", Article.Art11_6, "从电子表格导入：既有试点单位.xlsx，第2行"), (pilotRecord.Trigger, pilotRecord.Article, pilotRecord.Opinion));
        var baseRecord = records.Single(r => r.AggregateId == importedBase.Id);
        Assert.Equal(("ImportBase", Article.Art13_3, "从电子表格导入：既有试点单位.xlsx，第3行"), (baseRecord.Trigger, baseRecord.Article, baseRecord.Opinion));
        Assert.Contains("第4行", records.Single(r => r.AggregateId == designations[existing.Id].Single().Id).Opinion, StringComparison.Ordinal);
        Assert.Equal("Import", records.Single(r => r.AggregateId == created.Id).Trigger);
        var timeline = await office.GetAsync($"/Office/Units/{created.Id}");
        Assert.Contains("导入系统启用前认定的试点单位", timeline.Html.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("从电子表格导入：既有试点单位.xlsx，第2行", timeline.Html.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);

        // The obligations job plans the imported designations like any other, from the import on.
        await app.WithDbAsync((_, services) => services.GetRequiredService<ObligationJob>().RunAsync());
        var owed = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().Where(o => o.DesignationId == importedPilot.Id || o.DesignationId == importedBase.Id).ToListAsync());
        Assert.Contains(owed, o => o.DesignationId == importedPilot.Id && o.Kind == ObligationKind.ConstructionSummary && o.DueDate == recognised.AddYears(2).AddDays(60));
        Assert.Contains(owed, o => o.DesignationId == importedBase.Id && o.Kind == ObligationKind.AnnualSummary && o.Year == today.Year && o.Article == Article.Art14);
        Assert.All(owed.Where(o => o.Kind != ObligationKind.ConstructionSummary), o => Assert.True(o.DueDate >= today, $"{o.Kind} {o.Year} due {o.DueDate} is before the import"));
        var management = await office.GetAsync("/Office/Decisions");
        Assert.DoesNotContain("苏州国际创新港有限公司", management.Html.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // The same file again: everything exists, nothing is created.
        var afterFirst = await CountsAsync(app);
        var again = await CheckAsync(office, done, file);
        Assert.Equal("共4行：将新建单位0个，已有单位4个（不作修改）；将新建资格0个，跳过4个（已有资格）。", again.Html.QuerySelector("#summary")!.TextContent.Trim());
        var second = await office.ClickAsync(again, "确认导入");
        Assert.Contains("新建单位0个", second.Body, StringComparison.Ordinal);
        Assert.Equal(afterFirst, await CountsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Sheet_with_bad_rows_lists_each_row_and_reason_and_stores_nothing(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var today = Today(app);
        var (office, _) = await OfficeAsync(app);
        var good = Usccs.Make(501);
        var repeated = Usccs.Make(502);
        var badChecksum = Usccs.Make(503).Value[..17] + (Usccs.Make(503).Value[17] == '0' ? '1' : '0');
        var file = Workbook(Headers,
            Unit(good, "合格单位", "浙江省", "企业", "省级", "试点单位", "2024-05-01"),
            [badChecksum, "代码错误单位", "浙江省", "企业", "省级", "", "", "李联络", "", "", "试点单位", "2024-05-01", null],
            Unit(repeated, "重复单位甲", "浙江省", "企业", "省级", "试点单位", "2024-05-01"),
            Unit(repeated, "重复单位乙", "浙江省", "企业", "省级", "试点单位", "2024-05-01"),
            Unit(Usccs.Make(504), "省份错误单位", "火星省", "企业", "省级", "试点单位", "2024-05-01"),
            Unit(Usccs.Make(505), "日期错误单位", "浙江省", "企业", "省级", "试点单位", "2024.13.45"),
            Unit(Usccs.Make(506), "基地日期错误单位", "浙江省", "企业", "省级", "国合孵化基地", "2024-05-01", "2023-01-01"),
            Unit(Usccs.Make(507), "类型级别错误单位", "浙江省", "协会", "市级", "基地试点", ChinaTime.Iso(today.AddDays(3))));
        var before = await CountsAsync(app);

        var page = await CheckAsync(office, await office.GetAsync("/Office/Imports/Units"), file);

        Assert.Contains("文件中有", page.Html.QuerySelector("#failed")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("未导入任何内容", page.Html.QuerySelector("#failed")!.TextContent, StringComparison.Ordinal);
        var errors = page.Html.QuerySelectorAll("#errors tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["3 统一社会信用代码", "5 统一社会信用代码", "6 省份", "7 认定日期", "8 基地认定日期", "9 单位类型", "9 级别", "9 资格"],
            errors.Select(e => $"{e[0]} {e[1]}"));
        Assert.Contains("校验位不正确", errors[0][2], StringComparison.Ordinal);
        Assert.Contains("与第4行重复", errors[1][2], StringComparison.Ordinal);
        Assert.Contains("“火星省”不是省级行政区名称", errors[2][2], StringComparison.Ordinal);
        Assert.Contains("“2024.13.45”不是有效日期", errors[3][2], StringComparison.Ordinal);
        Assert.Contains("早于试点单位认定日期", errors[4][2], StringComparison.Ordinal);
        Assert.Contains("省级以上", errors[6][2], StringComparison.Ordinal);
        Assert.Null(page.Html.QuerySelector("#confirm"));
        Assert.Equal(before, await CountsAsync(app));
        Assert.Empty(Directory.Exists(Path.Combine(app.DataDirectory, "imports")) ? Directory.GetFiles(Path.Combine(app.DataDirectory, "imports")) : []);

        var (english, _) = await OfficeAsync(app);
        await english.SubmitAsync(await english.GetAsync("/Office"), formSelector: "form[action='/Culture']");
        var inEnglish = await CheckAsync(english, await english.GetAsync("/Office/Imports/Units"), file, button: "Check file");
        Assert.Contains("The unified social credit code repeats row 4.", Rows(inEnglish, "errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_that_is_not_a_proper_sheet_gets_a_clear_message_and_stores_nothing()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (office, _) = await OfficeAsync(app);
        var form = await office.GetAsync("/Office/Imports/Units");
        var before = await CountsAsync(app);

        var pdf = await CheckAsync(office, form, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(), "units.xlsx");
        var csv = await CheckAsync(office, form, "统一社会信用代码,单位名称\n"u8.ToArray(), "units.csv");
        var empty = await CheckAsync(office, form, Workbook([]), "empty.xlsx");
        var noHeader = await CheckAsync(office, form, Workbook(["单位名称", "省份"], ["某单位", "江苏省"]), "old.xlsx");
        var noRows = await CheckAsync(office, form, Workbook(Headers), "blank.xlsx");
        var nothing = await office.PostAsync("/Office/Imports/Units?handler=Check", [new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!)]);
        var stale = await office.PostAsync("/Office/Imports/Units?handler=Commit",
            [new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!), new("Token", new string('a', 64)), new("FileName", "x.xlsx")]);

        Assert.All(new[] { pdf, csv, empty, noHeader, noRows, nothing, stale }, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Contains("只能导入Excel工作簿（.xlsx）", Rows(pdf, "errors"), StringComparison.Ordinal);
        Assert.Contains("只能导入Excel工作簿（.xlsx）", Rows(csv, "errors"), StringComparison.Ordinal);
        Assert.Contains("第一个工作表是空的", Rows(empty, "errors"), StringComparison.Ordinal);
        Assert.Contains("第1行缺少列：统一社会信用代码、单位类型、级别、联络人、资格、认定日期", Rows(noHeader, "errors"), StringComparison.Ordinal);
        Assert.Contains("表中没有数据行", Rows(noRows, "errors"), StringComparison.Ordinal);
        Assert.Contains("请选择要导入的Excel文件", nothing.Errors, StringComparison.Ordinal);
        Assert.Contains("待确认的文件已失效", stale.Errors, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task Check_and_commit_are_callable_in_process_and_a_thousand_rows_go_in_one_transaction()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var rows = Enumerable.Range(0, 1000).Select(i => Unit(Usccs.Make(10_000 + i), $"批量单位{i}", "上海市", "企业", "国家级", i % 2 == 0 ? "试点单位" : "国合孵化基地", "2022-03-01", i % 2 == 0 ? null : "2024-06-30")).ToArray();
        var file = Workbook(Headers, rows);
        var office = new Actor(Guid.NewGuid(), "办公室", Role.Office);

        var check = await app.WithDbAsync((db, _) => UnitImport.ValidateAsync(db, new MemoryStream(file), "batch.xlsx", Today(app)));
        var result = await app.WithDbAsync((db, _) => UnitImport.CommitAsync(db, new MemoryStream(file), "batch.xlsx", office, Now(app)));

        Assert.True(check.IsValid, string.Join("; ", check.Errors.Take(3).Select(e => $"{e.Row}: {e.Problem.Zh}")));
        Assert.Equal((1000, 1000), (check.OrganisationsToCreate, check.DesignationsToCreate));
        Assert.True(result.Committed);
        Assert.Equal((1000, 1000, 2000), await CountsAsync(app));
        Assert.Equal(500, await app.WithDbAsync(async (db, _) => await db.Designations.CountAsync(d => d.Status == DesignationStatus.Base)));
    }
}
