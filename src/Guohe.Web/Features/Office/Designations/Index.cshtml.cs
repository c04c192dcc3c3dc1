using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Designations;

/// <summary>
/// 资格总览: every designation with its organisation, stage, year of the term, next open obligation and its due date,
/// overdue filings and the last grade (Art. 7(3), 12, 13, 14). Filters by stage, province, type, level, key field (Art. 15)
/// and recognition year; sortable by name, recognition date or next due date; paged. Each row links to the unit timeline.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
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
        var all = rows.ToList();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(PageNumber, 1, pages);
        Designations = new Paged<Row>([.. all.Skip((page - 1) * PageSize).Take(PageSize)], page, PageSize, all.Count);
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
