using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Designations;

/// <summary>
/// 资格总览: every designation with its organisation, stage, year of the term, next open obligation and its due date,
/// overdue filings and the last grade (Art. 7(3), 12, 13, 14). Filters by stage, province, type, level, key field (Art. 15)
/// and recognition year; sortable by name, recognition date or next due date; paged. Each row links to the unit timeline.
/// The same list, filtered and sorted but not paged, downloads as an .xlsx file (<c>?handler=Export</c>).
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record NextObligation(Guid Id, ObligationKind Kind, int Year, DateOnly DueDate, bool Overdue);

    public sealed record Row(
        Guid DesignationId, Guid OrganisationId, string Name, string Province, UnitType? Type, UnitLevel? Level, KeyFields Fields,
        DesignationStatus Status, DateOnly RecognitionDate, int? TermYear, NextObligation? Next, int OverdueCount, AnnualGrade? LastGrade);

    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public DesignationStatus? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public KeyFields? Field { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>"name", "recognised" (newest first, default) or "due" (soonest first).</summary>
    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "recognised";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Designations { get; private set; } = new([], 1, PageSize, 0);

    public IReadOnlyList<int> Years { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var all = await RowsAsync();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(PageNumber, 1, pages);
        Designations = new Paged<Row>([.. all.Skip((page - 1) * PageSize).Take(PageSize)], page, PageSize, all.Count);
    }

    /// <summary>Every designation the filters select, in the chosen order, unpaged, as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await RowsAsync();
        string Zh(string key) => l[key].Value;
        return this.Spreadsheet(l["资格总览"], clock, rows,
        [
            new(l["单位名称"], r => r.Name),
            new(l["省份"], r => r.Province.Length > 0 ? Zh(r.Province) : null),
            new(l["单位性质"], r => r.Type is { } t ? Zh(DesignationText.Types[t]) : null),
            new(l["级别"], r => r.Level is { } v ? Zh(DesignationText.Levels[v]) : null),
            new(l["阶段"], r => Cultures.IsEnglish ? r.Status.ToString() : DesignationText.Stage(r.Status)),
            new(l["认定日期"], r => r.RecognitionDate),
            new(l["年度"], r => r.TermYear is { } y ? string.Format(System.Globalization.CultureInfo.CurrentCulture, l["第{0}年"], y) : null),
            new(l["下一项待提交材料"], r => r.Next is { } n ? $"{n.Year} {Zh(DesignationText.Obligation(n.Kind))}" : null),
            new(l["截止日期"], r => r.Next?.DueDate),
            new(l["逾期项数"], r => r.OverdueCount),
            new(l["最近考核"], r => r.LastGrade is { } g ? $"{g.Year} {Zh(DesignationText.GradeZh(g.Grade))}" : null),
        ]);
    }

    /// <summary>The one query of the list and its export: every designation with its facts, filtered and sorted.</summary>
    private async Task<List<Row>> RowsAsync()
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        // The programme has tens to hundreds of designations: filter and sort in memory, as the expert pool does.
        var designations = await db.Designations.AsNoTracking().ToListAsync();
        var organisationIds = designations.Select(d => d.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        var open = (await db.Obligations.AsNoTracking().Where(o => o.Status == ObligationStatus.Open).ToListAsync()).ToLookup(o => o.DesignationId);
        Years = [.. designations.Select(d => d.RecognitionDate.Year).Distinct().OrderDescending()];

        var rows = designations.Select(d =>
        {
            var profile = organisations.TryGetValue(d.OrganisationId, out var o) ? o.Profile : UnitProfile.Empty;
            var owed = open[d.Id].OrderBy(x => x.DueDate).ToList();
            var next = d.IsEnded || owed.Count == 0 ? null : owed[0];
            return new Row(d.Id, d.OrganisationId, d.OrganisationName, profile.Province, profile.UnitType, profile.Level, profile.KeyFields,
                d.Status, d.RecognitionDate, d.IsEnded ? null : TermYear(d.RecognitionDate, Today),
                next is null ? null : new NextObligation(next.Id, next.Kind, next.Year, next.DueDate, next.IsOverdue(Today)),
                d.IsEnded ? 0 : owed.Count(x => x.IsOverdue(Today)),
                d.Grades.OrderByDescending(g => g.Year).FirstOrDefault());
        })
        .Where(r => Stage is not { } stage || r.Status == stage)
        .Where(r => string.IsNullOrWhiteSpace(Province) || r.Province == Province)
        .Where(r => Type is not { } type || r.Type == type)
        .Where(r => Level is not { } level || r.Level == level)
        .Where(r => Field is not { } field || (field != KeyFields.None && r.Fields.HasFlag(field)))
        .Where(r => Year is not { } year || r.RecognitionDate.Year == year);

        rows = Sort switch
        {
            "name" => rows.OrderBy(r => r.Name, StringComparer.Ordinal),
            "due" => rows.OrderBy(r => r.Next is null).ThenBy(r => r.Next?.DueDate).ThenBy(r => r.Name, StringComparer.Ordinal),
            _ => rows.OrderByDescending(r => r.RecognitionDate).ThenBy(r => r.Name, StringComparer.Ordinal),
        };
        return rows.ToList();
    }

    /// <summary>第N年: the year of the designation counted from the recognition date (year 1 is the first twelve months).</summary>
    public static int TermYear(DateOnly recognised, DateOnly today)
    {
        var years = today.Year - recognised.Year;
        if (today < recognised.AddYears(years))
        {
            years--;
        }
        return Math.Max(0, years) + 1;
    }

    public string Link(int page) => Query(Sort) + $"&p={page}";

    public string SortLink(string sort) => Query(sort);

    private string Query(string sort) =>
        $"?stage={Stage}&province={Uri.EscapeDataString(Province ?? string.Empty)}&type={Type}&level={Level}&field={Field}&year={Year}&sort={sort}";
}
