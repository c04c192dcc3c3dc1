using System.Security.Claims;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Files;

/// <summary>Who may see an application and so its files (SPEC §1; ASVS 8.2.2, object-level access).</summary>
public static class ApplicationAccess
{
    /// <summary>Whether the user may see the file: through its application, or through its designation.</summary>
    public static Task<bool> MaySeeAsync(GuoheDbContext db, ClaimsPrincipal user, StoredFile file, CancellationToken cancellationToken = default) =>
        file switch
        {
            { ApplicationId: { } application } => MaySeeAsync(db, user, application, cancellationToken),
            { DesignationId: { } designation } => MaySeeDesignationAsync(db, user, designation, cancellationToken),
            _ => Task.FromResult(false),
        };

    /// <summary>
    /// A designation's records (plans, summaries, evaluations, decisions, fees): the office, the associations and the auditor;
    /// the unit itself; an expert on one of its acceptance evaluations who has declared no conflict.
    /// </summary>
    public static async Task<bool> MaySeeDesignationAsync(GuoheDbContext db, ClaimsPrincipal user, Guid designationId, CancellationToken cancellationToken = default)
    {
        var organisationId = await db.Designations.AsNoTracking().Where(d => d.Id == designationId).Select(d => (Guid?)d.OrganisationId).SingleOrDefaultAsync(cancellationToken);
        if (organisationId is null)
        {
            return false;
        }
        switch (user.Role())
        {
            case Role.Office or Role.Association or Role.Auditor:
                return true;
            case Role.Applicant:
                return user.Organisation() == organisationId;
            case Role.Expert:
                var expert = user.Id();
                var visits = await db.SiteVisits.AsNoTracking()
                    .Where(v => v.SubjectId == designationId && v.Purpose == SiteVisitPurpose.AcceptanceEvaluation)
                    .ToListAsync(cancellationToken);
                return visits.Any(v => v.HasDeclaredNoConflict(expert));
            default:
                return false;
        }
    }

    public static async Task<bool> MaySeeAsync(GuoheDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == applicationId)
            .Select(a => new { a.OrganisationId, a.RecommenderOrganisationId }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return false;
        }
        var organisation = user.Organisation();
        switch (user.Role())
        {
            case Role.Office or Role.Association or Role.Auditor:
                return true;
            case Role.Applicant:
                return organisation is not null && application.OrganisationId == organisation;
            case Role.Recommender:
                return organisation is not null && application.RecommenderOrganisationId == organisation;
            case Role.Expert:
                var expert = user.Id();
                var visits = await db.SiteVisits.AsNoTracking()
                    .Where(v => v.SubjectId == applicationId && v.Purpose == SiteVisitPurpose.ApplicationReview)
                    .ToListAsync(cancellationToken);
                // Art. 11(4): an expert sees nothing of the application before declaring no conflict of interest.
                return visits.Any(v => v.HasDeclaredNoConflict(expert));
            default:
                return false;
        }
    }
}
