using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Applications;

/// <summary>
/// The office's queues: applications by state with counts (Art. 7(1), 11), searchable, paged; the same list as an .xlsx file
/// (<c>?handler=Export</c>) with the filters in force.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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
        Applications = await Paging.ReadAsync(Rows(), PageNumber);
    }

    /// <summary>Every application the filters select, unpaged, as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await Rows().ToListAsync();
        return this.Spreadsheet(l["申请列表"], clock, rows,
        [
            new(l["编号"], r => r.Number),
            new(l["单位名称"], r => r.OrganisationName),
            new(l["申报批次"], r => r.BatchName),
            new(l["状态"], r => Cultures.IsEnglish ? r.Status.ToString() : ApplicationLifecycle.Table.StateZh(r.Status)),
            new(l["申报途径"], r => r.Route == ApplicationRoute.Recommended ? l["推荐"].Value : l["自行申请"].Value),
            new(l["提交时间（北京时间）"], r => r.SubmittedAtUtc?.Add(ChinaTime.Offset)),
            new(l["纸质材料收到日期"], r => r.PaperCopiesReceivedOn),
        ]);
    }

    /// <summary>The one query of the list and its export: the chosen state, the search, in the order of submission.</summary>
    private IQueryable<Row> Rows()
    {
        var query = db.Applications.AsNoTracking().Where(a => a.Status == Status);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            query = query.Where(a => a.OrganisationName.Contains(text) || (a.Number != null && a.Number.Contains(text)));
        }
        return from a in query
               join b in db.Batches on a.BatchId equals b.Id
               orderby a.SubmittedAtUtc, a.CreatedAtUtc
               select new Row(a.Id, a.Number, a.OrganisationName, b.Name, a.Status, a.Route, a.SubmittedAtUtc, a.PaperCopiesReceivedOn);
    }

    public string Link(int page) => $"?status={Status}&search={Uri.EscapeDataString(Search ?? string.Empty)}&p={page}";
}
