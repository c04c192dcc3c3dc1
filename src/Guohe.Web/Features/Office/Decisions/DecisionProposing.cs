using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Decisions;

/// <summary>
/// The office proposing a decision about a designation, whoever asks — the page <see cref="ProposeModel"/> or the API
/// (docs/decisions/0008-rest-api.md): one proposal at a time, the facts a revocation for a serious violation needs (Art. 14),
/// the domain's proposal (Art. 12(4), 14), the facts stored with it in one save, and the associations' notice.
/// </summary>
public static class DecisionProposing
{
    /// <summary>The kinds proposed here; acceptance decisions (Art. 13(3)) are proposed from the acceptance review.</summary>
    public static readonly DecisionKind[] Offered = [DecisionKind.DisqualifyPilot, DecisionKind.PublicNotice, DecisionKind.RevokeBase];

    public const string FactsRequired = "以严重违纪违规为由取消基地资格的，请上传事实材料（《办法》第十四条）。";

    /// <summary>One proposal at a time: a second one waits until the associations decide the first.</summary>
    public static readonly Problem Pending = new("decision.pending",
        "该单位已有待两协会确认的决定，请待其确认或不予确认后再提出。",
        "A decision on this unit is already waiting for the associations; propose again once they have decided it.");

    public static Task<bool> PendingAsync(GuoheDbContext db, Guid designationId, CancellationToken cancellationToken = default) =>
        db.Decisions.AnyAsync(d => d.DesignationId == designationId && d.Status == DecisionStatus.Proposed, cancellationToken);

    /// <summary>Whether the proposal must come with the facts (a base revoked for a serious violation, Art. 14).</summary>
    public static bool NeedsFacts(DecisionKind kind, RevocationGround? ground) =>
        kind == DecisionKind.RevokeBase && ground == RevocationGround.SeriousViolation;

    /// <summary>
    /// Proposes the decision and stores it with its facts (both or neither), then tells the associations: the decision, or the
    /// refusal of the facts file (Chinese text and arguments) with nothing stored. Throws DomainException when the designation
    /// does not allow the decision (Designation.CheckDecision).
    /// </summary>
    public static async Task<(Decision? Decision, string? RefusalZh, object[] Args)> ProposeAsync(
        GuoheDbContext db, FileStore store, Guohe.Web.Notifications.Notifier notifier, Designation designation, Actor actor, Guid userId, DateTime now,
        DecisionKind kind, RevocationGround? ground, string? reason, IFormFile? facts, CancellationToken cancellationToken = default)
    {
        var decision = Decision.Propose(actor, now, kind, designation, reason ?? string.Empty, kind == DecisionKind.RevokeBase ? ground : null);
        db.Decisions.Add(decision);
        if (facts is { Length: > 0 })
        {
            var result = await Uploads.SaveAsync(store, FileOwner.OfDesignation(designation.Id, decision.Id), DocumentKind.SupportingFacts, facts, UploadRule.Any(store), userId, cancellationToken: cancellationToken);
            if (result.Refusal is { } refusal)
            {
                db.Decisions.Remove(decision);
                var (zh, args) = Uploads.Refused(refusal, UploadRule.Any(store));
                return (null, zh, args);
            }
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        var kindZh = DecisionLifecycle.KindZh(kind);
        await notifier.RoleAsync(Role.Association, null,
            $"办公室提出对{designation.OrganisationName}{kindZh}（{Article.Zh(decision.Article)}），待您确认。",
            $"The Office proposes to {DecisionLifecycle.KindEn(kind)} for {designation.OrganisationName} ({decision.Article}); your confirmation is needed.",
            $"/Association/Decide/{decision.Id}");
        await notifier.SaveAsync();
        return (decision, null, []);
    }
}
