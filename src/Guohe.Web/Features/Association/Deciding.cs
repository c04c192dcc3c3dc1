using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Association;

/// <summary>
/// An association approver confirms or rejects a proposed decision (Art. 11(6), 13(3), 14), whoever asks — <see cref="DecideModel"/>
/// or the API: the decision with its target, the verb (the domain refuses the proposer), the effect in the same transaction
/// (a designation opened, a ban), the statistics cache and the notices.
/// </summary>
public static class Deciding
{
    public sealed record Target(Decision Decision, DomainApplication? Application, Designation? Designation);

    public static async Task<Target?> LoadAsync(GuoheDbContext db, Guid id)
    {
        if (await db.Decisions.SingleOrDefaultAsync(d => d.Id == id) is not { } decision)
        {
            return null;
        }
        var application = decision.ApplicationId is { } applicationId ? await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId) : null;
        var designation = decision.DesignationId is { } designationId ? await db.Designations.SingleOrDefaultAsync(d => d.Id == designationId) : null;
        return new Target(decision, application, designation);
    }

    /// <summary>
    /// Confirms or rejects, saves, clears the statistics and notifies; false when the decision has no target to act on.
    /// Throws DomainException (e.g. the proposer confirming) or DbUpdateConcurrencyException.
    /// </summary>
    public static async Task<bool> DecideAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, Office.Statistics.StatisticsCache statistics, Target target, Actor actor, DateTime now,
        bool confirm, string? opinion)
    {
        var decision = target.Decision;
        if (!confirm)
        {
            decision.Reject(actor, now, opinion ?? string.Empty);
        }
        else if (decision.Kind == DecisionKind.GrantPilot && target.Application is { } application)
        {
            var outcome = decision.Confirm(actor, now, application, DesignationRules.Default, opinion);
            db.Designations.Add(outcome.OpenedDesignation!);
        }
        else if (target.Designation is { } designation)
        {
            var outcome = decision.Confirm(actor, now, designation, opinion);
            if (outcome.Ban is { } ban)
            {
                db.Bans.Add(ban);
            }
        }
        else
        {
            return false;
        }
        await db.SaveChangesAsync();
        if (confirm)
        {
            statistics.Invalidate(); // the statistics count titles granted, cancelled and revoked
        }
        if (confirm && target.Application is not null)
        {
            await notifier.ApplicationMovedAsync(target.Application);
        }
        else if (confirm && target.Designation is not null)
        {
            var kindZh = DecisionLifecycle.KindZh(decision.Kind);
            var ban = decision.BanId is null ? string.Empty : "两年内不得再次申请。";
            await notifier.UnitAsync(decision.OrganisationId,
                $"两协会已确认对您单位{kindZh}的决定（{Domain.History.Article.Zh(decision.Article)}）。{ban}",
                $"The associations confirmed the decision to {DecisionLifecycle.KindEn(decision.Kind)} concerning your unit ({decision.Article}).{(decision.BanId is null ? string.Empty : " It may not apply again for two years.")}",
                "/Applicant/Obligations");
            await notifier.SaveAsync();
        }
        return true;
    }
}
