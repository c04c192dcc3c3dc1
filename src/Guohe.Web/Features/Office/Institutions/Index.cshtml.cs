using Guohe.Domain.Partners;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Institutions;

/// <summary>
/// The directory of foreign partner institutions (Art. 9(2)–(3); SPEC §4): every entry not merged into another, with its
/// country and how many units named it in their plans or summaries; search by name or alias, filter by country; paged. The
/// same list, unpaged, downloads as an .xlsx file (<c>?handler=Export</c>).
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Institution Institution, int Units);

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Institutions { get; private set; } = new([], 1, 20, 0);

    /// <summary>The countries present in the directory, for the filter.</summary>
    public IReadOnlyList<string> CountryCodes { get; private set; } = [];

    public int DirectorySize { get; private set; }

    public async Task OnGetAsync()
    {
        var rows = await RowsAsync();
        var pages = Math.Max(1, (rows.Count + 19) / 20);
        var page = Math.Clamp(PageNumber, 1, pages);
        Institutions = new Paged<Row>([.. rows.Skip((page - 1) * 20).Take(20)], page, 20, rows.Count);
    }

    /// <summary>Every institution the filters select, unpaged, as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await RowsAsync();
        return this.Spreadsheet(l["合作机构名录"], clock, rows,
        [
            new(l["国别"], r => Countries.Name(r.Institution.CountryCode)),
            new(l["国别代码"], r => r.Institution.CountryCode),
            new(l["机构名称"], r => r.Institution.Name),
            new(l["填报单位数"], r => r.Units),
        ]);
    }

    /// <summary>The one query of the list and its export: the directory without merged entries, filtered, most named first.</summary>
    private async Task<List<Row>> RowsAsync()
    {
        var network = await PartnerNetwork.ReadAsync(db);
        var listed = Listed(network);
        DirectorySize = listed.Count;
        CountryCodes = [.. listed.Select(i => i.CountryCode).Distinct().OrderBy(c => Countries.Name(c), StringComparer.Ordinal)];
        return Rows(network, Search, Country);
    }

    private static List<Institution> Listed(PartnerNetwork network) => [.. network.Institutions.Where(i => i.MergedIntoId is null)];

    /// <summary>
    /// The rows of the directory for a search (name or alias) and a country, most named first — the page, its export and the
    /// API (/api/v1/institutions) ask this one function.
    /// </summary>
    public static List<Row> Rows(PartnerNetwork network, string? search, string? country)
    {
        var counts = network.UnitCounts();
        var text = search?.Trim() ?? string.Empty;
        var normalised = Institution.Normalise(text);
        return Listed(network)
            .Where(i => text.Length == 0 || i.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || (normalised.Length > 0 && i.Aliases.Any(a => a.Contains(normalised, StringComparison.Ordinal))))
            .Where(i => string.IsNullOrEmpty(country) || string.Equals(i.CountryCode, country, StringComparison.OrdinalIgnoreCase))
            .Select(i => new Row(i, counts.GetValueOrDefault(i.Id)))
            .OrderByDescending(r => r.Units).ThenBy(r => r.Institution.CountryCode, StringComparer.Ordinal).ThenBy(r => r.Institution.Name, StringComparer.Ordinal)
            .ToList();
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&country={Uri.EscapeDataString(Country ?? string.Empty)}&p={page}";
}
