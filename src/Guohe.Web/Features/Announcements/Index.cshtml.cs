using Guohe.Domain.Announcements;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Announcements;

/// <summary>The public list of announcements (公示, Art. 11(7)), current and past, newest period first, paged; no sign-in.</summary>
[AllowAnonymous]
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, AnnouncementPhase Phase);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Announcements { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var page = await Paging.ReadAsync(Published(db), PageNumber, cancellationToken: HttpContext.RequestAborted);
        Announcements = new Paged<Row>(
            [.. page.Items.Select(a => new Row(a.Id, a.Title, a.StartsOn, a.EndsOn, Announcement.Phase(a.Status, a.StartsOn, a.EndsOn, now)))],
            page.Page, page.PageSize, page.Total);
    }

    public string Link(int page) => $"?p={page}";

    /// <summary>An announcement as the lists read it (the phase follows from the status, the period and the time).</summary>
    public sealed record Listed(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, AnnouncementStatus Status);

    /// <summary>Every published or closed announcement, newest period first — this page and /api/v1/public/announcements.</summary>
    public static IQueryable<Listed> Published(GuoheDbContext db) =>
        db.Announcements.AsNoTracking().Where(a => a.Status != AnnouncementStatus.Draft)
            .OrderByDescending(a => a.StartsOn).ThenByDescending(a => a.PublishedAtUtc).ThenBy(a => a.Id)
            .Select(a => new Listed(a.Id, a.Title, a.StartsOn, a.EndsOn, a.Status));
}
