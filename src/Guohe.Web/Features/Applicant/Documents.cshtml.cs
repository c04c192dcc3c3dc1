using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Applicant;

/// <summary>
/// The applicant uploads the filing documents of its open application (SPEC §3): one current file per kind, a new upload
/// replaces the old one (kept as history). Checks and storage are the file store's (QUALITY.md, uploads).
/// </summary>
[UploadLimits]
public sealed class DocumentsModel(GuoheDbContext db, FileStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record FileView(Guid Id, string Name, long Size, DateTime UploadedAtUtc);

    public Guid? ApplicationId { get; private set; }

    public IReadOnlyDictionary<DocumentKind, FileView> Current { get; private set; } = new Dictionary<DocumentKind, FileView>();

    /// <summary>The refusal of the last upload, with its kind.</summary>
    public (DocumentKind Kind, string Message)? Error { get; private set; }

    public long MaxBytes => store.MaxBytes;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(DocumentKind kind, IFormFile? upload)
    {
        await LoadAsync();
        if (ApplicationId is not { } applicationId || !DocumentKinds.OfApplication.Contains(kind))
        {
            return Page();
        }
        if (upload is null || upload.Length == 0)
        {
            return Refuse(kind, Refusal.Empty);
        }
        if (upload.Length > store.MaxBytes)
        {
            return Refuse(kind, Refusal.TooLarge);
        }
        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
        }
        var result = await store.SaveAsync(new Upload(applicationId, kind, upload.FileName, content), User.Id(), HttpContext.RequestAborted);
        return result.Refusal is { } refusal ? Refuse(kind, refusal) : RedirectToPage();
    }

    private PageResult Refuse(DocumentKind kind, Refusal refusal)
    {
        Error = (kind, refusal switch
        {
            Refusal.Empty => l["文件是空的，请选择要上传的文件。"],
            Refusal.TooLarge => l["文件超过{0}的大小上限。", Sizes.Format(store.MaxBytes)],
            Refusal.DisguisedExtension => l["文件内容与扩展名不符，请上传真实的 PDF、JPEG、PNG 或 DOCX 文件。"],
            Refusal.Unsafe => l["文件含外部链接或异常内容（如压缩炸弹），不予接受。请去掉链接后另存再上传。"],
            Refusal.Macro => l["含宏的 Word 文档不予接受，请另存为不含宏的 DOCX 文件后上传。"],
            _ => l["不接受此文件类型，只接受 PDF、JPEG、PNG、DOCX 文件。"],
        });
        return Page();
    }

    /// <summary>The organisation's newest application still in the applicant's hands, and its current files.</summary>
    private async Task LoadAsync()
    {
        var organisation = User.Organisation();
        ApplicationId = await db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == organisation
                && (a.Status == ApplicationStatus.Draft || a.Status == ApplicationStatus.ReturnedForRevision))
            .OrderByDescending(a => a.CreatedAtUtc).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
        if (ApplicationId is null)
        {
            return;
        }
        var files = await db.StoredFiles.AsNoTracking().Where(f => f.ApplicationId == ApplicationId && f.DeletedAtUtc == null)
            .Select(f => new { f.Kind, View = new FileView(f.Id, f.OriginalName, f.Size, f.UploadedAtUtc) }).ToListAsync();
        Current = files.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.View.UploadedAtUtc).First().View);
    }
}
