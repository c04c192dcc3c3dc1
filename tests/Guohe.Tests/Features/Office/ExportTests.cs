using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Partners;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// Every office list downloads as .xlsx with the filters in force and Chinese headers, read back and compared with the
/// database; the batch roster of approved units; only the office may download.
/// </summary>
public sealed class ExportTests
{
    /// <summary>A downloaded workbook's first sheet: the header row and the data rows as MiniExcel reads them.</summary>
    private sealed record Sheet(HttpResponseMessage Response, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
    {
        public IReadOnlyList<object?> Column(string header) => [.. Rows.Select(r => r[Headers.ToList().IndexOf(header)])];
    }

    private sealed record Seeded(Guid BatchId, string BatchName, Organisation Jiangsu, Organisation Beijing, Organisation Waiting,
        Designation JiangsuPilot, Designation BeijingPilot, Obligation Overdue, Obligation Filed, Fee Unpaid, Guid NewEnergyExpert);

    private static DateTime Now(GuoheApp app) => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task<PageClient> OfficeAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Office, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    /// <summary>
    /// One batch: two units granted the pilot title (Jiangsu park, national; Beijing university, provincial), one submitted
    /// and waiting; an overdue plan and a filed summary of the Jiangsu pilot; two fees; two institutions; two experts.
    /// </summary>
    private static async Task<Seeded> SeedAsync(GuoheApp app)
    {
        var now = Now(app);
        var jiangsu = new World(now, 101, World.CompleteProfile() with { Province = "江苏省", UnitType = UnitType.Park, Level = UnitLevel.National });
        var beijing = new World(now, 102, World.CompleteProfile() with { Province = "北京市", UnitType = UnitType.University, Level = UnitLevel.Provincial }).UseBatch(jiangsu.Batch);
        var waiting = new World(now, 103).UseBatch(jiangsu.Batch);
        var (jiangsuApplication, jiangsuDecision, jiangsuPilot) = An.Application(jiangsu).Granted();
        var (beijingApplication, beijingDecision, beijingPilot) = An.Application(beijing).Granted();
        var submitted = An.Application(waiting).Submitted();
        var today = ChinaTime.DateOf(now);
        var overdue = Obligation.Create(People.Office, now, jiangsuPilot, new ObligationDue(ObligationKind.AnnualPlan, today.Year, today.AddDays(-10), Article.Art12_1));
        var filed = Obligation.Create(People.Office, now, jiangsuPilot, new ObligationDue(ObligationKind.AnnualSummary, today.Year, today.AddDays(20), Article.Art12_3));
        filed.File(People.Applicant, now, World.Form());
        var paid = Fee.Charge(People.Office, now, jiangsu.Organisation.Id, jiangsu.Organisation.Name, new FeeDetails(FeeKind.Survey, 3000.50m, today, "FP-001", "实地调研"));
        paid.MarkPaid(People.Office, now, today);
        var unpaid = Fee.Charge(People.Office, now, beijing.Organisation.Id, beijing.Organisation.Name, new FeeDetails(FeeKind.ExpertReview, 1200m, today.AddDays(-3), "FP-002", "专家评审"));
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(jiangsu.Batch);
            db.Organisations.AddRange(jiangsu.Organisation, beijing.Organisation, waiting.Organisation);
            db.Applications.AddRange(jiangsuApplication, beijingApplication, submitted);
            db.SiteVisits.AddRange(jiangsu.VisitOf(jiangsuApplication.Id), beijing.VisitOf(beijingApplication.Id));
            db.Decisions.AddRange(jiangsuDecision, beijingDecision);
            db.Designations.AddRange(jiangsuPilot, beijingPilot);
            db.Obligations.AddRange(overdue, filed);
            db.Fees.AddRange(paid, unpaid);
            db.Institutions.AddRange(Institution.Create(People.Office, now, "DE", "Fraunhofer-Gesellschaft"), Institution.Create(People.Office, now, "SG", "A*STAR"));
            await db.SaveChangesAsync();
        });
        await app.ExpertInPoolAsync(KeyFields.ElectronicInformation, "清华大学");
        var newEnergy = await app.ExpertInPoolAsync(KeyFields.NewEnergy | KeyFields.NewMaterials, "浙江大学");
        return new Seeded(jiangsu.Batch.Id, jiangsu.Batch.Name, jiangsu.Organisation, beijing.Organisation, waiting.Organisation,
            jiangsuPilot, beijingPilot, overdue, filed, unpaid, newEnergy.Id);
    }

    private static async Task<Sheet> ExportAsync(PageClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => (IReadOnlyList<object?>)[.. r.Values]).ToList();
        return new Sheet(response, [.. rows[0].Select(h => (string)h!)], rows.Skip(1).ToList());
    }

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    /// <summary>A UTC instant as Beijing time to the minute, as the export writes it.</summary>
    private static DateTime Beijing(DateTime utc) => Minute(utc.Add(ChinaTime.Offset));

    private static DateTime Minute(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, DateTimeKind.Unspecified);

    private static string Today(GuoheApp app) => ChinaTime.Iso(ChinaTime.DateOf(Now(app)));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Applications_designations_and_obligations_export_the_filtered_rows_with_chinese_headers(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var office = await OfficeAsync(app);

        var list = await office.GetAsync("/Office/Applications?status=Approved&search=101");
        var link = list.Html.QuerySelector("a#export")!.GetAttribute("href")!;
        Assert.Equal("/Office/Applications?handler=Export&status=Approved&search=101", link);
        var approved = await ExportAsync(office, link);
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync(a => a.OrganisationId == seeded.Jiangsu.Id));
        Assert.Equal(["编号", "单位名称", "申报批次", "状态", "申报途径", "提交时间（北京时间）", "纸质材料收到日期"], approved.Headers);
        Assert.Equal([[application.Number, application.OrganisationName, seeded.BatchName, "已批准", "自行申请", Beijing(application.SubmittedAtUtc!.Value), null]], approved.Rows);
        Assert.Equal($"申请列表-{Today(app)}.xlsx", approved.Response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("attachment", approved.Response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(2, (await ExportAsync(office, "/Office/Applications?handler=Export&status=Approved")).Rows.Count);
        var queue = await ExportAsync(office, "/Office/Applications?handler=Export"); // the page's default queue: submitted
        Assert.Equal([seeded.Waiting.Name], queue.Column("单位名称"));

        var designations = await ExportAsync(office, "/Office/Designations?handler=Export&sort=name");
        Assert.Equal(["单位名称", "省份", "单位性质", "级别", "阶段", "认定日期", "年度", "下一项待提交材料", "截止日期", "逾期项数", "最近考核"], designations.Headers);
        var stored = await app.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().OrderBy(d => d.OrganisationName).ToListAsync());
        Assert.Equal(stored.Select(d => d.OrganisationName), designations.Column("单位名称"));
        Assert.Equal(stored.Select(d => (object?)Day(d.RecognitionDate)), designations.Column("认定日期"));
        var jiangsuRow = designations.Rows.Single(r => (string?)r[0] == seeded.Jiangsu.Name);
        Assert.Equal([seeded.Jiangsu.Name, "江苏省", "园区", "国家级", "试点单位", Day(seeded.JiangsuPilot.RecognitionDate), "第1年",
            $"{seeded.Overdue.Year} 年度工作计划", Day(seeded.Overdue.DueDate), 1d, null], jiangsuRow);
        var filtered = await ExportAsync(office, "/Office/Designations?handler=Export&province=%E5%8C%97%E4%BA%AC%E5%B8%82&level=Provincial");
        Assert.Equal([seeded.Beijing.Name], filtered.Column("单位名称"));
        Assert.Equal(["高校"], filtered.Column("单位性质"));
        Assert.Empty((await ExportAsync(office, "/Office/Designations?handler=Export&stage=Base")).Rows);

        var obligations = await ExportAsync(office, "/Office/Decisions?handler=Export");
        Assert.Equal(["单位名称", "年度", "材料", "截止日期", "状态", "逾期天数", "提交时间（北京时间）"], obligations.Headers);
        Assert.Equal([
            [seeded.Jiangsu.Name, (double)seeded.Overdue.Year, "年度工作计划", Day(seeded.Overdue.DueDate), "逾期未交", 10d, null],
            [seeded.Jiangsu.Name, (double)seeded.Filed.Year, "年度工作总结", Day(seeded.Filed.DueDate), "待审核", null, Beijing(seeded.Filed.FiledAtUtc!.Value)],
        ], obligations.Rows);
        Assert.NotNull((await office.GetAsync("/Office/Decisions")).Html.QuerySelector("a#export[href='/Office/Decisions?handler=Export']"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Institutions_experts_fees_and_organisations_export_the_filtered_rows(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var office = await OfficeAsync(app);

        var institutions = await ExportAsync(office, "/Office/Institutions?handler=Export&country=DE");
        Assert.Equal(["国别", "国别代码", "机构名称", "填报单位数"], institutions.Headers);
        Assert.Equal([["德国", "DE", "Fraunhofer-Gesellschaft", 0d]], institutions.Rows);
        Assert.Equal(2, (await ExportAsync(office, "/Office/Institutions?handler=Export")).Rows.Count);

        var experts = await ExportAsync(office, "/Office/Experts?handler=Export&field=NewEnergy");
        var expert = await app.WithDbAsync(async (db, _) => await db.Experts.AsNoTracking().ToListAsync()).ContinueWith(t => t.Result.Single(e => e.Details.UserId == seeded.NewEnergyExpert), TaskScheduler.Default);
        Assert.Equal(["姓名", "职称", "工作单位", "省份", "重点领域", "推荐协会", "登录账号", "本年任务", "未完成任务", "状态"], experts.Headers);
        Assert.Equal([[expert.Details.Name, null, "浙江大学", "北京市", "新能源、新材料", RecommendingAssociationsZh(expert), "已关联", 0d, 0d, "在库"]], experts.Rows);
        Assert.DoesNotContain(experts.Headers, h => h.Contains("身份证", StringComparison.Ordinal) || h.Contains("手机", StringComparison.Ordinal) || h.Contains("邮箱", StringComparison.Ordinal));
        Assert.Equal(2, (await ExportAsync(office, "/Office/Experts?handler=Export")).Rows.Count);

        var unpaid = await ExportAsync(office, "/Office/Fees?handler=Export&paid=unpaid");
        Assert.Equal(["收费日期", "单位", "费用类别", "金额（元）", "发票号", "缴费状态", "缴费日期"], unpaid.Headers);
        Assert.Equal([[Day(seeded.Unpaid.Details.ChargedOn), seeded.Beijing.Name, "专家评审费用", 1200d, "FP-002", "未缴", null]], unpaid.Rows);
        var fees = await ExportAsync(office, "/Office/Fees?handler=Export");
        var stored = await app.WithDbAsync(async (db, _) => await db.Fees.AsNoTracking().ToListAsync());
        Assert.Equal(stored.Select(f => (double)f.Details.Amount).Order(), fees.Column("金额（元）").Cast<double>().Order());
        Assert.Contains((object?)"已缴", fees.Column("缴费状态"));

        var organisations = await ExportAsync(office, "/Office/Organisations?handler=Export");
        var all = await app.WithDbAsync(async (db, _) => await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync());
        Assert.Equal(["单位名称", "统一社会信用代码", "联络人", "注册时间（UTC）"], organisations.Headers);
        Assert.Equal(all.Select(o => (IReadOnlyList<object?>)[o.Name, o.Uscc.Value, o.LiaisonName, Minute(o.RegisteredAtUtc)]), organisations.Rows);
        var byCode = await ExportAsync(office, $"/Office/Organisations?handler=Export&search={seeded.Beijing.Uscc.Value}");
        Assert.Equal([seeded.Beijing.Name], byCode.Column("单位名称"));
        var page = await office.GetAsync($"/Office/Organisations?search=102&p=1");
        Assert.Equal("/Office/Organisations?handler=Export&search=102", page.Html.QuerySelector("a#export")!.GetAttribute("href"));
        Assert.NotNull(page.Html.QuerySelector("a[href='/Office/Imports/Units']"));
    }

    private static string RecommendingAssociationsZh(Guohe.Domain.Reviews.Expert expert) => Guohe.Domain.Reviews.RecommendingAssociations.Zh(expert.Details.RecommendedBy);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Batch_roster_lists_the_units_granted_from_the_batch_without_personal_data(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var office = await OfficeAsync(app);

        var batches = await office.GetAsync("/Office/Batches");
        var link = batches.Html.QuerySelector("a.roster")!.GetAttribute("href")!;
        var roster = await ExportAsync(office, link);

        Assert.Equal($"/Office/Batches?handler=Roster&id={seeded.BatchId}", link);
        Assert.Equal(["序号", "单位名称", "省份", "单位类型", "认定日期"], roster.Headers);
        (Organisation Org, Designation Pilot, string Province, string Type)[] granted = [(seeded.Jiangsu, seeded.JiangsuPilot, "江苏省", "园区"), (seeded.Beijing, seeded.BeijingPilot, "北京市", "高校")];
        Assert.Equal(granted.Select((g, i) => (IReadOnlyList<object?>)[(double)(i + 1), g.Org.Name, g.Province, g.Type, Day(g.Pilot.RecognitionDate)]), roster.Rows);
        Assert.DoesNotContain(roster.Rows.SelectMany(r => r), v => v is string s && (s == seeded.Waiting.Name || s.Contains('@', StringComparison.Ordinal)));
        Assert.Equal($"{seeded.BatchName}试点单位名单-{Today(app)}.xlsx", roster.Response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync($"/Office/Batches?handler=Roster&id={Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Batch_roster_downloads_as_Word_titled_with_the_batch(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var office = await OfficeAsync(app);

        var batches = await office.GetAsync("/Office/Batches");
        var link = batches.Html.QuerySelector("a.roster-word")!.GetAttribute("href")!;
        Assert.Equal($"/Office/Batches?handler=RosterWord&id={seeded.BatchId}", link);
        using var response = await office.Http.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Guohe.Web.Documents.WordFile.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"国际科技合作孵化基地试点单位名单（{seeded.BatchName}）.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var docx = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(WordTables.ValidationErrors(docx));
        Assert.Equal($"国际科技合作孵化基地试点单位名单（{seeded.BatchName}）", WordTables.Paragraphs(docx)[0]);
        Assert.Equal(
        [
            ["序号", "单位名称", "省份", "单位类型", "认定日期"],
            ["1", seeded.Jiangsu.Name, "江苏省", "园区", ChinaTime.Zh(seeded.JiangsuPilot.RecognitionDate)],
            ["2", seeded.Beijing.Name, "北京市", "高校", ChinaTime.Zh(seeded.BeijingPilot.RecognitionDate)],
        ], WordTables.Read(docx).Single());
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync($"/Office/Batches?handler=RosterWord&id={Guid.NewGuid()}")).StatusCode);
    }

    public static TheoryData<string> ExportUrls => new(
        "/Office/Applications?handler=Export", "/Office/Designations?handler=Export", "/Office/Decisions?handler=Export",
        "/Office/Institutions?handler=Export", "/Office/Experts?handler=Export", "/Office/Fees?handler=Export",
        "/Office/Organisations?handler=Export", "/Office/Imports/Units?handler=Template");

    [Fact]
    public async Task Exports_are_refused_to_other_roles_and_to_visitors()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var seeded = await SeedAsync(app);
        var applicant = await app.CreateAsync(Role.Applicant);
        var association = await app.CreateAsync(Role.Association, twoFactor: true);
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);
        using var approver = app.Browse();
        await approver.SignInAsync(association.Email!, totpKey: await app.AuthenticatorKeyAsync(association.Id));
        using var visitor = app.Browse();

        foreach (var url in ExportUrls.Select(u => (string)u.Data).Append($"/Office/Batches?handler=Roster&id={seeded.BatchId}").Append($"/Office/Batches?handler=RosterWord&id={seeded.BatchId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await unit.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await approver.Http.GetAsync(url)).StatusCode);
            var anonymous = await visitor.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_headers_follow_the_english_interface()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        await SeedAsync(app);
        using var office = await OfficeAsync(app);
        await office.SubmitAsync(await office.GetAsync("/Office"), formSelector: "form[action='/Culture']");

        var fees = await ExportAsync(office, "/Office/Fees?handler=Export");

        Assert.Equal("Charged on", fees.Headers[0]);
        Assert.Contains((object?)"Unpaid", fees.Column(fees.Headers[5]));
    }
}
