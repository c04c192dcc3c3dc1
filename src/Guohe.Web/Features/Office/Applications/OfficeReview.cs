using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Office.Applications;

/// <summary>
/// The office's moves on a submitted application, whoever asks — <see cref="ReviewModel"/> or the API: preliminary review
/// (Art. 11(3)), the paper copies (Form 1 note), the proposal to grant the pilot title with its decision for the associations
/// (Art. 11(6)) or the non-approval; then the save and the notices.
/// </summary>
public static class OfficeReview
{
    /// <summary>Every submitted application (the office never acts on a draft).</summary>
    public static IQueryable<DomainApplication> Submitted(GuoheDbContext db) => db.Applications.Where(a => a.Status != ApplicationStatus.Draft);

    /// <summary>
    /// Performs one of <see cref="ReviewModel.Handled"/>; a problem the caller shows (field <c>ReceivedOn</c> or none) when
    /// the move cannot be made as asked, otherwise null after the save and the notices. Throws DomainException on an
    /// illegal move and DbUpdateConcurrencyException on a stale version.
    /// </summary>
    public static async Task<Problem?> ActAsync(
        GuoheDbContext db, Guohe.Web.Notifications.Notifier notifier, DomainApplication application, ApplicationTrigger trigger, Actor actor, DateTime now,
        string? opinion, DateOnly? receivedOn)
    {
        switch (trigger)
        {
            case ApplicationTrigger.PassPreliminaryReview:
                application.PassPreliminaryReview(actor, now, opinion);
                break;
            case ApplicationTrigger.ReturnForRevision:
                application.ReturnForRevision(actor, now, opinion ?? string.Empty);
                break;
            case ApplicationTrigger.RejectPreliminaryReview:
                application.RejectPreliminaryReview(actor, now, opinion ?? string.Empty);
                break;
            case ApplicationTrigger.RecordPaperCopies when receivedOn is { } received:
                application.RecordPaperCopies(actor, now, received);
                break;
            case ApplicationTrigger.RecordPaperCopies:
                return new Problem("paper.date", "请填写纸质材料收到日期。", "Enter the date the paper copies were received.", "ReceivedOn");
            case ApplicationTrigger.ProposeApproval:
                // The review-opinion letter (审核意见函) recommends approval; the two associations decide (Art. 11(6)).
                application.ProposeApproval(actor, now, opinion ?? string.Empty);
                db.Decisions.Add(Decision.ProposeGrantPilot(actor, now, application, opinion ?? string.Empty));
                break;
            case ApplicationTrigger.IssueNonApproval when await db.Decisions.AnyAsync(d => d.ApplicationId == application.Id && d.Status == DecisionStatus.Proposed):
                return new Problem("decision.pending", "授予试点单位的建议正等待两协会确认，不能同时出具不予批准的意见。",
                    "A proposal to grant the pilot title is waiting for the associations; a non-approval cannot be issued at the same time.");
            case ApplicationTrigger.IssueNonApproval:
                application.IssueNonApproval(actor, now, opinion ?? string.Empty);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not an office review move.");
        }
        await db.SaveChangesAsync();
        if (trigger == ApplicationTrigger.RecordPaperCopies)
        {
            // Not a move: the unit and its liaison hear what was recorded, not a state (Art. 8).
            var number = application.Number ?? string.Empty;
            var on = ChinaTime.Iso(application.PaperCopiesReceivedOn!.Value);
            await notifier.UnitAsync(application.OrganisationId, $"办公室已于{on}收到您单位申请{number}的纸质材料。",
                $"The office received the paper copies of your application {number} on {on}.", "/Applicant/Application");
            await notifier.SaveAsync();
        }
        else
        {
            await notifier.ApplicationMovedAsync(application);
        }
        return null;
    }
}
