using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;

namespace Guohe.Domain.Decisions;

/// <summary>
/// What a confirmation produced, to be saved in the same transaction as the decision: the designation opened by a
/// GrantPilot decision, and the two-year ban imposed by a cancellation, disqualification or revocation.
/// </summary>
public sealed record DecisionOutcome(Designation? OpenedDesignation, Ban? Ban);

/// <summary>
/// A decision with legal effect, taken by two people (SPEC §2.5): the office proposes it with a written reason under an
/// article (Art. 7(1)); a different user in the association role confirms or rejects it (Art. 11(6), 12(4), 13(3), 14).
/// Only confirmation applies the effect, by calling the target's verb in the same call.
/// </summary>
public sealed class Decision : HistoryAggregate
{
    private Decision()
    {
        OrganisationName = string.Empty;
        Reason = string.Empty;
        Article = string.Empty;
        ProposedByName = string.Empty;
    }

    private static TransitionTable<DecisionStatus, DecisionTrigger> Table => DecisionLifecycle.Table;

    public DecisionKind Kind { get; private set; }

    public DecisionStatus Status { get; private set; }

    /// <summary>The target of a GrantPilot decision.</summary>
    public Guid? ApplicationId { get; private set; }

    /// <summary>The target of every other kind.</summary>
    public Guid? DesignationId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Uscc Uscc { get; private set; }

    public string OrganisationName { get; private set; }

    /// <summary>The office's written reason.</summary>
    public string Reason { get; private set; }

    /// <summary>The article the decision rests on, e.g. "Art. 12(4)".</summary>
    public string Article { get; private set; }

    /// <summary>For RevokeBase: two consecutive fails or a serious violation (Art. 14).</summary>
    public RevocationGround? Ground { get; private set; }

    public Guid ProposedByUserId { get; private set; }

    public string ProposedByName { get; private set; }

    public DateTime ProposedAtUtc { get; private set; }

    public Guid? DecidedByUserId { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    /// <summary>The decision date (China date of the confirmation or rejection); a ban runs from it.</summary>
    public DateOnly? DecisionDate { get; private set; }

    /// <summary>The associations' opinion on confirming or rejecting.</summary>
    public string? DecisionOpinion { get; private set; }

    /// <summary>The designation opened by a confirmed GrantPilot decision.</summary>
    public Guid? OpenedDesignationId { get; private set; }

    /// <summary>The ban imposed by a confirmed cancellation, disqualification or revocation.</summary>
    public Guid? BanId { get; private set; }

    protected override string AggregateType => Table.Name;

    /// <summary>The office proposes to grant the pilot title to an application whose review-opinion letter recommends it (Art. 11(6)).</summary>
    public static Decision ProposeGrantPilot(Actor actor, DateTime now, Application application, string reason, IReadOnlyList<Guid>? attachmentIds = null)
    {
        RequireUtc(now);
        Table.RequireStart(actor);
        if (ApplicationLifecycle.Table.Find(application.Status, ApplicationTrigger.Approve) is null)
        {
            throw new DomainException(ApplicationLifecycle.Table.Refusal(application.Status, ApplicationTrigger.Approve, Role.Association)!); // not null: the row is missing
        }
        var decision = New(actor, now, DecisionKind.GrantPilot, reason, null);
        decision.ApplicationId = application.Id;
        decision.OrganisationId = application.OrganisationId;
        decision.Uscc = application.Uscc;
        decision.OrganisationName = application.OrganisationName;
        decision.Started(actor, now, attachmentIds);
        return decision;
    }

    /// <summary>
    /// The office proposes a decision about a designation: GrantBase, Extend, CancelPilot (Art. 13(3)), DisqualifyPilot
    /// (Art. 12(4)), PublicNotice or RevokeBase (Art. 14, with its <paramref name="ground"/>). Refused when the designation
    /// could not take the effect (wrong state, no extension left, no two consecutive fails).
    /// </summary>
    public static Decision Propose(Actor actor, DateTime now, DecisionKind kind, Designation designation, string reason, RevocationGround? ground = null, IReadOnlyList<Guid>? attachmentIds = null)
    {
        RequireUtc(now);
        Table.RequireStart(actor);
        var problems = designation.CheckDecision(kind, kind == DecisionKind.RevokeBase ? ground : null);
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        var decision = New(actor, now, kind, reason, kind == DecisionKind.RevokeBase ? ground : null);
        decision.DesignationId = designation.Id;
        decision.OrganisationId = designation.OrganisationId;
        decision.Uscc = designation.Uscc;
        decision.OrganisationName = designation.OrganisationName;
        decision.Started(actor, now, attachmentIds);
        return decision;
    }

    /// <summary>
    /// The associations confirm a GrantPilot decision: the application becomes Approved and a designation opens with
    /// today's China date as its recognition date (Art. 11(6)). Save the returned designation in the same transaction.
    /// </summary>
    public DecisionOutcome Confirm(Actor actor, DateTime now, Application application, DesignationRules rules, string? opinion = null, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = RequireDecider(DecisionTrigger.Confirm, actor);
        if (Kind != DecisionKind.GrantPilot || application.Id != ApplicationId)
        {
            throw WrongTarget();
        }
        application.Approve(actor, now, this);
        var designation = Designation.Open(actor, now, application, this, rules);
        OpenedDesignationId = designation.Id;
        Decide(row, actor, now, opinion, attachmentIds);
        return new DecisionOutcome(designation, null);
    }

    /// <summary>
    /// The associations confirm a decision about a designation; the effect is applied to it now, and a cancellation,
    /// disqualification or revocation imposes a two-year ban from today (Art. 12(4), 13(3), 14). Save the returned ban in
    /// the same transaction.
    /// </summary>
    public DecisionOutcome Confirm(Actor actor, DateTime now, Designation designation, string? opinion = null, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = RequireDecider(DecisionTrigger.Confirm, actor);
        if (Kind == DecisionKind.GrantPilot || designation.Id != DesignationId)
        {
            throw WrongTarget();
        }
        designation.ApplyDecision(actor, now, this);
        Ban? ban = null;
        if (DecisionLifecycle.Bans(Kind))
        {
            ban = Ban.Impose(OrganisationId, Uscc, Id, Article, DecisionLifecycle.KindZh(Kind), now);
            BanId = ban.Id;
        }
        Decide(row, actor, now, opinion, attachmentIds);
        return new DecisionOutcome(null, ban);
    }

    /// <summary>The associations reject the proposal with an opinion; the target is unchanged and the office may propose again.</summary>
    public void Reject(Actor actor, DateTime now, string opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = RequireDecider(DecisionTrigger.Reject, actor);
        var text = RequireText(opinion, "decision.opinion", "请填写不予确认的理由。", "Enter the reason for rejecting the proposal.");
        Decide(row, actor, now, text, attachmentIds);
    }

    private static Decision New(Actor actor, DateTime now, DecisionKind kind, string reason, RevocationGround? ground) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        Status = Table.Start.To,
        Reason = RequireText(reason, "decision.reason", "请填写拟定决定的理由。", "Enter the reason for the proposed decision."),
        Article = DecisionLifecycle.ArticleOf(kind),
        Ground = ground,
        ProposedByUserId = actor.UserId,
        ProposedByName = actor.Name,
        ProposedAtUtc = now,
    };

    private void Started(Actor actor, DateTime now, IReadOnlyList<Guid>? attachmentIds) =>
        Record(string.Empty, Status.ToString(), $"{Table.Start.Trigger}{Kind}", actor, now, Reason, Article, attachmentIds);

    private TransitionRow<DecisionStatus, DecisionTrigger> RequireDecider(DecisionTrigger trigger, Actor actor)
    {
        var row = Table.Require(Status, trigger, actor);
        if (actor.UserId == ProposedByUserId)
        {
            throw new DomainException(new Problem("decision.same-person",
                "提议人不能确认或否决自己提出的决定，须由另一位两协会审批人办理。",
                "The person who proposed a decision cannot confirm or reject it; another association approver must."));
        }
        return row;
    }

    private void Decide(TransitionRow<DecisionStatus, DecisionTrigger> row, Actor actor, DateTime now, string? opinion, IReadOnlyList<Guid>? attachmentIds)
    {
        RequireUtc(now);
        var from = Status;
        Status = row.To;
        DecidedByUserId = actor.UserId;
        DecidedByName = actor.Name;
        DecidedAtUtc = now;
        DecisionDate = ChinaTime.DateOf(now);
        DecisionOpinion = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        Record(from.ToString(), row.To.ToString(), row.Trigger.ToString(), actor, now, DecisionOpinion, Article, attachmentIds);
    }

    private static DomainException WrongTarget() => new(new Problem("decision.target",
        "该决定不适用于此对象，请从决定所针对的申请或资格办理。",
        "This decision does not apply to that record; confirm it from the application or designation it targets."));
}
