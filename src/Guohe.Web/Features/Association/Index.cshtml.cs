using Guohe.Domain.Decisions;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Association;

/// <summary>The association approver's queue: decisions the office proposed, waiting for confirmation (Art. 11(6), 13(3), 14).</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(Guid Id, DecisionKind Kind, string OrganisationName, string Article, string ProposedByName, DateTime ProposedAtUtc);

    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public IReadOnlyList<Row> Decided { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Waiting = await db.Decisions.AsNoTracking().Where(d => d.Status == DecisionStatus.Proposed).OrderBy(d => d.ProposedAtUtc)
            .Select(d => new Row(d.Id, d.Kind, d.OrganisationName, d.Article, d.ProposedByName, d.ProposedAtUtc)).Take(200).ToListAsync();
        Decided = await db.Decisions.AsNoTracking().Where(d => d.Status != DecisionStatus.Proposed).OrderByDescending(d => d.DecidedAtUtc)
            .Select(d => new Row(d.Id, d.Kind, d.OrganisationName, d.Article, d.ProposedByName, d.ProposedAtUtc)).Take(20).ToListAsync();
    }
}
