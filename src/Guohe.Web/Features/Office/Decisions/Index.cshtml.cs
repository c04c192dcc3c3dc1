using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Decisions;

/// <summary>
/// 待决事项 (dynamic management, Art. 7(3), 12(4), 14): today's overdue filings and the designations that meet a rule for
/// disqualification or revocation, each with its article and a link to propose the decision; filings waiting for the
/// office's review; and the proposals waiting for the associations. The system only points; the office proposes.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Filed(Guid Id, string OrganisationName, ObligationKind Kind, int Year, DateTime FiledAtUtc);

    public sealed record Waiting(Guid Id, DecisionKind Kind, string OrganisationName, string Article, DateTime ProposedAtUtc);

    public ManagementReview Review { get; private set; } = new([], []);

    public IReadOnlyList<Filed> ToReview { get; private set; } = [];

    public IReadOnlyList<Waiting> Proposed { get; private set; } = [];

    /// <summary>Designations with a proposal waiting for the associations: no second proposal is suggested for them.</summary>
    public IReadOnlySet<Guid> PendingDesignations { get; private set; } = new HashSet<Guid>();

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var ended = new[] { DesignationStatus.Cancelled, DesignationStatus.Disqualified, DesignationStatus.Revoked };
        var designations = await db.Designations.AsNoTracking().Where(d => !ended.Contains(d.Status)).ToListAsync();
        var ids = designations.Select(d => d.Id).ToList();
        var obligations = await db.Obligations.AsNoTracking().Where(o => ids.Contains(o.DesignationId)).ToListAsync();
        Review = DynamicManagement.Review(designations, obligations, Today);
        var names = designations.ToDictionary(d => d.Id, d => d.OrganisationName);
        ToReview = [.. obligations.Where(o => o.Status == ObligationStatus.Filed).OrderBy(o => o.FiledAtUtc)
            .Select(o => new Filed(o.Id, names[o.DesignationId], o.Kind, o.Year, o.FiledAtUtc ?? default))];
        Proposed = await db.Decisions.AsNoTracking().Where(d => d.Status == DecisionStatus.Proposed && d.DesignationId != null).OrderBy(d => d.ProposedAtUtc)
            .Select(d => new Waiting(d.Id, d.Kind, d.OrganisationName, d.Article, d.ProposedAtUtc)).ToListAsync();
        PendingDesignations = (await db.Decisions.AsNoTracking().Where(d => d.Status == DecisionStatus.Proposed && d.DesignationId != null)
            .Select(d => d.DesignationId!.Value).ToListAsync()).ToHashSet();
    }
}
