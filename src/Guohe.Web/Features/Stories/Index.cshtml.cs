using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Stories;

/// <summary>成功案例: the published success stories (Art. 7(4), 17) for anyone, newest first, paged, each with its first picture.</summary>
[AllowAnonymous]
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Excerpt, DateTime? PublishedAtUtc, Guid? PictureId);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Stories { get; private set; } = new([], 1, 10, 0);

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var page = await Paging.ReadAsync(
            db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published).OrderByDescending(s => s.PublishedAtUtc)
                .Select(s => new { s.Id, s.Title, s.Text, s.PublishedAtUtc }),
            PageNumber, 10, cancellationToken);
        var ids = page.Items.Select(s => s.Id).ToList();
        var pictures = (await db.StoredFiles.AsNoTracking()
                .Where(f => ids.Contains(f.OwnerId) && f.Kind == DocumentKind.StoryPicture && f.DeletedAtUtc == null)
                .Select(f => new { f.OwnerId, f.Id, f.UploadedAtUtc })
                .ToListAsync(cancellationToken))
            .GroupBy(f => f.OwnerId).ToDictionary(g => g.Key, g => g.OrderBy(f => f.UploadedAtUtc).First().Id);
        Stories = new Paged<Row>(
            [.. page.Items.Select(s => new Row(s.Id, s.Title, Excerpt(s.Text), s.PublishedAtUtc, pictures.TryGetValue(s.Id, out var picture) ? picture : null))],
            page.Page, page.PageSize, page.Total);
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..120] + "…";

    public string Link(int page) => $"?p={page}";
}
