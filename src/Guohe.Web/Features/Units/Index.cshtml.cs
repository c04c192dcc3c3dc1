using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Units;

/// <summary>
/// The public list of pilot units and bases (Art. 11(7): the associations publish the units), without signing in: name,
/// province, type, level, key fields, stage and recognition date — never personal data. Searchable by name, filtered by
/// stage and province, paged.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(string Name, string Province, UnitType? Type, UnitLevel? Level, KeyFields Fields, bool IsBase, DateOnly RecognitionDate);

    /// <summary>Designations shown to the public: a pilot unit in its construction period or acceptance, or a base.</summary>
    public static readonly DesignationStatus[] Listed = [DesignationStatus.Pilot, DesignationStatus.AcceptanceReview, DesignationStatus.Extended, DesignationStatus.Base];

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>"pilot", "base" or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Units { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        // One IN over the stage's statuses: the two predicates "Status IN (Listed) AND Status = Base" found no row on SQLite
        // (the status is stored as text), and the list filtered to bases showed none (found by the browser walk, issue 10).
        DesignationStatus[] statuses = Stage switch
        {
            "base" => [DesignationStatus.Base],
            "pilot" => [.. Listed.Where(s => s != DesignationStatus.Base)],
            _ => Listed,
        };
        var designations = db.Designations.AsNoTracking().Where(d => statuses.Contains(d.Status));
        var rows = from d in designations
                   join o in db.Organisations.AsNoTracking() on d.OrganisationId equals o.Id
                   select new { d, o };
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            rows = rows.Where(x => x.d.OrganisationName.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(Province))
        {
            rows = rows.Where(x => x.o.Profile.Province == Province);
        }
        var ordered = rows
            .OrderByDescending(x => x.d.RecognitionDate).ThenBy(x => x.d.OrganisationName)
            .Select(x => new Row(x.d.OrganisationName, x.o.Profile.Province, x.o.Profile.UnitType, x.o.Profile.Level, x.o.Profile.KeyFields,
                x.d.Status == DesignationStatus.Base, x.d.RecognitionDate));
        Units = await Paging.ReadAsync(ordered, PageNumber);
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&stage={Stage}&province={Uri.EscapeDataString(Province ?? string.Empty)}&p={page}";
}
