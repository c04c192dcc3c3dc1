using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Partners;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Features.Office.Designations;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// The office's statistics (Art. 7(5)) against counts computed here, by LINQ over the objects the test made: a batch of five
/// units in four provinces (three granted, one waiting, one drafting), a pilot, a base and a disqualified pilot, plans and
/// summaries naming partners in five countries (one institution merged into another), filings on time, late, overdue and
/// not yet due, three site visits and three fees. The exports equal the page; the report validates; the country page lists
/// the right institutions and units; the administrator's Belt and Road mark is recorded and shows.
/// </summary>
public sealed class StatisticsTests
{
    private static readonly ApplicationStatus[] NotSubmitted = [ApplicationStatus.Draft, ApplicationStatus.AwaitingRecommendation, ApplicationStatus.Withdrawn];

    private static readonly DesignationStatus[] PilotStages = [DesignationStatus.Pilot, DesignationStatus.AcceptanceReview, DesignationStatus.Extended];

    private sealed record Seeded(
        List<Application> Applications, List<Organisation> Organisations, List<Designation> Designations, List<Obligation> Obligations,
        List<SiteVisit> Visits, List<Fee> Fees, List<Institution> Institutions, Designation Pilot, Batch Batch);

    private static DateTime Now(GuoheApp app) => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task<PageClient> SignInAsync(GuoheApp app, Role role)
    {
        var user = await app.CreateAsync(role, twoFactor: Roles.StaffRoles.Contains(role));
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: Roles.StaffRoles.Contains(role) ? await app.AuthenticatorKeyAsync(user.Id) : null);
        return client;
    }

    private static async Task<Seeded> SeedAsync(GuoheApp app)
    {
        var now = Now(app);
        var today = ChinaTime.DateOf(now);
        var jiangsu = new World(now, 201, World.CompleteProfile() with
        {
            Province = "江苏省", UnitType = UnitType.Park, Level = UnitLevel.National, KeyFields = KeyFields.NewEnergy | KeyFields.NewMaterials,
        });
        var beijing = new World(now, 202, World.CompleteProfile() with
        {
            Province = "北京市", UnitType = UnitType.University, Level = UnitLevel.Provincial, KeyFields = KeyFields.ElectronicInformation,
        }).UseBatch(jiangsu.Batch);
        var fujian = new World(now, 203).UseBatch(jiangsu.Batch);
        var zhejiang = new World(now, 204, World.CompleteProfile() with
        {
            Province = "浙江省", UnitType = UnitType.Enterprise, Level = UnitLevel.Provincial,
            KeyFields = KeyFieldNames.All.Aggregate(KeyFields.None, (all, f) => all | f.Field), // every field of Art. 15, so each is counted
        }).UseBatch(jiangsu.Batch);
        var drafting = new World(now, 205).UseBatch(jiangsu.Batch);
        var (ja, jd, pilot) = An.Application(jiangsu).Granted();
        var (ba, bd, beijingPilot) = An.Application(beijing).Granted();
        var (fa, fd, fujianPilot) = An.Application(fujian).Granted();
        var waiting = An.Application(zhejiang).Submitted();
        var draft = An.Application(drafting).Draft();

        var fraunhofer = Institution.Create(People.Applicant, now, "DE", "Fraunhofer-Gesellschaft");
        var duplicate = Institution.Create(People.Applicant, now, "DE", "Fraunhofer Gesellschaft e.V.");
        var astar = Institution.Create(People.Applicant, now, "SG", "A*STAR");
        var farabi = Institution.Create(People.Applicant, now, "KZ", "Al-Farabi Kazakh National University");
        duplicate.MergeInto(People.Office, now, fraunhofer);

        ObligationForm Form(IReadOnlyList<PartnerRow> partners, params ConstructionContent[] items) => World.Form() with
        {
            Partners = partners,
            Items = [.. items.Select((c, i) => new WorkItem($"事项{i}", c, KeyFields.NewEnergy))],
        };
        Obligation Due(Designation designation, ObligationKind kind, int year, int dueInDays) =>
            Obligation.Create(People.Office, now, designation, new ObligationDue(kind, year, today.AddDays(dueInDays), Article.Art12_1));

        var plan = Due(pilot, ObligationKind.AnnualPlan, today.Year, 5); // filed on time
        plan.File(People.Applicant, now, Form([new("DE", "Fraunhofer-Gesellschaft", "联合孵化"), new("SG", "A*STAR", "人才交流"), new("FI", "Aalto University", "创业营")],
            ConstructionContent.TalentTraining, ConstructionContent.BeltAndRoad));
        plan.LinkInstitutions([fraunhofer.Id, astar.Id, null]);
        var summary = Due(pilot, ObligationKind.AnnualSummary, today.Year, -10); // filed late
        summary.File(People.Applicant, now, Form([new("DE", "Fraunhofer Gesellschaft e.V.", "联合孵化项目"), new("IL", "Technion", "技术转移"), new("KZ", "Al-Farabi Kazakh National University", "联合实验室")],
            ConstructionContent.ResourceNetwork));
        summary.LinkInstitutions([duplicate.Id, null, farabi.Id]);
        var overdue = Due(pilot, ObligationKind.AnnualPlan, today.Year - 1, -30);
        var pending = Due(fujianPilot, ObligationKind.AnnualSummary, today.Year, 20);
        var draftOnly = Due(fujianPilot, ObligationKind.AnnualPlan, today.Year, 3);
        draftOnly.SaveDraft(People.Applicant, now, Form([new("JP", "University of Tokyo", "不计入：草稿")], ConstructionContent.BrandEvents));
        var beijingPlan = Due(beijingPilot, ObligationKind.AnnualPlan, today.Year, 5);
        beijingPlan.File(People.Applicant, now, Form([new("DE", "Fraunhofer-Gesellschaft", "联合研发"), new("KZ", "Al-Farabi Kazakh National University", "人才培养")],
            ConstructionContent.Platforms, ConstructionContent.Customised));
        beijingPlan.LinkInstitutions([fraunhofer.Id, farabi.Id]);

        // The Beijing pilot is accepted as a base after its term (the builder files its construction summary), the Fujian pilot disqualified.
        var builder = A.Designation(fujian);
        builder.Decide(fujianPilot, DecisionKind.DisqualifyPilot, "未提交年度总结。");
        var beijingBuilder = A.Designation(beijing);
        beijingBuilder.EnterAcceptance(beijingPilot);
        var construction = beijingBuilder.Obligations.Single();
        construction.LinkInstitutions([fraunhofer.Id]);
        beijingBuilder.Decide(beijingPilot, DecisionKind.GrantBase, "达到国合孵化基地要求。");

        var fees = new List<Fee>
        {
            Fee.Charge(People.Office, now, jiangsu.Organisation.Id, jiangsu.Organisation.Name, new FeeDetails(FeeKind.Survey, 3000.50m, today, "FP-1", "实地调研")),
            Fee.Charge(People.Office, now, beijing.Organisation.Id, beijing.Organisation.Name, new FeeDetails(FeeKind.ExpertReview, 1200m, today, "FP-2", "专家评审")),
            Fee.Charge(People.Office, now, fujian.Organisation.Id, fujian.Organisation.Name, new FeeDetails(FeeKind.TechnologyService, 500m, new DateOnly(today.Year - 1, 6, 1), "FP-0", "科技服务")),
        };
        fees[0].MarkPaid(People.Office, now, today);
        fees[2].MarkPaid(People.Office, now, today);

        var seeded = new Seeded(
            [ja, ba, fa, waiting, draft],
            [jiangsu.Organisation, beijing.Organisation, fujian.Organisation, zhejiang.Organisation, drafting.Organisation],
            [pilot, beijingPilot, fujianPilot],
            [plan, summary, overdue, pending, draftOnly, beijingPlan, construction],
            [jiangsu.VisitOf(ja.Id), beijing.VisitOf(ba.Id), fujian.VisitOf(fa.Id)],
            fees,
            [fraunhofer, duplicate, astar, farabi],
            pilot,
            jiangsu.Batch);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(seeded.Batch);
            db.Organisations.AddRange(seeded.Organisations);
            db.Applications.AddRange(seeded.Applications);
            db.SiteVisits.AddRange(seeded.Visits);
            db.Decisions.AddRange(jd, bd, fd);
            db.Designations.AddRange(seeded.Designations);
            db.Institutions.AddRange(seeded.Institutions);
            db.Obligations.AddRange(seeded.Obligations);
            db.Fees.AddRange(seeded.Fees);
            await db.SaveChangesAsync();
        });
        return seeded;
    }

    /// <summary>A page's statistics table: each body row's label and numbers.</summary>
    private static Dictionary<string, decimal[]> Table(Page page, string id) =>
        page.Html.QuerySelectorAll($"#{id} tbody tr").ToDictionary(
            r => Label(r.Children[0]),
            r => r.Children.Skip(1).Select(c => Number(c.TextContent)).ToArray());

    private static string Label(IElement cell) => (cell.QuerySelector("a") ?? cell).TextContent.Trim();

    private static decimal Number(string text) => decimal.Parse(text.Trim().Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    /// <summary>Rows with any figure, as "label: n n n" lines sorted, so two tables compare whatever their order.</summary>
    private static List<string> Lines(IEnumerable<KeyValuePair<string, decimal[]>> rows) =>
        [.. rows.Where(r => r.Value.Any(v => v != 0))
            .Select(r => $"{r.Key}: {string.Join(' ', r.Value.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))}")
            .Order(StringComparer.Ordinal)];

    private static Dictionary<string, decimal[]> Expect<T>(IEnumerable<T> items, Func<T, string> label, params Func<IEnumerable<T>, decimal>[] columns) =>
        items.GroupBy(label).ToDictionary(g => g.Key, g => columns.Select(c => c(g)).ToArray());

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_statistics_table_equals_the_counts_of_the_data(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        var today = ChinaTime.DateOf(Now(app));
        using var office = await SignInAsync(app, Role.Office);

        var page = await office.GetAsync("/Office/Statistics");
        Assert.Equal(HttpStatusCode.OK, page.Status);

        var applications = seeded.Applications;
        var submitted = applications.Where(a => !NotSubmitted.Contains(a.Status)).ToList();
        Assert.Equal(Lines(Expect(applications, a => ApplicationLifecycle.Table.StateZh(a.Status), g => g.Count())), Lines(Table(page, "applications")));
        Assert.Equal(Lines(Expect(seeded.Designations, d => DesignationLifecycle.Table.StateZh(d.Status), g => g.Count())), Lines(Table(page, "designations")));
        Assert.Equal(Lines(Expect(applications, _ => seeded.Batch.Name, g => g.Count(), g => g.Count(a => !NotSubmitted.Contains(a.Status)), g => g.Count(a => a.Status == ApplicationStatus.Approved))),
            Lines(Table(page, "batches")));

        // Profile dimensions: submitted applications by their Form 1, pilot units and bases of today by their organisation.
        var units = seeded.Designations.Where(d => !d.IsEnded).Select(d => (d.Status, Profile: seeded.Organisations.Single(o => o.Id == d.OrganisationId).Profile)).ToList();
        IEnumerable<(string Label, int Column)> Counted(Func<UnitProfile, IEnumerable<string>> labels) =>
            submitted.SelectMany(a => labels(a.Profile).Select(l => (l, 0)))
                .Concat(units.SelectMany(u => labels(u.Profile).Select(l => (l, u.Status == DesignationStatus.Base ? 2 : 1))));
        Dictionary<string, decimal[]> Dimension(Func<UnitProfile, IEnumerable<string>> labels) =>
            Counted(labels).GroupBy(x => x.Label).ToDictionary(g => g.Key, g => new decimal[] { g.Count(x => x.Column == 0), g.Count(x => x.Column == 1), g.Count(x => x.Column == 2) });
        Assert.Equal(Lines(Dimension(p => [p.Province])), Lines(Table(page, "provinces")));
        Assert.Equal(Lines(Dimension(p => [DesignationText.Types[p.UnitType!.Value]])), Lines(Table(page, "types")));
        Assert.Equal(Lines(Dimension(p => [DesignationText.Levels[p.Level!.Value]])), Lines(Table(page, "levels")));
        Assert.Equal(Lines(Dimension(p => KeyFieldNames.Of(p.KeyFields).Select(f => f.Zh))), Lines(Table(page, "fields")));

        // Forms 2–4: only filed ones; plans are wanted, summaries actual; merged institutions count as one.
        var filed = seeded.Obligations.Where(o => o.Status != ObligationStatus.Open).ToList();
        Assert.Equal(Lines(Expect(filed.SelectMany(o => o.Items.Select(i => (o.Kind, i.Category))), x => ConstructionContentNames.Zh(x.Category),
                g => g.Count(x => x.Kind == ObligationKind.AnnualPlan), g => g.Count(x => x.Kind != ObligationKind.AnnualPlan))),
            Lines(Table(page, "content")));
        Guid? Root(Guid? id) => id is { } i && seeded.Institutions.Single(x => x.Id == i).MergedIntoId is { } next ? Root(next) : id;
        var namings = filed.SelectMany(o => o.Partners.Select(p => (p.CountryCode, Wanted: o.Kind == ObligationKind.AnnualPlan, o.OrganisationId,
            Institution: Root(p.InstitutionId)?.ToString() ?? p.Institution.ToUpperInvariant()))).ToList();
        var countries = Expect(namings, n => Countries.Name(n.CountryCode),
            g => g.Where(n => n.Wanted).Select(n => n.Institution).Distinct().Count(), g => g.Where(n => n.Wanted).Select(n => n.OrganisationId).Distinct().Count(),
            g => g.Where(n => !n.Wanted).Select(n => n.Institution).Distinct().Count(), g => g.Where(n => !n.Wanted).Select(n => n.OrganisationId).Distinct().Count());
        Assert.Equal(Lines(countries), Lines(Table(page, "countries")));
        Assert.Equal([1, 2, 1, 2], countries["德国"]); // Fraunhofer under two spellings, merged; wanted and worked with by two units
        Assert.DoesNotContain("日本", Table(page, "countries").Keys); // named only in a draft

        Assert.Equal(Lines(Expect(seeded.Obligations, o => o.Year.ToString(CultureInfo.InvariantCulture),
                g => g.Count(), g => g.Count(o => o.Status != ObligationStatus.Open && !o.FiledLate), g => g.Count(o => o.Status != ObligationStatus.Open && o.FiledLate),
                g => g.Count(o => o.IsOverdue(today)), g => g.Count(o => o.Status == ObligationStatus.Open && !o.IsOverdue(today)))),
            Lines(Table(page, "obligations")));
        Assert.Contains(Table(page, "obligations").Values, v => v[2] == 1 && v[3] == 0); // this year: the late summary
        Assert.Equal(Lines(Expect(seeded.Visits.SelectMany(v => v.Team.Select(t => (t.Name, v.Date.Year, v.Purpose))), x => x.Name,
                g => g.First().Year, g => g.Count(x => x.Purpose == SiteVisitPurpose.ApplicationReview), g => g.Count(x => x.Purpose == SiteVisitPurpose.AcceptanceEvaluation), g => g.Count())),
            Lines(Table(page, "experts")));
        Assert.Equal(Lines(Expect(seeded.Fees, f => f.Details.ChargedOn.Year.ToString(CultureInfo.InvariantCulture),
                g => g.Count(), g => g.Sum(f => f.Details.Amount), g => g.Where(f => f.IsPaid).Sum(f => f.Details.Amount), g => g.Where(f => !f.IsPaid).Sum(f => f.Details.Amount))),
            Lines(Table(page, "fees")));
        var trendYears = seeded.Designations.Select(d => d.RecognitionDate.Year)
            .Concat(seeded.Designations.Where(d => d.BaseGrantedOn is not null).Select(d => d.BaseGrantedOn!.Value.Year))
            .Concat(seeded.Designations.Where(d => d.EndedOn is not null).Select(d => d.EndedOn!.Value.Year)).Distinct();
        Assert.Equal(Lines(trendYears.ToDictionary(y => y.ToString(CultureInfo.InvariantCulture), y => new decimal[]
            {
                seeded.Designations.Count(d => d.RecognitionDate.Year == y), seeded.Designations.Count(d => d.BaseGrantedOn?.Year == y), seeded.Designations.Count(d => d.EndedOn?.Year == y),
            })),
            Lines(Table(page, "trend")));

        Assert.Equal(units.Count(u => u.Status != DesignationStatus.Base), Number(page.Html.QuerySelector("#figure-pilots")!.TextContent));
        Assert.Equal(units.Count(u => u.Status == DesignationStatus.Base), Number(page.Html.QuerySelector("#figure-bases")!.TextContent));
        Assert.Equal(namings.Where(n => !n.Wanted).Select(n => n.CountryCode).Distinct().Count(), Number(page.Html.QuerySelector("#figure-countries")!.TextContent));

        // A year with nothing in it: the applications of the batch are gone, today's units stay.
        var empty = await office.GetAsync($"/Office/Statistics?from={today.Year - 3}&to={today.Year - 3}");
        Assert.Empty(Lines(Table(empty, "batches")));
        Assert.Equal(Lines(Table(page, "designations")), Lines(Table(empty, "designations")));
        Assert.Equal(Lines(Expect(seeded.Fees.Where(f => f.Details.ChargedOn.Year == today.Year - 1), f => f.Details.ChargedOn.Year.ToString(CultureInfo.InvariantCulture),
                g => g.Count(), g => g.Sum(f => f.Details.Amount), g => g.Where(f => f.IsPaid).Sum(f => f.Details.Amount), g => g.Where(f => !f.IsPaid).Sum(f => f.Details.Amount))),
            Lines(Table(await office.GetAsync($"/Office/Statistics?from={today.Year - 1}&to={today.Year - 1}"), "fees")));

        // Every table's spreadsheet holds the page's rows, cell for cell.
        foreach (var table in page.Html.QuerySelectorAll("section[id^='section-']").Select(s => s.Id!["section-".Length..]))
        {
            var link = page.Html.QuerySelector($"#export-{table}")!.GetAttribute("href")!;
            var response = await office.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
            using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            var sheet = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();
            var headers = sheet[0].Select(h => h?.ToString()).ToList();
            var pageHeaders = page.Html.QuerySelectorAll($"#{table} thead th").Select(h => h.TextContent.Trim()).ToList();
            var pageRows = page.Html.QuerySelectorAll($"#{table} tbody tr").Select(r => r.Children.Select((c, i) => i == 0 ? Label(c) : c.TextContent.Trim()).ToList()).ToList();
            Assert.Equal(pageRows.Count, sheet.Count - 1);
            for (var r = 0; r < pageRows.Count; r++)
            {
                Assert.Equal(pageRows[r][0], sheet[r + 1][0]?.ToString());
                for (var c = 1; c < pageHeaders.Count; c++)
                {
                    var cell = sheet[r + 1][headers.IndexOf(pageHeaders[c])];
                    Assert.Equal(Number(pageRows[r][c]), Convert.ToDecimal(cell, CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Clicking_a_country_lists_its_institutions_and_the_units_working_with_them(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var office = await SignInAsync(app, Role.Office);
        var jiangsu = seeded.Organisations[0].Name;
        var beijing = seeded.Organisations[1].Name;

        var page = await office.GetAsync("/Office/Statistics");
        var world = page.Html.QuerySelector("[data-map='world']")!.GetAttribute("data-chart")!;
        Assert.Contains("\"name\":\"德国\",\"code\":\"DE\"", world, StringComparison.Ordinal);
        Assert.Contains("/Office/Statistics/Country?code=KZ", world, StringComparison.Ordinal);
        var link = page.Html.QuerySelectorAll("#countries tbody a").Single(a => a.TextContent.Trim() == "德国").GetAttribute("href")!;
        var germany = await office.GetAsync(link);
        Assert.Equal(
            new[] { $"Fraunhofer-Gesellschaft {jiangsu} 是 是", $"Fraunhofer-Gesellschaft {beijing} 是 是" }.Order(StringComparer.Ordinal),
            germany.Html.QuerySelectorAll("#institutions tbody tr").Select(r => string.Join(" ", r.Children.Take(4).Select(c => c.TextContent.Trim()))).Order(StringComparer.Ordinal));
        var kazakhstan = await office.GetAsync("/Office/Statistics/Country?code=kz");
        Assert.Equal(
            new[] { $"Al-Farabi Kazakh National University {beijing} 是 否", $"Al-Farabi Kazakh National University {jiangsu} 否 是" }.Order(StringComparer.Ordinal),
            kazakhstan.Html.QuerySelectorAll("#institutions tbody tr").Select(r => string.Join(" ", r.Children.Take(4).Select(c => c.TextContent.Trim()))).Order(StringComparer.Ordinal));
        Assert.Contains("所选年度没有数据", (await office.GetAsync("/Office/Statistics/Country?code=JP")).Body); // only in a draft
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync("/Office/Statistics/Country?code=XX")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Admin_marks_a_belt_and_road_country_the_change_is_recorded_and_the_statistics_mark_it(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: new() { ["Statistics:CacheSeconds"] = "0" });
        await SeedAsync(app);
        using var admin = await SignInAsync(app, Role.Admin);

        var form = await admin.GetAsync("/Admin/Countries");
        var missing = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = "" }, "#belt-and-road");
        Assert.Contains("请选择国别", missing.Errors);
        var marked = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Code"] = "KZ", ["Mark"] = "true", ["Note"] = "2013年签署合作文件" }, "#belt-and-road");
        Assert.Contains("已将哈萨克斯坦标记为共建“一带一路”国家", marked.Body);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await admin.SubmitAsync(marked, new Dictionary<string, string> { ["Code"] = "DE", ["Mark"] = "true" }, "#belt-and-road");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var unmarked = await admin.SubmitAsync(marked, new Dictionary<string, string> { ["Code"] = "DE", ["Mark"] = "false", ["Note"] = "录入错误" }, "#belt-and-road");
        Assert.Contains("已取消德国的共建“一带一路”国家标记", unmarked.Body);
        var again = await admin.SubmitAsync(unmarked, new Dictionary<string, string> { ["Code"] = "DE", ["Mark"] = "false" }, "#belt-and-road");
        Assert.Contains("德国已经是这个状态，未作修改", again.Body);

        Assert.Equal(["哈萨克斯坦 KZ"], again.Html.QuerySelectorAll("#marked tbody tr").Select(r => string.Join(" ", r.Children.Take(2).Select(c => c.TextContent.Trim()))));
        var records = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().Where(r => r.AggregateType == "PartnerCountry").OrderBy(r => r.AtUtc).ThenBy(r => r.Sequence).ToListAsync());
        Assert.Equal(["MarkBeltAndRoad KZ 2013年签署合作文件", "MarkBeltAndRoad DE", "UnmarkBeltAndRoad DE 录入错误"], records.Select(r => $"{r.Trigger} {r.Opinion}"));
        Assert.All(records, r => Assert.Equal(Role.Admin, r.Role));
        var history = again.Html.QuerySelectorAll("#history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, history.Count);
        Assert.Contains("取消共建“一带一路”国家标记", history[0]);
        Assert.Contains(records[0].ActorName, history[0]);

        using var office = await SignInAsync(app, Role.Office);
        var statistics = await office.GetAsync("/Office/Statistics");
        Assert.Equal(["哈萨克斯坦"], statistics.Html.QuerySelectorAll("#countries tbody tr").Where(r => r.TextContent.Contains('★', StringComparison.Ordinal)).Select(r => Label(r.Children[0])));
        Assert.Equal(1, Number(statistics.Html.QuerySelector("#figure-belt-and-road")!.TextContent)); // worked with (actual), marked
        Assert.NotNull((await office.GetAsync("/Office/Statistics/Country?code=KZ")).Html.QuerySelector("#belt-and-road"));
        Assert.Equal(HttpStatusCode.Forbidden, (await office.Http.GetAsync("/Admin/Countries")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_periodic_report_is_a_valid_word_file_with_the_figures_tables_and_charts(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        var year = ChinaTime.DateOf(Now(app)).Year;
        using var office = await SignInAsync(app, Role.Office);

        var form = await office.GetAsync($"/Office/Statistics/Report?from={year}&to={year}");
        Assert.Equal("Download", form.Html.QuerySelector("#report input[name='handler']")!.GetAttribute("value"));
        var response = await office.Http.GetAsync($"/Office/Statistics/Report?handler=Download&from={year}&to={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"统计报告-{year}年.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var docx = await response.Content.ReadAsByteArrayAsync();

        Assert.Empty(WordTables.ValidationErrors(docx));
        var paragraphs = WordTables.Paragraphs(docx);
        Assert.Contains($"统计期间：{year}年", paragraphs);
        Assert.Contains(paragraphs, p => p.EndsWith("、按省份", StringComparison.Ordinal));
        var tables = WordTables.Read(docx);
        Assert.Equal(seeded.Designations.Count(d => d.Status == DesignationStatus.Base).ToString(CultureInfo.InvariantCulture), WordTables.ValueOf(docx, "现有基地"));
        var provinces = tables.Single(t => t[0][0] == "省份");
        Assert.Equal(["省份", "申请数", "现有试点单位", "现有基地"], provinces[0]);
        Assert.Contains(["江苏省", "1", "1", "0"], provinces);
        var fees = tables.Single(t => t[0][0] == "年度" && t[0].Contains("应收金额（元）"));
        Assert.Contains([year.ToString(CultureInfo.InvariantCulture), "2", "4,200.50", "3,000.50", "1,200.00"], fees);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var charts = document.MainDocumentPart!.ChartParts.ToList();
        Assert.True(charts.Count >= 5, $"{charts.Count} charts");
        Assert.Contains(charts, c => c.ChartSpace!.InnerText.Contains("江苏省", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Statistics_are_cached_until_a_decision_is_confirmed_and_only_the_office_sees_them(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await SeedAsync(app);
        using var office = await SignInAsync(app, Role.Office);
        var year = ChinaTime.DateOf(Now(app)).Year.ToString(CultureInfo.InvariantCulture);
        var before = await office.GetAsync("/Office/Statistics");
        var pilots = Table(before, "designations")["试点单位"][0];

        var decision = Decision.Propose(People.Office, Now(app), DecisionKind.DisqualifyPilot, seeded.Pilot, "未按时提交年度工作计划。");
        await app.WithDbAsync(async (db, _) =>
        {
            db.Decisions.Add(decision);
            db.Fees.Add(Fee.Charge(People.Office, Now(app), seeded.Pilot.OrganisationId, "单位", new FeeDetails(FeeKind.Other, 100m, ChinaTime.DateOf(Now(app)), "FP-9", "其他")));
            await db.SaveChangesAsync();
        });
        Assert.Equal(Table(before, "fees")[year], Table(await office.GetAsync("/Office/Statistics"), "fees")[year]); // counted a moment ago: kept

        using var association = await SignInAsync(app, Role.Association);
        var decide = await association.GetAsync($"/Association/Decide/{decision.Id}");
        var confirmed = await association.PostAsync($"/Association/Decide/{decision.Id}?handler=Confirm",
            [new("__RequestVerificationToken", decide.InputValue("__RequestVerificationToken")!), new("Version", decide.InputValue("Version")!), new("Opinion", "同意。")]);
        Assert.Contains("已确认，决定生效", confirmed.Body);

        var after = await office.GetAsync("/Office/Statistics");
        Assert.Equal(pilots - 1, Table(after, "designations")["试点单位"][0]);
        Assert.Equal(Table(before, "fees")[year][0] + 1, Table(after, "fees")[year][0]);

        using var applicant = await SignInAsync(app, Role.Applicant);
        using var auditor = await SignInAsync(app, Role.Auditor);
        foreach (var client in new[] { association, applicant, auditor })
        {
            foreach (var url in new[] { "/Office/Statistics", "/Office/Statistics?handler=Export&table=countries", "/Office/Statistics/Report?handler=Download", "/Office/Statistics/Country?code=DE" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(url)).StatusCode);
            }
        }
    }
}
