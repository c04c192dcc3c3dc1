using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.Partners;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

/// <summary>Fees charged to units (Art. 18), the partner institution directory and the partner reconciliation (Art. 9(2)–(3)).</summary>
public sealed class FeesAndInstitutionsTests
{
    private static async Task<PageClient> OfficeAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Office, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_charges_corrects_and_records_payment_of_a_fee_and_sees_the_totals(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        await app.SubmittedAsync(applicant);
        var organisationId = applicant.OrganisationId!.Value;
        using var office = await OfficeAsync(app);
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime);

        var edit = await office.GetAsync("/Office/Fees/Edit");
        Assert.NotNull(edit.Html.QuerySelector($"select[name='Input.OrganisationId'] option[value='{organisationId}']"));
        var values = new Dictionary<string, string>
        {
            ["Input.OrganisationId"] = organisationId.ToString(), ["Input.Kind"] = nameof(FeeKind.Survey), ["Input.Amount"] = "3000.505",
            ["Input.ChargedOn"] = ChinaTime.Iso(today), ["Input.InvoiceNumber"] = "FP-001", ["Input.Description"] = "实地调研费用",
        };
        var refused = await office.SubmitAsync(edit, values, "#fee");
        Assert.Contains("金额应大于0，最多两位小数。", refused.Errors);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Fees.CountAsync()));

        values["Input.Amount"] = "3000.50";
        var charged = await office.SubmitAsync(refused, values, "#fee");
        Assert.Contains("费用已登记", charged.Body);
        var fee = await app.WithDbAsync(async (db, _) => await db.Fees.AsNoTracking().SingleAsync());
        Assert.Equal((organisationId, FeeKind.Survey, 3000.50m, "FP-001"), (fee.OrganisationId, fee.Details.Kind, fee.Details.Amount, fee.Details.InvoiceNumber));
        Assert.Equal($"/Office/Fees/Edit/{fee.Id}", charged.Path);
        var notices = await app.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().Where(n => n.UserId == applicant.Id).Select(n => n.TextZh).ToListAsync());
        Assert.Contains(notices, n => n.Contains("调研费用：3,000.50元", StringComparison.Ordinal));

        var noReason = await office.SubmitAsync(charged, new Dictionary<string, string> { ["Input.Amount"] = "3200", ["Input.Reason"] = "" }, "#fee");
        Assert.Contains("请填写更正理由。", noReason.Errors);
        var corrected = await office.SubmitAsync(charged, new Dictionary<string, string> { ["Input.Amount"] = "3200", ["Input.Reason"] = "按合同金额更正" }, "#fee");
        Assert.Contains("费用已更正", corrected.Body);
        Assert.Contains("更正费用", corrected.Html.QuerySelector("main")!.TextContent);
        Assert.Equal(3200m, (await app.WithDbAsync(async (db, _) => await db.Fees.AsNoTracking().SingleAsync())).Details.Amount);

        var early = await office.SubmitAsync(corrected, new Dictionary<string, string> { ["PaidOn"] = ChinaTime.Iso(today.AddDays(-1)) }, "#paid");
        Assert.Contains("缴费日期不能早于收费日期。", early.Errors);
        var paid = await office.SubmitAsync(corrected, new Dictionary<string, string> { ["PaidOn"] = ChinaTime.Iso(today) }, "#paid");
        Assert.Contains("已登记缴费", paid.Body);
        Assert.Equal(today, (await app.WithDbAsync(async (db, _) => await db.Fees.AsNoTracking().SingleAsync())).PaidOn);

        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.Fees.Add(Fee.Charge(People.Office, now, organisationId, "测试单位", new FeeDetails(FeeKind.ExpertReview, 1000m, today, "FP-002", "专家评审")));
            db.Fees.Add(Fee.Charge(People.Office, now, organisationId, "测试单位", new FeeDetails(FeeKind.TechnologyService, 500m, new DateOnly(today.Year - 1, 6, 1), "FP-000", "科技服务")));
            await db.SaveChangesAsync();
        });
        var list = await office.GetAsync("/Office/Fees");
        var totals = list.Html.QuerySelectorAll("#totals tbody tr").Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal([$"{today.Year} 3,200.00 1,000.00 0.00 0.00 4,200.00 3,200.00 1,000.00", $"{today.Year - 1} 0.00 0.00 500.00 0.00 500.00 0.00 500.00"], totals);
        Assert.Equal(3, list.Html.QuerySelectorAll("#fees tbody tr").Length);
        var unpaid = await office.GetAsync("/Office/Fees?paid=unpaid");
        Assert.Equal(2, unpaid.Html.QuerySelectorAll("#fees tbody tr").Length);
        var lastYear = await office.GetAsync($"/Office/Fees?year={today.Year - 1}&kind=TechnologyService");
        Assert.Contains("FP-000", Assert.Single(lastYear.Html.QuerySelectorAll("#fees tbody tr")).TextContent);
        Assert.Contains("没有符合条件的费用", (await office.GetAsync("/Office/Fees?search=不存在的单位")).Body);
    }

    /// <summary>
    /// A pilot whose plan wanted Fraunhofer (linked), A*STAR (linked) and Aalto (unlinked), and whose summary worked with
    /// Fraunhofer under another directory entry (a duplicate spelling), Aalto (unlinked) and Technion (unlinked).
    /// </summary>
    private static async Task<(Guid DesignationId, int Year, Guid Fraunhofer, Guid Duplicate)> PartnersAsync(GuoheApp app)
    {
        var world = new World(app.Clock.GetUtcNow().UtcDateTime);
        var designation = A.Designation(world).Pilot();
        var now = world.Now;
        var fraunhofer = Institution.Create(People.Applicant, now, "DE", "Fraunhofer-Gesellschaft");
        var duplicate = Institution.Create(People.Applicant, now, "DE", "Fraunhofer Gesellschaft e.V.");
        var astar = Institution.Create(People.Applicant, now, "SG", "A*STAR");
        var due = ObligationPlanner.Expected(designation, world.Today, ObligationRules.Default);
        var plan = Obligation.Create(People.Office, now, designation, due.Single(d => d.Kind == ObligationKind.AnnualPlan));
        plan.File(People.Applicant, now, World.Form() with
        {
            Partners = [new("DE", "Fraunhofer-Gesellschaft", "联合孵化"), new("SG", "A*STAR", "人才交流"), new("FI", "Aalto University", "创业营")],
        });
        plan.LinkInstitutions([fraunhofer.Id, astar.Id, null]);
        var summary = Obligation.Create(People.Office, now, designation, due.Single(d => d.Kind == ObligationKind.AnnualSummary));
        summary.File(People.Applicant, now, World.Form() with
        {
            Partners = [new("DE", "Fraunhofer Gesellschaft e.V.", "联合孵化项目3个"), new("FI", "aalto university", "创业营一期"), new("IL", "Technion", "技术转移")],
        });
        summary.LinkInstitutions([duplicate.Id, null, null]);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Organisations.Add(world.Organisation);
            db.Designations.Add(designation);
            db.Institutions.AddRange(fraunhofer, duplicate, astar);
            db.Obligations.AddRange(plan, summary);
            await db.SaveChangesAsync();
        });
        return (designation.Id, plan.Year, fraunhofer.Id, duplicate.Id);
    }

    private static string Rows(Page page, string table) =>
        string.Join(" | ", page.Html.QuerySelectorAll($"#{table} tbody tr").Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_merges_a_duplicate_institution_and_the_counts_and_reconciliation_follow(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (designationId, year, fraunhofer, duplicate) = await PartnersAsync(app);
        using var office = await OfficeAsync(app);

        var directory = await office.GetAsync("/Office/Institutions");
        Assert.Equal("德国 Fraunhofer Gesellschaft e.V. 1 | 德国 Fraunhofer-Gesellschaft 1 | 新加坡 A*STAR 1", Rows(directory, "institutions"));
        Assert.Equal("新加坡 A*STAR 1", Rows(await office.GetAsync("/Office/Institutions?country=SG"), "institutions"));
        Assert.Equal("德国 Fraunhofer Gesellschaft e.V. 1", Rows(await office.GetAsync("/Office/Institutions?search=gesellschaft%20ev"), "institutions")); // spacing and punctuation ignored

        var before = await office.GetAsync($"/Office/Partners/{designationId}?year={year}");
        Assert.Equal("芬兰 Aalto University（aalto university） 创业营 创业营一期", Rows(before, "matched"));
        Assert.Equal("德国 Fraunhofer-Gesellschaft 联合孵化 | 新加坡 A*STAR 人才交流", Rows(before, "wanted-only"));
        Assert.Equal("德国 Fraunhofer Gesellschaft e.V. 联合孵化项目3个 | 以色列 Technion 技术转移", Rows(before, "actual-only"));

        var detail = await office.GetAsync($"/Office/Institutions/Detail/{duplicate}");
        Assert.Contains("否 是", Rows(detail, "units")); // named in the summary only
        var unconfirmed = await office.SubmitAsync(detail, new Dictionary<string, string> { ["TargetId"] = fraunhofer.ToString() }, "#merge");
        Assert.Contains("请勾选确认后再合并。", unconfirmed.Errors);
        var merged = await office.SubmitAsync(detail, new Dictionary<string, string> { ["TargetId"] = fraunhofer.ToString(), ["Confirm"] = "true" }, "#merge");

        Assert.Equal($"/Office/Institutions/Detail/{fraunhofer}", merged.Path);
        Assert.Contains("已合并到本机构", merged.Body);
        Assert.Contains("FRAUNHOFERGESELLSCHAFTEV", merged.Html.QuerySelector("#aliases")!.TextContent);
        Assert.Contains($"{year} 是 是", Rows(merged, "units")); // wanted and worked with, now one entry
        Assert.Contains("并入重复机构", merged.Html.QuerySelector("main")!.TextContent);
        Assert.Equal(fraunhofer, (await app.WithDbAsync(async (db, _) => await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == duplicate))).MergedIntoId);
        Assert.Equal("德国 Fraunhofer-Gesellschaft 1 | 新加坡 A*STAR 1", Rows(await office.GetAsync("/Office/Institutions"), "institutions"));

        var after = await office.GetAsync($"/Office/Partners/{designationId}?year={year}");
        Assert.Equal("德国 Fraunhofer-Gesellschaft（Fraunhofer Gesellschaft e.V.） 联合孵化 联合孵化项目3个 | 芬兰 Aalto University（aalto university） 创业营 创业营一期", Rows(after, "matched"));
        Assert.Equal("新加坡 A*STAR 人才交流", Rows(after, "wanted-only"));
        Assert.Equal("以色列 Technion 技术转移", Rows(after, "actual-only"));
    }

    [Fact]
    public async Task Office_renames_an_institution_and_the_old_name_stays_an_alias()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (_, _, fraunhofer, _) = await PartnersAsync(app);
        using var office = await OfficeAsync(app);

        var detail = await office.GetAsync($"/Office/Institutions/Detail/{fraunhofer}");
        var renamed = await office.SubmitAsync(detail, new Dictionary<string, string> { ["NewName"] = "Fraunhofer Society" }, "#rename");

        Assert.Contains("原名称保留为别名", renamed.Body);
        var institution = await app.WithDbAsync(async (db, _) => await db.Institutions.AsNoTracking().SingleAsync(i => i.Id == fraunhofer));
        Assert.Equal("Fraunhofer Society", institution.Name);
        Assert.Contains("FRAUNHOFERGESELLSCHAFT", institution.Aliases);
        Assert.Contains("修改机构名称", renamed.Html.QuerySelector("main")!.TextContent);
    }
}
