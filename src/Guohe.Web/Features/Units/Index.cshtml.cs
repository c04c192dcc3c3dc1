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

    public async Task OnGetAsync() => Units = await Paging.ReadAsync(Query(db, Search, Stage, Province), PageNumber);

    /// <summary>The one query of this page and of GET /api/v1/public/units: listed designations, searched, filtered, newest first.</summary>
    public static IQueryable<Row> Query(GuoheDbContext db, string? search, string? stage, string? province)
    {
        var designations = db.Designations.AsNoTracking().Where(d => Listed.Contains(d.Status));
        designations = stage switch
        {
            "base" => designations.Where(d => d.Status == DesignationStatus.Base),
            "pilot" => designations.Where(d => d.Status != DesignationStatus.Base),
            _ => designations,
        };
        var rows = from d in designations
                   join o in db.Organisations.AsNoTracking() on d.OrganisationId equals o.Id
                   select new { d, o };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            rows = rows.Where(x => x.d.OrganisationName.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(province))
        {
            rows = rows.Where(x => x.o.Profile.Province == province);
        }
        return rows
            .OrderByDescending(x => x.d.RecognitionDate).ThenBy(x => x.d.OrganisationName)
            .Select(x => new Row(x.d.OrganisationName, x.o.Profile.Province, x.o.Profile.UnitType, x.o.Profile.Level, x.o.Profile.KeyFields,
                x.d.Status == DesignationStatus.Base, x.d.RecognitionDate));
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&stage={Stage}&province={Uri.EscapeDataString(Province ?? string.Empty)}&p={page}";
}
