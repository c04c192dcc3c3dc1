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
        var result = await Uploads.SaveAsync(store, FileOwner.OfApplication(applicationId), kind, upload, UploadRule.Any(store), User.Id(), cancellationToken: HttpContext.RequestAborted);
        return result.Refusal is { } refusal ? Refuse(kind, refusal) : RedirectToPage();
    }

    private PageResult Refuse(DocumentKind kind, Refusal refusal)
    {
        var (zh, args) = Uploads.Refused(refusal, UploadRule.Any(store));
        Error = (kind, l[zh, args]);
        return Page();
    }

    /// <summary>The organisation's newest application still in the applicant's hands, and its current files.</summary>
    private async Task LoadAsync()
    {
        var organisation = User.Organisation();
        ApplicationId = await ApplicationDocuments.EditableApplicationIdAsync(db, organisation);
        if (ApplicationId is null)
        {
            return;
        }
        var files = await db.StoredFiles.AsNoTracking().Where(f => f.ApplicationId == ApplicationId && f.DeletedAtUtc == null)
            .Select(f => new { f.Kind, View = new FileView(f.Id, f.OriginalName, f.Size, f.UploadedAtUtc) }).ToListAsync();
        Current = files.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.View.UploadedAtUtc).First().View);
    }
}
