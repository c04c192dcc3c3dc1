using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Files;

/// <summary>
/// Downloads a stored file, only for users who may see its application or designation; anyone else gets 404, so ids reveal nothing
/// (ASVS 8.2.2). Always an attachment with <c>nosniff</c> (QUALITY.md, uploads); every ID-copy download is recorded (QUALITY.md, audit).
/// </summary>
[Authorize]
public sealed partial class DownloadModel(GuoheDbContext db, FileStore store, TimeProvider clock, ILogger<DownloadModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.DeletedAtUtc == null);
        if (file is null || !await ApplicationAccess.MaySeeAsync(db, User, file, HttpContext.RequestAborted))
        {
            LogRefused(logger, User.Id(), User.Role()?.ToString() ?? "-", id);
            return NotFound();
        }
        var content = await store.ReadAsync(file, HttpContext.RequestAborted);
        if (content is null)
        {
            LogMissing(logger, id);
            return NotFound();
        }
        if (file.Kind == DocumentKind.LegalRepresentativeId)
        {
            db.IdCopyViews.Add(new IdCopyView
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                StoredFileId = file.Id,
                UserId = User.Id(),
                Role = User.Role()?.ToString() ?? string.Empty,
                AtUtc = clock.GetUtcNow().UtcDateTime,
                Ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            });
            // The audit log's record goes with the view record, in one transaction, before a byte is sent (QUALITY.md, audit; PIPL Art. 51).
            db.AddAuditEvent(Guohe.Web.Audit.AuditEvent.IdCopyDownload, $"StoredFile:{file.Id}", detail: $"Application:{file.ApplicationId}; {file.OriginalName}");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        HttpContext.Items[Guohe.Web.Audit.AuditSetup.RecordedKey] = true; // filed documents are not exports; ID copies are recorded above
        Response.Headers.XContentTypeOptions = "nosniff";
        // File(…, fileDownloadName) sends Content-Disposition: attachment with filename* (RFC 5987).
        return File(new MemoryStream(content, writable: false), file.ContentType, file.OriginalName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "File download refused: user {UserId} ({Role}) asked for file {FileId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string role, Guid fileId);

    [LoggerMessage(Level = LogLevel.Error, Message = "File {FileId} has a row but no bytes on disk")]
    private static partial void LogMissing(ILogger logger, Guid fileId);
}
