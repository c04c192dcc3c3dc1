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
                return visits.Any(v => v.Team.Any(t => t.ExpertUserId == expert));
            default:
                return false;
        }
    }
}
