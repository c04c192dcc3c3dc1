using Guohe.Domain.Common;

namespace Guohe.Domain.History;

/// <summary>
/// One entry of the append-only history (SPEC §2.5): who moved which aggregate from what to what, when, in which role,
/// with which written opinion, under which article, with which attachments. Immutable once constructed.
/// </summary>
public sealed class TransitionRecord
{
    private TransitionRecord()
    {
        AggregateType = string.Empty;
        From = string.Empty;
        To = string.Empty;
        Trigger = string.Empty;
        ActorName = string.Empty;
        Article = string.Empty;
        AttachmentIds = string.Empty;
    }

    public TransitionRecord(
        string aggregateType, Guid aggregateId, int sequence, string from, string to, string trigger,
        Actor actor, DateTime atUtc, string? opinion, string article, IReadOnlyList<Guid>? attachmentIds)
    {
        Id = Guid.CreateVersion7(atUtc);
        AggregateType = aggregateType;
        AggregateId = aggregateId;
        Sequence = sequence;
        From = from;
        To = to;
        Trigger = trigger;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        Role = actor.Role;
        AtUtc = atUtc;
        Opinion = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        Article = article;
        AttachmentIds = attachmentIds is null ? string.Empty : string.Join(' ', attachmentIds);
    }

    public Guid Id { get; private set; }

    /// <summary>"Application", "Designation", "Decision", "SiteVisit" or "Obligation".</summary>
    public string AggregateType { get; private set; }

    public Guid AggregateId { get; private set; }

    /// <summary>1, 2, 3… per aggregate; unique together with (AggregateType, AggregateId).</summary>
    public int Sequence { get; private set; }

    /// <summary>The state before, or empty for the record that created the aggregate.</summary>
    public string From { get; private set; }

    public string To { get; private set; }

    public string Trigger { get; private set; }

    public Guid ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>The role the actor acted in.</summary>
    public Role Role { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>The written opinion or reason, when the verb takes one.</summary>
    public string? Opinion { get; private set; }

    /// <summary>The article of the Measures that allows the move, e.g. "Art. 11(3)".</summary>
    public string Article { get; private set; }

    /// <summary>Ids of attached files (letters, stamped scans), separated by single spaces; see <see cref="Attachments"/>.</summary>
    public string AttachmentIds { get; private set; }

    public IReadOnlyList<Guid> Attachments() =>
        AttachmentIds.Length == 0 ? [] : [.. AttachmentIds.Split(' ').Select(Guid.Parse)];
}
