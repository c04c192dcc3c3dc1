using Guohe.Domain.Common;
using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Stories;

/// <summary>
/// A success story's picture as an image (Art. 7(4)): to anyone while the story is published, otherwise only to the office;
/// everyone else gets 404. Served with its checked content type (PNG or JPEG) and <c>nosniff</c> (QUALITY.md, uploads).
/// </summary>
[AllowAnonymous]
public sealed class PictureModel(GuoheDbContext db, FileStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var file = await db.StoredFiles.AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == id && f.Kind == DocumentKind.StoryPicture && f.DeletedAtUtc == null, cancellationToken);
        if (file is null || (file.ContentType != FileContent.Png.ContentType && file.ContentType != FileContent.Jpeg.ContentType))
        {
            return NotFound();
        }
        var published = await db.Stories.AsNoTracking().AnyAsync(s => s.Id == file.OwnerId && s.Status == StoryStatus.Published, cancellationToken);
        var office = User.Role() == Role.Office;
        if (!published && !office)
        {
            return NotFound();
        }
        var content = await store.ReadAsync(file, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = published ? "public, max-age=300" : "private, no-store";
        return File(content, file.ContentType);
    }
}
