using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// What an expert does on a visit (Art. 11(4)–(5), 13(2)), whoever asks — the pages (<see cref="ExpertVisitPageModel"/>) or
/// the API: the visits whose team the expert is on, the declaration of no conflict, filing the written opinion and, with the
/// last one, moving the subject on in the same transaction.
/// </summary>
public static class ExpertVisits
{
    /// <summary>The visits of the purpose whose team includes the expert (anyone else gets 404).</summary>
    public static async Task<SiteVisit?> OnTeamAsync(GuoheDbContext db, Guid visitId, SiteVisitPurpose purpose, Guid expertUserId)
    {
        var visit = await db.SiteVisits.SingleOrDefaultAsync(v => v.Id == visitId && v.Purpose == purpose);
        return visit is null || visit.Team.All(t => t.ExpertUserId != expertUserId) ? null : visit;
    }

    /// <summary>A visit of either purpose whose team includes the expert (the API's /site-visits serve both).</summary>
    public static async Task<SiteVisit?> OnTeamAsync(GuoheDbContext db, Guid visitId, Guid expertUserId)
    {
        var visit = await db.SiteVisits.SingleOrDefaultAsync(v => v.Id == visitId);
        return visit is null || visit.Team.All(t => t.ExpertUserId != expertUserId) ? null : visit;
    }

    public static async Task DeclareNoConflictAsync(GuoheDbContext db, SiteVisit visit, Actor actor, DateTime now)
    {
        visit.DeclareNoConflict(actor, now);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Files the first opinion; when it is the last of the team, <paramref name="complete"/> moves the subject on before the
    /// save. Returns whether it did (the caller announces it). Throws DomainException or DbUpdateConcurrencyException.
    /// </summary>
    public static async Task<bool> FileOpinionAsync(
        GuoheDbContext db, SiteVisit visit, Actor actor, DateTime now, ExpertScores scores, OverallRecommendation recommendation, string text,
        Func<Actor, DateTime, bool> complete)
    {
        visit.FileOpinion(actor, now, scores, recommendation, text);
        var completed = visit.AllOpinionsFiled && complete(actor, now);
        await db.SaveChangesAsync();
        return completed;
    }

    /// <summary>
    /// Amends the expert's filed opinion: a new revision with a reason, the earlier one kept (Art. 11(5), 13(2)). Throws
    /// DomainException (nothing filed yet, no reason) or DbUpdateConcurrencyException.
    /// </summary>
    public static async Task AmendOpinionAsync(
        GuoheDbContext db, SiteVisit visit, Actor actor, DateTime now, ExpertScores scores, OverallRecommendation recommendation, string text, string? reason)
    {
        visit.AmendOpinion(actor, now, scores, recommendation, text, reason ?? string.Empty);
        await db.SaveChangesAsync();
    }

    /// <summary>The last evaluation opinion of an acceptance is in: the office is asked to propose the outcome (Art. 13(3)).</summary>
    public static async Task AnnounceEvaluationCompleteAsync(Guohe.Web.Notifications.Notifier notifier, Domain.Designations.Designation designation)
    {
        await notifier.RoleAsync(Role.Office, null,
            $"{designation.OrganisationName}现场评估的专家书面评估意见已全部提交，请提出验收结论（《办法》第十三条）。",
            $"All experts' evaluation opinions on {designation.OrganisationName} are in; propose the acceptance outcome (Art. 13).",
            $"/Office/Acceptance/Evaluate/{designation.Id}");
        await notifier.SaveAsync();
    }

    /// <summary>The application of a site visit moves on when every opinion is in (CompleteOpinions, an expert's row of the transition table).</summary>
    public static bool CompleteApplication(DomainApplication application, SiteVisit visit, Actor actor, DateTime now)
    {
        if (application.Status != ApplicationStatus.SiteVisit || application.SiteVisitId != visit.Id)
        {
            return false;
        }
        application.CompleteOpinions(actor, now, visit);
        return true;
    }
}
