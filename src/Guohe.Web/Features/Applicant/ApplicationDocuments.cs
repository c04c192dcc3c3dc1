using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant;

/// <summary>
/// Uploading a filing document of Form 1 (SPEC §3), whoever asks — the page <see cref="DocumentsModel"/> or the API: which
/// application takes uploads. Reading, checking and storing the file, and the refusal's text, are <see cref="Uploads"/>'.
/// </summary>
public static class ApplicationDocuments
{
    /// <summary>The organisation's newest application still in the applicant's hands (a draft or returned for revision).</summary>
    public static Task<Guid?> EditableApplicationIdAsync(GuoheDbContext db, Guid? organisationId) =>
        db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId
                && (a.Status == ApplicationStatus.Draft || a.Status == ApplicationStatus.ReturnedForRevision))
            .OrderByDescending(a => a.CreatedAtUtc).Select(a => (Guid?)a.Id).FirstOrDefaultAsync();
}
