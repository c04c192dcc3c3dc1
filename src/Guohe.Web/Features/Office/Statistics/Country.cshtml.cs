using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// One partner country of the statistics (reached by clicking it on the world map or in the table): the foreign institutions
/// of that country that units named in their filed plans (wanted) and summaries (actual) in the years chosen, each with the
/// units that named it (Art. 9(2)–(3)).
/// </summary>
public sealed class CountryModel(GuoheDbContext db) : PageModel
{
    public sealed record UnitRow(Guid OrganisationId, string Name, bool Wanted, bool Actual, int FirstYear, int LastYear);

    public sealed record InstitutionRow(string Name, IReadOnlyList<UnitRow> Units);

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public Period Period => Period.Of(From, To);

    public bool IsBeltAndRoad { get; private set; }

    public IReadOnlyList<InstitutionRow> Institutions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var code = Code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (!Countries.IsKnown(code))
        {
            return NotFound();
        }
        Code = code;
        IsBeltAndRoad = await db.PartnerCountries.AnyAsync(c => c.Code == code && c.IsBeltAndRoad);
        var namings = await StatisticsSql.NamingsOfCountryAsync(db, Period, code, HttpContext.RequestAborted);
        Institutions = [.. namings
            .GroupBy(n => n.InstitutionKey)
            .Select(g => new InstitutionRow(
                g.Max(n => n.Institution) ?? g.Key,
                [.. g.Select(n => new UnitRow(n.OrganisationId, n.Organisation ?? string.Empty, n.Wanted > 0, n.Actual > 0, (int)n.FirstYear, (int)n.LastYear))
                    .OrderBy(u => u.Name, StringComparer.Ordinal)]))
            .OrderByDescending(i => i.Units.Count(u => u.Actual)).ThenBy(i => i.Name, StringComparer.Ordinal)];
        return Page();
    }
}
