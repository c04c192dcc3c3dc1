using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Designations;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// The statistics the office steers by and reports to the Guidance Office (Art. 7(5); SPEC §4). Every figure is counted by
/// the database (GROUP BY): through LINQ, over the aggregates' columns and the statistics' copies of the rows they keep as JSON
/// (<see cref="StatisticsFacts"/>), and through <see cref="StatisticsSql"/> where LINQ cannot say it. What comes back is one row per group, never one per record.
/// </summary>
public static class StatisticsReads
{
    private static readonly DesignationStatus[] PilotStages = [DesignationStatus.Pilot, DesignationStatus.AcceptanceReview, DesignationStatus.Extended];

    /// <summary>Applications that reached the office (neither a draft, waiting for a recommender, nor withdrawn).</summary>
    private static readonly ApplicationStatus[] NotSubmitted = [ApplicationStatus.Draft, ApplicationStatus.AwaitingRecommendation, ApplicationStatus.Withdrawn];

    private sealed record KeyCount<TKey>(TKey Key, int Count);

    /// <summary>
    /// Every table of the period. The reads go in three lanes (the partner countries; the applications and the profile; the
    /// forms, visits and fees). On PostgreSQL each lane has a connection of its own and the lanes run at once, so the database
    /// works on them side by side (129 → about 80 ms per uncached count, bench/Guohe.Bench --explain); SQLite works in this
    /// process, so there they run one after another on one connection, opened once for all of them.
    /// </summary>
    public static async Task<StatisticsData> ReadAsync(GuoheDbContext db, Period period, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.DateOf(nowUtc);
        var postgres = db as PostgresGuoheDbContext;
        await using var second = postgres?.Reader();
        await using var third = postgres?.Reader();
        StatTable countries = null!;
        List<StatTable> applications = null!, forms = null!;
        int? firstBatchYear = null;
        Func<Task>[] lanes =
        [
            async () => countries = await CountriesAsync(second ?? db, period, cancellationToken),
            async () =>
            {
                var counts = await ApplicationsIn(db, period).GroupBy(a => new { a.BatchId, a.Status })
                    .Select(g => new BatchCount(g.Key.BatchId, g.Key.Status, g.Count())).ToListAsync(cancellationToken);
                applications =
                [
                    ApplicationsByStatus(counts),
                    await DesignationsByStageAsync(db, cancellationToken),
                    await BatchesAsync(db, period, counts, cancellationToken),
                    await TrendAsync(db, period, cancellationToken),
                    .. await ProfileDimensionsAsync(db, period, cancellationToken),
                ];
            },
            async () =>
            {
                var context = third ?? db;
                forms =
                [
                    await ConstructionContentAsync(context, period, cancellationToken),
                    await ObligationsAsync(context, period, today, cancellationToken),
                    await ExpertWorkloadAsync(context, period, cancellationToken),
                    await FeesAsync(context, period, cancellationToken),
                ];
                firstBatchYear = await context.Batches.MinAsync(b => (int?)b.Year, cancellationToken);
            },
        ];
        if (postgres is not null)
        {
            await Task.WhenAll(lanes.Select(lane => lane()));
        }
        else
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                foreach (var lane in lanes)
                {
                    await lane();
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        List<StatTable> tables = [.. applications, forms[0], countries, .. forms[1..]];
        return new StatisticsData(period, nowUtc, Figures(tables), tables) { FirstBatchYear = firstBatchYear };
    }

    private static List<KeyFigure> Figures(List<StatTable> tables)
    {
        decimal Column(string table, int column) => tables.Single(t => t.Key == table).Rows.Sum(r => r.Values[column]);
        var countries = tables.Single(t => t.Key == "countries").Rows.Where(r => r.Values[2] > 0).ToList();
        return
        [
            new("applications", "已提交申请", Column("batches", 1)),
            new("pilots", "现有试点单位", Column("types", 1)),
            new("bases", "现有基地", Column("types", 2)),
            new("countries", "实际合作国家", countries.Count),
            new("belt-and-road", "其中共建“一带一路”国家", countries.Count(r => r.Marked)),
            new("overdue", "逾期未交材料", Column("obligations", 3)),
        ];
    }

    /// <summary>The applications of the period's batches; every application belongs to a batch, so all years need no look-up per row.</summary>
    private static IQueryable<Application> ApplicationsIn(GuoheDbContext db, Period period)
    {
        var (low, high) = (period.Low, period.High);
        var applications = db.Applications.AsNoTracking();
        return period.IsAll ? applications : applications.Where(a => db.Batches.Any(b => b.Id == a.BatchId && b.Year >= low && b.Year <= high));
    }

    /// <summary>Applications of the period by batch and status: one read serves the status table and the batch table.</summary>
    private sealed record BatchCount(Guid BatchId, ApplicationStatus Status, int Count);

    private static StatTable ApplicationsByStatus(IReadOnlyList<BatchCount> counts)
    {
        var rows = Enum.GetValues<ApplicationStatus>()
            .Select(s => new StatRow(ApplicationLifecycle.Table.StateZh(s), [counts.Where(c => c.Status == s).Sum(c => c.Count)]))
            .ToList();
        return new StatTable("applications", "申请按状态", "所选年度批次中的全部申请，含草稿。", "状态", LabelKind.Text, ["申请数"], rows);
    }

    private static async Task<StatTable> DesignationsByStageAsync(GuoheDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Designations.AsNoTracking().GroupBy(d => d.Status)
            .Select(g => new KeyCount<DesignationStatus>(g.Key, g.Count())).ToListAsync(cancellationToken);
        var rows = Enum.GetValues<DesignationStatus>()
            .Select(s => new StatRow(DesignationText.Stage(s), [counts.Where(c => c.Key == s).Sum(c => c.Count)]))
            .ToList();
        return new StatTable("designations", "资格按阶段", "截至今日全部资格（试点单位和基地）所处阶段，不受年度筛选影响。", "阶段", LabelKind.Text, ["单位数"], rows);
    }

    private static async Task<StatTable> BatchesAsync(GuoheDbContext db, Period period, IReadOnlyList<BatchCount> counts, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        var batches = await db.Batches.AsNoTracking().Where(b => b.Year >= low && b.Year <= high)
            .OrderBy(b => b.Year).ThenBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(cancellationToken);
        var rows = batches.Select(b =>
        {
            var mine = counts.Where(c => c.BatchId == b.Id).ToList();
            return new StatRow(b.Name,
            [
                mine.Sum(c => c.Count),
                mine.Where(c => !NotSubmitted.Contains(c.Status)).Sum(c => c.Count),
                mine.Where(c => c.Status == ApplicationStatus.Approved).Sum(c => c.Count),
            ]);
        }).ToList();
        return new StatTable("batches", "按批次", "每个批次的申请数（含草稿）、提交到办公室的申请数和获批数。", "批次", LabelKind.Verbatim, ["申请数", "已提交", "已批准"], rows);
    }

    private static async Task<StatTable> TrendAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var counts = await StatisticsSql.TrendAsync(db, period, cancellationToken);
        decimal Of(string kind, int year) => counts.Where(c => c.Kind == kind && c.Year == year).Sum(c => c.Count);
        var rows = counts.Select(c => c.Year).Distinct().Order()
            .Select(year => new StatRow(Year(year), [Of(StatisticsSql.Recognised, year), Of(StatisticsSql.BaseGranted, year), Of(StatisticsSql.Ended, year)]))
            .ToList();
        return new StatTable("trend", "认定趋势", "每年新认定的试点单位、新授予的基地和终止的资格（取消、撤销）。", "年度", LabelKind.Verbatim,
            ["新认定试点单位", "新授予基地", "终止资格"], rows, ChartKind.Line);
    }

    /// <summary>A group of applications (column 0), pilot units (1) or bases (2) by the place, type and level their profile gives.</summary>
    private sealed record PlaceCount(int Column, string Province, UnitType? Type, UnitLevel? Level, int Count);

    /// <summary>A group of applications, pilot units or bases by the key fields (Art. 15) their profile names together.</summary>
    private sealed record FieldsCount(int Column, KeyFields Fields, int Count);

    /// <summary>
    /// The unit profile's dimensions (province, type, level, key fields): the applications of the period that reached the office,
    /// by the profile their Form 1 carried, beside the pilot units and bases of today, by their organisation's profile. Each of the
    /// three is read twice — grouped by place, type and level together (a few hundred groups), and by the key fields as stored
    /// together (a few hundred combinations) — and the groups are added up into the four tables.
    /// </summary>
    private static async Task<IReadOnlyList<StatTable>> ProfileDimensionsAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var submitted = ApplicationsIn(db, period).Where(a => !NotSubmitted.Contains(a.Status));
        List<PlaceCount> places =
        [
            .. await submitted.GroupBy(a => new { a.Profile.Province, a.Profile.UnitType, a.Profile.Level })
                .Select(g => new PlaceCount(0, g.Key.Province, g.Key.UnitType, g.Key.Level, g.Count())).ToListAsync(cancellationToken),
        ];
        List<FieldsCount> fields =
            [.. await submitted.GroupBy(a => a.Profile.KeyFields).Select(g => new FieldsCount(0, g.Key, g.Count())).ToListAsync(cancellationToken)];
        foreach (var (column, stages) in new[] { (1, PilotStages), (2, [DesignationStatus.Base]) })
        {
            // The designations as a plain IN (SELECT …), found once: as a correlated EXISTS with the stage list SQLite scanned
            // every designation for every organisation (40 s for 10,000 organisations, bench/Guohe.Bench dashboard).
            var units = db.Organisations.AsNoTracking()
                .Where(o => db.Designations.Where(d => stages.Contains(d.Status)).Select(d => d.OrganisationId).Contains(o.Id));
            places.AddRange(await units.GroupBy(o => new { o.Profile.Province, o.Profile.UnitType, o.Profile.Level })
                .Select(g => new PlaceCount(column, g.Key.Province, g.Key.UnitType, g.Key.Level, g.Count())).ToListAsync(cancellationToken));
            fields.AddRange(await units.GroupBy(o => o.Profile.KeyFields).Select(g => new FieldsCount(column, g.Key, g.Count())).ToListAsync(cancellationToken));
        }

        StatTable Table(string key, string title, string header, IEnumerable<(int Column, string Label, int Count)> counted, IReadOnlyList<string> order)
        {
            var counts = order.ToDictionary(label => label, _ => new decimal[3]);
            foreach (var (column, label, count) in counted)
            {
                if (!counts.TryGetValue(label, out var values))
                {
                    counts[label] = values = new decimal[3];
                }
                values[column] += count;
            }
            var showZeros = order.Count <= 10; // short lists (types, levels, fields) show every entry; provinces only those counted
            var rows = counts.Where(c => c.Value.Any(v => v > 0) || (showZeros && c.Key != "未填写"))
                .OrderBy(c => IndexOf(order, c.Key))
                .Select(c => new StatRow(c.Key, c.Value))
                .ToList();
            return new StatTable(key, title, "申请数为所选年度批次中已提交到办公室的申请（按申请表所填单位信息）；试点单位和基地为截至今日的在册单位（按单位当前信息）。",
                header, LabelKind.Text, ["申请数", "现有试点单位", "现有基地"], rows);
        }
        IEnumerable<(int, string, int)> ByPlace(Func<PlaceCount, string> label) => places.Select(p => (p.Column, label(p), p.Count));
        var byField = fields.SelectMany(f => (f.Fields == KeyFields.None ? ["未填写"] : KeyFieldNames.Of(f.Fields).Select(n => n.Zh)).Select(label => (f.Column, label, f.Count)));
        return
        [
            Table("provinces", "按省份", "省份", ByPlace(p => p.Province.Length == 0 ? "未填写" : p.Province), [.. Provinces.All, "未填写"]),
            Table("types", "按单位类型", "单位类型", ByPlace(p => p.Type is { } t ? DesignationText.Types[t] : "未填写"), [.. DesignationText.Types.Values, "未填写"]),
            Table("levels", "按级别", "级别", ByPlace(p => p.Level is { } l ? DesignationText.Levels[l] : "未填写"), [.. DesignationText.Levels.Values, "未填写"]),
            Table("fields", "按重点领域（第十五条）", "重点领域", byField, [.. KeyFieldNames.All.Select(f => f.Zh), "未填写"]) with { Summable = false },
        ];
    }

    private static int IndexOf(IReadOnlyList<string> order, string label)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == label)
            {
                return i;
            }
        }
        return order.Count;
    }

    private static async Task<StatTable> ConstructionContentAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        // The database keeps the items counted per year, category and side (StatisticsCounts); the years are added up here.
        var counts = await db.WorkItemCounts.AsNoTracking().Where(c => c.Year >= low && c.Year <= high).ToListAsync(cancellationToken);
        var rows = Enum.GetValues<ConstructionContent>().Select(c => new StatRow(ConstructionContentNames.Zh(c),
        [
            counts.Where(x => x.Category == c && x.Plan).Sum(x => x.Facts),
            counts.Where(x => x.Category == c && !x.Plan).Sum(x => x.Facts),
        ])).ToList();
        return new StatTable("content", "按建设内容（第九条）", "已提交的年度工作计划中的计划事项，与年度工作总结和建设工作总结中的主要成果，按建设内容类别计数。",
            "建设内容", LabelKind.Text, ["计划事项", "主要成果"], rows);
    }

    private static async Task<StatTable> CountriesAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var counts = await StatisticsSql.PartnersByCountryAsync(db, period, cancellationToken);
        var beltAndRoad = (await db.PartnerCountries.AsNoTracking().Where(c => c.IsBeltAndRoad).Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var rows = counts.Select(c => c.CountryCode).Distinct()
            .Select(code =>
            {
                var wanted = counts.FirstOrDefault(c => c.CountryCode == code && c.Side == StatisticsSql.Wanted);
                var actual = counts.FirstOrDefault(c => c.CountryCode == code && c.Side == StatisticsSql.Actual);
                return new StatRow(code, [wanted?.Institutions ?? 0, wanted?.Units ?? 0, actual?.Institutions ?? 0, actual?.Units ?? 0], beltAndRoad.Contains(code));
            })
            .OrderByDescending(r => r.Values[2]).ThenByDescending(r => r.Values[0]).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        return new StatTable("countries", "合作国家：计划与实际", "已提交的年度工作计划中计划合作的国外机构（计划），与年度工作总结和建设工作总结中实际合作的国外机构（实际）；机构按合作机构名录计（合并的机构计为一个）。标★的为共建“一带一路”国家。",
            "国别", LabelKind.Country, ["计划合作机构", "计划合作单位", "实际合作机构", "实际合作单位"], rows) { Summable = false, RankBy = 2 };
    }

    private static async Task<StatTable> ObligationsAsync(GuoheDbContext db, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var counts = await StatisticsSql.ObligationsByYearAsync(db, period, today, cancellationToken);
        var open = ObligationStatus.Open.ToString();
        var rows = counts.GroupBy(c => c.Year).OrderBy(y => y.Key)
            .Select(year =>
            {
                var filed = year.Where(c => c.Status != open).ToList();
                var due = year.Where(c => c.Status == open).ToList();
                return new StatRow(Year(year.Key),
                [
                    year.Sum(c => c.Count), filed.Sum(c => c.OnTime), filed.Sum(c => c.Count - c.OnTime), due.Sum(c => c.PastDue), due.Sum(c => c.Count - c.PastDue),
                ]);
            })
            .ToList();
        return new StatTable("obligations", "材料按时提交情况", "各年度的年度工作计划、年度工作总结和建设工作总结：按期提交、逾期提交、逾期未交（已过截止日期仍未提交）和未到期未交。截止日期含个别延期。",
            "年度", LabelKind.Verbatim, ["应交材料", "按期提交", "逾期提交", "逾期未交", "未到期"], rows);
    }

    private static async Task<StatTable> ExpertWorkloadAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var (low, high) = (period.Low, period.High);
        // The database keeps the seats counted per year, expert, purpose and name (StatisticsCounts).
        var counts = await db.TeamSeatCounts.AsNoTracking().Where(c => c.Year >= low && c.Year <= high).ToListAsync(cancellationToken);
        var rows = counts.GroupBy(c => (c.ExpertUserId, c.Year))
            .Select(g =>
            {
                decimal visits = g.Where(c => c.Purpose == SiteVisitPurpose.ApplicationReview).Sum(c => c.Facts);
                decimal evaluations = g.Where(c => c.Purpose == SiteVisitPurpose.AcceptanceEvaluation).Sum(c => c.Facts);
                var name = g.Max(c => c.Name) ?? string.Empty;
                return (Name: name, g.Key.Year, Row: new StatRow(name, [g.Key.Year, visits, evaluations, visits + evaluations]));
            })
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Row.Values[3]).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => r.Row)
            .ToList();
        return new StatTable("experts", "专家工作量", "每位专家每年参加的实地调研（第十一条第（四）项）和验收现场评估（第十三条第（二）项）次数，按调研日期所在年度计。",
            "专家", LabelKind.Verbatim, ["年度", "实地调研", "现场评估", "合计"], rows) { Summable = false, RankBy = 3 };
    }

    private static async Task<StatTable> FeesAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken)
    {
        var rows = (await StatisticsSql.FeesAsync(db, period, cancellationToken)).OrderBy(y => y.Year)
            .Select(y => new StatRow(Year(y.Year), [y.Count, y.ChargedFen / 100m, y.PaidFen / 100m, (y.ChargedFen - y.PaidFen) / 100m]))
            .ToList();
        return new StatTable("fees", "费用（第十八条）", "按收费日期所在年度：登记的费用笔数、应收金额、已缴金额和未缴金额（元）。", "年度", LabelKind.Verbatim,
            ["笔数", "应收金额（元）", "已缴金额（元）", "未缴金额（元）"], rows, ChartKind.Bar, MoneyFrom: 1);
    }

    private static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
