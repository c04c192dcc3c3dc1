using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;

namespace Guohe.Web.Features.Office.Obligations;

/// <summary>
/// The office's moves on a Form 2, 3 or 4, whoever asks — the page <see cref="ReviewModel"/> or the API
/// (docs/decisions/0008-rest-api.md): the written review opinion with, for an annual summary, the 年度复核 conclusion
/// (Art. 12(1), 12(3), 12(4), 13(2)), or a later due date with a reason; then the save and the unit's notice.
/// </summary>
public static class ObligationReviewing
{
    /// <summary>
    /// Reviews the filed obligation (the conclusion only counts for an annual summary). Throws DomainException when the state
    /// or the opinion does not allow it, DbUpdateConcurrencyException on a stale version (the caller sets the original value).
    /// </summary>
    public static async Task ReviewAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, Obligation obligation, Actor actor, DateTime now, string? opinion, ReviewConclusion? conclusion,
        CancellationToken cancellationToken = default)
    {
        obligation.Review(actor, now, opinion ?? string.Empty, obligation.Kind == ObligationKind.AnnualSummary ? conclusion : null);
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(notifier, obligation,
            $"您单位{obligation.Year}年{Designations.DesignationText.Obligation(obligation.Kind)}已由办公室审核，请查看审核意见。",
            $"The office has reviewed your {Designations.DesignationText.ObligationEn(obligation.Kind)} for {obligation.Year}; see its opinion.");
    }

    /// <summary>Gives the open obligation a later due date (field <c>NewDueDate</c> when none is given). Throws as <see cref="ReviewAsync"/>.</summary>
    public static async Task ExtendAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, Obligation obligation, Actor actor, DateTime now, DateOnly? newDueDate, string? reason,
        CancellationToken cancellationToken = default)
    {
        if (newDueDate is not { } due)
        {
            throw new DomainException(new Problem("obligation.due", "请填写新的截止日期。", "Enter the new due date.", "NewDueDate"));
        }
        obligation.ExtendDeadline(actor, now, due, reason ?? string.Empty);
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(notifier, obligation,
            $"您单位{obligation.Year}年{Designations.DesignationText.Obligation(obligation.Kind)}的提交期限已延长至{ChinaTime.Zh(obligation.DueDate)}。",
            $"The due date of your {Designations.DesignationText.ObligationEn(obligation.Kind)} for {obligation.Year} is now {ChinaTime.Iso(obligation.DueDate)}.");
    }

    private static async Task NotifyAsync(Guohe.Web.Notifications.Notifier notifier, Obligation obligation, string zh, string en)
    {
        await notifier.UnitAsync(obligation.OrganisationId, zh, en, "/Applicant/Obligations");
        await notifier.SaveAsync();
    }
}
