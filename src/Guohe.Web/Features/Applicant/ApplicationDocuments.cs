using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant;

/// <summary>
/// Uploading a filing document of Form 1 (SPEC §3), whoever asks — the page <see cref="DocumentsModel"/> or the API: which
/// application takes uploads, the empty and size checks before reading, the file store's checks, and the refusal's text.
/// The office's proposal of a decision stores its facts the same way (<see cref="Office.Decisions.DecisionProposing"/>).
/// </summary>
public static class ApplicationDocuments
{
    /// <summary>The organisation's newest application still in the applicant's hands (a draft or returned for revision).</summary>
    public static Task<Guid?> EditableApplicationIdAsync(GuoheDbContext db, Guid? organisationId) =>
        db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId
                && (a.Status == ApplicationStatus.Draft || a.Status == ApplicationStatus.ReturnedForRevision))
            .OrderByDescending(a => a.CreatedAtUtc).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();

    /// <summary>Stores the upload as the current file of its kind (the old one stays as history); the refusal, or the stored file.</summary>
    public static async Task<SaveResult> UploadAsync(FileStore store, FileOwner owner, DocumentKind kind, IFormFile? upload, Guid userId, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            return new SaveResult(null, Refusal.Empty);
        }
        if (upload.Length > store.MaxBytes)
        {
            return new SaveResult(null, Refusal.TooLarge);
        }
        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }
        return await store.SaveAsync(new Upload(owner, kind, upload.FileName, content), userId, cancellationToken);
    }

    /// <summary>Why an upload was refused: the Chinese text (a resource key) and its arguments.</summary>
    public static (string Zh, object[] Args) Refused(Refusal refusal, long maxBytes) => refusal switch
    {
        Refusal.Empty => ("文件是空的，请选择要上传的文件。", []),
        Refusal.TooLarge => ("文件超过{0}的大小上限。", [Sizes.Format(maxBytes)]),
        Refusal.DisguisedExtension => ("文件内容与扩展名不符，请上传真实的 PDF、JPEG、PNG 或 DOCX 文件。", []),
        Refusal.Unsafe => ("文件含外部链接或异常内容（如压缩炸弹），不予接受。请去掉链接后另存再上传。", []),
        Refusal.Macro => ("含宏的 Word 文档不予接受，请另存为不含宏的 DOCX 文件后上传。", []),
        _ => ("不接受此文件类型，只接受 PDF、JPEG、PNG、DOCX 文件。", []),
    };
}
