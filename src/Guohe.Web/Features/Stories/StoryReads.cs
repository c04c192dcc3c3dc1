using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Guohe.Web.Features.Units;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Stories;

/// <summary>The reads shared by the office's and the public story pages (Art. 7(4)).</summary>
public static class StoryReads
{
    /// <summary>The largest picture accepted (PNG or JPEG), within <c>Files:MaxBytes</c>.</summary>
    public const long PictureMaxBytes = 5L * 1024 * 1024;

    /// <summary>Pictures per story.</summary>
    public const int MaxPictures = 12;

    public static IReadOnlyList<AllowedType> PictureTypes { get; } = [FileContent.Png, FileContent.Jpeg];

    public sealed record Picture(Guid Id, string Name, long Size);

    /// <summary>A unit the story is about: its name and whether it has a public page now (then the name links to it).</summary>
    public sealed record UnitLink(Guid Id, string Name, bool Listed);

    public static Task<List<Picture>> PicturesAsync(GuoheDbContext db, Guid storyId, CancellationToken cancellationToken = default) =>
        db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerId == storyId && f.Kind == DocumentKind.StoryPicture && f.DeletedAtUtc == null)
            .OrderBy(f => f.UploadedAtUtc)
            .Select(f => new Picture(f.Id, f.OriginalName, f.Size))
            .ToListAsync(cancellationToken);

    public static async Task<List<UnitLink>> UnitsAsync(GuoheDbContext db, IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken = default)
    {
        var ids = organisationIds.ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var listed = (await PublicUnits.Query(db).Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        return [.. names.Select(n => new UnitLink(n.Id, n.Name, listed.Contains(n.Id))).OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    /// <summary>A published story, or null (unknown or not published: 404 to the public).</summary>
    public static Task<Story?> PublishedAsync(GuoheDbContext db, Guid id, CancellationToken cancellationToken = default) =>
        db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Status == StoryStatus.Published, cancellationToken);
}
