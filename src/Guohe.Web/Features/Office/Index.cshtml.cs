using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office;

/// <summary>The office's home: what has arrived and needs attention.</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public int OrganisationCount { get; private set; }

    public IReadOnlyList<OrganisationsModel.Row> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        OrganisationCount = await db.Organisations.CountAsync();
        Recent = await OrganisationsModel.Rows(db.Organisations.AsNoTracking().OrderByDescending(o => o.RegisteredAtUtc)).Take(10).ToListAsync();
    }
}
