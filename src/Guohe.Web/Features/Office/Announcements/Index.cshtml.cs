using Guohe.Domain.Announcements;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Announcements;

/// <summary>The office's announcements (公示管理, Art. 11(7)): drafts, published and closed, with their objections and how many still await handling; paged.</summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, AnnouncementPhase Phase, int Objections, int Unhandled);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Announcements { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var page = await Paging.ReadAsync(Query(db), PageNumber, cancellationToken: HttpContext.RequestAborted);
        Announcements = new Paged<Row>(
            [.. page.Items.Select(a => new Row(a.Id, a.Title, a.StartsOn, a.EndsOn, Announcement.Phase(a.Status, a.StartsOn, a.EndsOn, now), a.Objections, a.Unhandled))],
            page.Page, page.PageSize, page.Total);
    }

    public string Link(int page) => $"?p={page}";

    /// <summary>An announcement in the office's list, with its objections and how many await handling.</summary>
    public sealed record Listed(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, AnnouncementStatus Status, int Objections, int Unhandled);

    /// <summary>Every announcement, drafts included, open ones first — this page and /api/v1/announcements for the office.</summary>
    public static IQueryable<Listed> Query(GuoheDbContext db) =>
        db.Announcements.AsNoTracking()
            .OrderBy(a => a.Status == AnnouncementStatus.Closed).ThenByDescending(a => a.StartsOn).ThenByDescending(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Select(a => new Listed(a.Id, a.Title, a.StartsOn, a.EndsOn, a.Status,
                db.Objections.Count(o => o.AnnouncementId == a.Id),
                db.Objections.Count(o => o.AnnouncementId == a.Id && o.Outcome == null)));
}
