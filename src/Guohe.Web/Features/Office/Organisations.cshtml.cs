using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office;

/// <summary>
/// Every registered organisation, searchable by name or 统一社会信用代码, paged; the same list, unpaged, as an .xlsx file
/// (<c>?handler=Export</c>). Links to the import of pilot units and bases recognised before Guohe.
/// </summary>
public sealed class OrganisationsModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Uscc, string LiaisonName, DateTime RegisteredAtUtc);

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Organisations { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync() => Organisations = await Paging.ReadAsync(Filtered(), PageNumber);

    /// <summary>Every organisation the search selects, unpaged, as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await Filtered().ToListAsync();
        return this.Spreadsheet(l["单位列表"], clock, rows,
        [
            new(l["单位名称"], r => r.Name),
            new(l["统一社会信用代码"], r => r.Uscc),
            new(l["联络人"], r => r.LiaisonName),
            new(l["注册时间（UTC）"], r => r.RegisteredAtUtc),
        ]);
    }

    /// <summary>The one query of the list and its export: by name or code, ordered by name.</summary>
    private IQueryable<Row> Filtered()
    {
        return Rows(Searched(ApplicationAccess.Organisations(db, User), Search).OrderBy(o => o.Name));
    }

    /// <summary>The search of the list (and of GET /api/v1/organisations): a valid 统一社会信用代码 exactly, otherwise part of the name.</summary>
    internal static IQueryable<Organisation> Searched(IQueryable<Organisation> query, string? search)
    {
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = Uscc.TryParse(text, out var uscc, out _)
                ? query.Where(o => o.Uscc == uscc)
                : query.Where(o => o.Name.Contains(text));
        }
        return query;
    }

    public string Link(int page) => $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&p={page}";

    internal static IQueryable<Row> Rows(IQueryable<Organisation> organisations) =>
        organisations.Select(o => new Row(o.Id, o.Name, o.Uscc.Value, o.LiaisonName, o.RegisteredAtUtc));
}
