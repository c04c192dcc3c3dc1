using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Stories;

/// <summary>成功案例: the office's list of success stories (Art. 7(4)), drafts and published, newest first, paged.</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, StoryStatus Status, int Units, int Pictures, DateTime CreatedAtUtc, DateTime? PublishedAtUtc);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Stories { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync()
    {
        var page = await Paging.ReadAsync(db.Stories.AsNoTracking().OrderByDescending(s => s.CreatedAtUtc), PageNumber, cancellationToken: HttpContext.RequestAborted);
        var ids = page.Items.Select(s => s.Id).ToList();
        var pictures = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.OwnerId) && f.Kind == DocumentKind.StoryPicture && f.DeletedAtUtc == null)
            .GroupBy(f => f.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
        Stories = new Paged<Row>(
            [.. page.Items.Select(s => new Row(s.Id, s.Title, s.Status, s.OrganisationIds.Count, pictures.GetValueOrDefault(s.Id), s.CreatedAtUtc, s.PublishedAtUtc))],
            page.Page, page.PageSize, page.Total);
    }

    public static string StatusZh(StoryStatus status) => status switch
    {
        StoryStatus.Draft => "草稿",
        StoryStatus.Published => "已发布",
        _ => "已撤回",
    };

    public string Link(int page) => $"?p={page}";
}
