using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Recommender;

/// <summary>
/// The recommender's decision (Art. 11(1); Form 1 区域联络办推荐意见), whoever asks — <see cref="ReviewModel"/> or the API:
/// which applications it may act on, the move with its opinion, the save and the notices.
/// </summary>
public static class Recommending
{
    /// <summary>The applications that named the recommender's organisation (never a draft).</summary>
    public static IQueryable<DomainApplication> Of(GuoheDbContext db, Guid? organisationId) =>
        organisationId is null
            ? db.Applications.Where(_ => false)
            : db.Applications.Where(a => a.RecommenderOrganisationId == organisationId && a.Status != ApplicationStatus.Draft);

    /// <summary>Endorses to the office or declines back to the unit, saves, notifies. Throws DomainException or DbUpdateConcurrencyException.</summary>
    public static async Task DecideAsync(GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, DomainApplication application, Actor actor, DateTime now, bool endorse, string opinion)
    {
        if (endorse)
        {
            application.Endorse(actor, now, opinion);
        }
        else
        {
            application.Decline(actor, now, opinion);
        }
        await db.SaveChangesAsync();
        await notifier.ApplicationMovedAsync(application);
    }
}
