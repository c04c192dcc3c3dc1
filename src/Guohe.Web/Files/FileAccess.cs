using System.Security.Claims;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Files;

/// <summary>
/// Who may see an application, a designation and their records (SPEC §1; ASVS 8.2.2, object-level access). The one place of
/// these rules: the pages' single-object checks (<see cref="MaySeeAsync(GuoheDbContext, ClaimsPrincipal, Guid, CancellationToken)"/>)
/// and the REST API's lists (docs/decisions/0008-rest-api.md) both ask the queries below.
/// </summary>
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
    public static async Task<bool> MaySeeDesignationAsync(GuoheDbContext db, ClaimsPrincipal user, Guid designationId, CancellationToken cancellationToken = default) =>
        await (await DesignationsAsync(db, user, designationId, cancellationToken)).AnyAsync(d => d.Id == designationId, cancellationToken);

    public static async Task<bool> MaySeeAsync(GuoheDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default) =>
        await (await ApplicationsAsync(db, user, applicationId, cancellationToken)).AnyAsync(a => a.Id == applicationId, cancellationToken);

    /// <summary>
    /// The applications the user may see: every one for the office, the associations and the auditor; the unit's own; those
    /// naming the recommender's organisation; for an expert, those whose site visit he is on and has declared no conflict for
    /// (Art. 11(4): nothing before the declaration). <paramref name="only"/> narrows the experts' look-up to one application.
    /// </summary>
    public static async Task<IQueryable<Application>> ApplicationsAsync(
        GuoheDbContext db, ClaimsPrincipal user, Guid? only = null, CancellationToken cancellationToken = default)
    {
        var all = db.Applications.AsNoTracking();
        var organisation = user.Organisation();
        switch (user.Role())
        {
            case Role.Office or Role.Association or Role.Auditor:
                return all;
            case Role.Applicant when organisation is not null:
                return all.Where(a => a.OrganisationId == organisation);
            case Role.Recommender when organisation is not null:
                return all.Where(a => a.RecommenderOrganisationId == organisation);
            case Role.Expert:
                var ids = await DeclaredSubjectsAsync(db, user.Id(), SiteVisitPurpose.ApplicationReview, only, cancellationToken);
                return all.Where(a => ids.Contains(a.Id));
            default:
                return all.Where(a => false);
        }
    }

    /// <summary>
    /// The applications as the lists and review pages show them: a draft only to its own unit (the office's queues, its review
    /// page and the recommender's review page never show one).
    /// </summary>
    public static async Task<IQueryable<Application>> ListedApplicationsAsync(
        GuoheDbContext db, ClaimsPrincipal user, Guid? only = null, CancellationToken cancellationToken = default)
    {
        var visible = await ApplicationsAsync(db, user, only, cancellationToken);
        return user.Role() == Role.Applicant ? visible : visible.Where(a => a.Status != ApplicationStatus.Draft);
    }

    /// <summary>The designations the user may see (see <see cref="MaySeeDesignationAsync"/>).</summary>
    public static async Task<IQueryable<Designation>> DesignationsAsync(
        GuoheDbContext db, ClaimsPrincipal user, Guid? only = null, CancellationToken cancellationToken = default)
    {
        var all = db.Designations.AsNoTracking();
        var organisation = user.Organisation();
        switch (user.Role())
        {
            case Role.Office or Role.Association or Role.Auditor:
                return all;
            case Role.Applicant when organisation is not null:
                return all.Where(d => d.OrganisationId == organisation);
            case Role.Expert:
                var ids = await DeclaredSubjectsAsync(db, user.Id(), SiteVisitPurpose.AcceptanceEvaluation, only, cancellationToken);
                return all.Where(d => ids.Contains(d.Id));
            default:
                return all.Where(d => false);
        }
    }

    /// <summary>The plans and summaries the user may see: those of the designations he may see.</summary>
    public static async Task<IQueryable<Obligation>> ObligationsAsync(GuoheDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var designations = await DesignationsAsync(db, user, null, cancellationToken);
        return db.Obligations.AsNoTracking().Where(o => designations.Any(d => d.Id == o.DesignationId));
    }

    /// <summary>
    /// The registered organisations the user may see: all of them for the office (单位); the unit's own for an applicant (its
    /// home page); none for the other roles, whose pages show organisations only inside an application or a decision.
    /// </summary>
    public static IQueryable<Organisation> Organisations(GuoheDbContext db, ClaimsPrincipal user)
    {
        var all = db.Organisations.AsNoTracking();
        var organisation = user.Organisation();
        return user.Role() switch
        {
            Role.Office => all,
            Role.Applicant when organisation is not null => all.Where(o => o.Id == organisation),
            _ => all.Where(o => false),
        };
    }

    /// <summary>The subjects (applications or designations) of the visits the expert is on and has declared no conflict for.</summary>
    private static async Task<List<Guid>> DeclaredSubjectsAsync(
        GuoheDbContext db, Guid expert, SiteVisitPurpose purpose, Guid? only, CancellationToken cancellationToken)
    {
        var visits = db.SiteVisits.AsNoTracking().Where(v => v.Purpose == purpose);
        if (only is { } subject)
        {
            visits = visits.Where(v => v.SubjectId == subject);
        }
        // The team and the declarations are JSON columns: checked in memory.
        return [.. (await visits.ToListAsync(cancellationToken)).Where(v => v.HasDeclaredNoConflict(expert)).Select(v => v.SubjectId).Distinct()];
    }
}
