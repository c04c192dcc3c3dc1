using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Units;

/// <summary>
/// The public list of pilot units and bases (Art. 11(7): the associations publish the units; Art. 17), without signing in:
/// name, province, type, level, key fields, stage and recognition date — never personal data. Searchable by name, filtered by
/// stage, province, type, level and key field (Art. 15), paged; each row links to the unit's public page.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>"pilot", "base" or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitLevel? Level { get; set; }

    /// <summary>One key field of Art. 15.</summary>
    [BindProperty(SupportsGet = true)]
    public KeyFields? Field { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<PublicUnits.Unit> Units { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        // A value that is not one of the choices (hand-typed query string) filters nothing rather than failing.
        ModelState.Clear();
        Units = await Paging.ReadAsync(PublicUnits.Filter(db, Search, Stage, Province, Type, Level, Field), PageNumber, cancellationToken: HttpContext.RequestAborted);
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&stage={Uri.EscapeDataString(Stage ?? string.Empty)}&province={Uri.EscapeDataString(Province ?? string.Empty)}"
        + $"&type={Type}&level={Level}&field={Field}&p={page}";
}
