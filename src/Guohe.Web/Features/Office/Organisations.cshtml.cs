using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office;

/// <summary>Every registered organisation, searchable by name or 统一社会信用代码, paged.</summary>
public sealed class OrganisationsModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Uscc, string LiaisonName, DateTime RegisteredAtUtc);

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Organisations { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            query = Uscc.TryParse(text, out var uscc, out _)
                ? query.Where(o => o.Uscc == uscc)
                : query.Where(o => o.Name.Contains(text));
        }
        Organisations = await Paging.ReadAsync(Rows(query.OrderBy(o => o.Name)), PageNumber);
    }

    public string Link(int page) => $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&p={page}";

    internal static IQueryable<Row> Rows(IQueryable<Organisation> organisations) =>
        organisations.Select(o => new Row(o.Id, o.Name, o.Uscc.Value, o.LiaisonName, o.RegisteredAtUtc));
}
