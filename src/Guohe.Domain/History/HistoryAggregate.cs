using Guohe.Domain.Common;

namespace Guohe.Domain.History;

/// <summary>
/// An aggregate whose verbs append <see cref="TransitionRecord"/>s. The aggregate never loads its history:
/// it keeps the last sequence number used and the records appended since it was loaded, which the DbContext
/// inserts in the same SaveChanges and then clears.
/// </summary>
public interface IHasHistory
{
    Guid Id { get; }

    /// <summary>The last sequence number used (0 before the first record).</summary>
    int HistoryLength { get; }

    /// <summary>Records appended since the aggregate was loaded or last saved.</summary>
    IReadOnlyList<TransitionRecord> PendingHistory { get; }

    void ClearPendingHistory();
}

/// <summary>Base of every aggregate with a history: the <c>Version</c> concurrency token, the sequence counter and the pending records.</summary>
public abstract class HistoryAggregate : IHasHistory
{
    private readonly List<TransitionRecord> _unsaved = [];

    public Guid Id { get; protected set; }

    /// <summary>Concurrency token; the DbContext increments it on every save.</summary>
    public int Version { get; private set; }

    public int HistoryLength { get; private set; }

    public IReadOnlyList<TransitionRecord> PendingHistory => _unsaved;

    public void ClearPendingHistory() => _unsaved.Clear();

    /// <summary>The aggregate type written into every record, e.g. "Application".</summary>
    protected abstract string AggregateType { get; }

    /// <summary>Appends the one record of a verb.</summary>
    protected TransitionRecord Record(
        string from, string to, string trigger, Actor actor, DateTime now, string? opinion, string article,
        IReadOnlyList<Guid>? attachmentIds = null)
    {
        var record = new TransitionRecord(AggregateType, Id, HistoryLength + 1, from, to, trigger, actor, now, opinion, article, attachmentIds);
        HistoryLength++;
        _unsaved.Add(record);
        return record;
    }

    /// <summary>Throws unless <paramref name="now"/> is a UTC instant.</summary>
    protected static void RequireUtc(DateTime now)
    {
        if (now.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Times passed to the domain must be UTC.", nameof(now));
        }
    }

    /// <summary>Throws a bilingual problem when a required written opinion is missing.</summary>
    protected static string RequireText(string? text, string code, string zh, string en)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(new Problem(code, zh, en));
        }
        return text.Trim();
    }
}
