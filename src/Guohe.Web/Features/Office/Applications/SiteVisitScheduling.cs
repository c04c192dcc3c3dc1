using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Office.Applications;

/// <summary>
/// Scheduling the site visit of an application (Art. 11(4)), whoever asks — <see cref="SiteVisitModel"/> or the API: the
/// applications waiting for one, the pool of experts with their conflicts, the team's checks, the visit, the move, the notices.
/// </summary>
public static class SiteVisitScheduling
{
    public static IQueryable<DomainApplication> Waiting(GuoheDbContext db) => db.Applications.Where(a => a.Status == ApplicationStatus.PreliminaryPassed);

    public static Task<TeamPool> PoolAsync(GuoheDbContext db, DomainApplication application, DateTime now) =>
        db.TeamPoolAsync(application.OrganisationId, application.Profile.KeyFields, now);

    /// <summary>The team's problems: (field, Chinese text as resource key) — experts from the pool, the leader one of them.</summary>
    public static IEnumerable<(string Field, string Zh)> CheckTeam(TeamPool pool, IReadOnlyCollection<Guid> team, Guid? leader)
    {
        if (!pool.AllCandidates(team))
        {
            yield return ("Team", "请从列表中选择专家。");
        }
        if (leader is { } l && !team.Contains(l))
        {
            yield return ("Leader", "组长必须是专家组成员。");
        }
    }

    /// <summary>Schedules the visit, moves the application, saves, notifies. Throws DomainException or DbUpdateConcurrencyException.</summary>
    public static async Task<SiteVisit> ScheduleAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, DomainApplication application, TeamPool pool, Actor actor, DateTime now,
        DateOnly date, string place, string? notes, IReadOnlyCollection<Guid> team, Guid? leader, Func<Guid, string?> overrideOf)
    {
        var visit = SiteVisit.Schedule(actor, now, SiteVisitPurpose.ApplicationReview, application.Id, date, place, notes,
            pool.Assignments(team, leader, overrideOf));
        application.ScheduleSiteVisit(actor, now, visit);
        db.SiteVisits.Add(visit);
        await db.SaveChangesAsync();
        await notifier.ApplicationMovedAsync(application);
        return visit;
    }
}
