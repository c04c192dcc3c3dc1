using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Applications;

/// <summary>The office's queues: applications by state with counts (Art. 7(1), 11), filtered by batch and searchable, paged.</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string? Number, string OrganisationName, string BatchName, ApplicationStatus Status, ApplicationRoute Route, DateTime? SubmittedAtUtc, DateOnly? PaperCopiesReceivedOn);

    /// <summary>The states the office works on, in the order of the procedure.</summary>
    public static readonly ApplicationStatus[] Queues =
    [
        ApplicationStatus.Submitted, ApplicationStatus.PreliminaryPassed, ApplicationStatus.SiteVisit, ApplicationStatus.OpinionsComplete,
        ApplicationStatus.ProposedForApproval, ApplicationStatus.AwaitingRecommendation, ApplicationStatus.ReturnedForRevision,
        ApplicationStatus.Approved, ApplicationStatus.NotApproved, ApplicationStatus.PreliminaryRejected, ApplicationStatus.Withdrawn,
    ];

    [BindProperty(SupportsGet = true)]
    public ApplicationStatus Status { get; set; } = ApplicationStatus.Submitted;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyDictionary<ApplicationStatus, int> Counts { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public Paged<Row> Applications { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        Counts = await db.Applications.Where(a => a.Status != ApplicationStatus.Draft)
            .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);
        var query = db.Applications.AsNoTracking().Where(a => a.Status == Status);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            query = query.Where(a => a.OrganisationName.Contains(text) || (a.Number != null && a.Number.Contains(text)));
        }
        var rows = from a in query
                   join b in db.Batches on a.BatchId equals b.Id
                   orderby a.SubmittedAtUtc, a.CreatedAtUtc
                   select new Row(a.Id, a.Number, a.OrganisationName, b.Name, a.Status, a.Route, a.SubmittedAtUtc, a.PaperCopiesReceivedOn);
        Applications = await Paging.ReadAsync(rows, PageNumber);
    }

    public string Link(int page) => $"?status={Status}&search={Uri.EscapeDataString(Search ?? string.Empty)}&p={page}";
}
