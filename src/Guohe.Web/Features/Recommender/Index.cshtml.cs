using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Recommender;

/// <summary>
/// The recommender's queue (Art. 11(1)): applications that named the signed-in user's organisation — those waiting for
/// its recommendation first, then those it has already endorsed or declined.
/// </summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    /// <summary>At most this many rows per list; a recommender's queue is small.</summary>
    public const int Cap = 50;

    public sealed record Row(Guid Id, string? Number, string OrganisationName, string BatchName, ApplicationStatus Status, DateTime? SubmittedAtUtc, DateTime? RecommendedAtUtc);

    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public int WaitingCount { get; private set; }

    public IReadOnlyList<Row> Handled { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var organisationId = User.Organisation();
        if (organisationId is null)
        {
            return;
        }
        var mine = db.Applications.AsNoTracking().Where(a => a.RecommenderOrganisationId == organisationId);
        var waiting = mine.Where(a => a.Status == ApplicationStatus.AwaitingRecommendation);
        WaitingCount = await waiting.CountAsync();
        Waiting = await (from a in waiting
                         join b in db.Batches on a.BatchId equals b.Id
                         orderby a.SubmittedAtUtc, a.CreatedAtUtc
                         select new Row(a.Id, a.Number, a.OrganisationName, b.Name, a.Status, a.SubmittedAtUtc, a.RecommendedAtUtc)).Take(Cap).ToListAsync();
        Handled = await (from a in mine
                         where a.Status != ApplicationStatus.AwaitingRecommendation && a.RecommendedAtUtc != null
                         join b in db.Batches on a.BatchId equals b.Id
                         orderby a.RecommendedAtUtc descending
                         select new Row(a.Id, a.Number, a.OrganisationName, b.Name, a.Status, a.SubmittedAtUtc, a.RecommendedAtUtc)).Take(Cap).ToListAsync();
    }
}
