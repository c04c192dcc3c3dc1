namespace Guohe.Domain.Common;

/// <summary>One allowed move of a lifecycle: from a state, on a trigger, to a state, by one acting role, as an article of the Measures allows.</summary>
public sealed record TransitionRow<TState, TTrigger>(TState From, TTrigger Trigger, TState To, Role Role, string Article)
    where TState : struct, Enum
    where TTrigger : struct, Enum;

/// <summary>
/// How an aggregate of a lifecycle comes into being: its first state, the creating action, who may do it and the article;
/// <paramref name="TriggerZh"/> names the action in Chinese for the history.
/// </summary>
public sealed record TransitionStart<TState>(TState To, string Trigger, Role Role, string Article, string? TriggerZh = null)
    where TState : struct, Enum;

/// <summary>
/// A lifecycle as data (DESIGN.md, "The lifecycle is data"): the verbs of an aggregate check it, pages ask it
/// which actions to offer, tests iterate over it and <c>docs/lifecycle.md</c> is generated from it.
/// </summary>
public sealed class TransitionTable<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Dictionary<(TState, TTrigger), TransitionRow<TState, TTrigger>> _index = [];
    private readonly IReadOnlyDictionary<TState, string> _stateZh;
    private readonly IReadOnlyDictionary<TTrigger, string> _triggerZh;

    public TransitionTable(
        string name,
        string nameZh,
        TransitionStart<TState> start,
        IReadOnlyList<TransitionRow<TState, TTrigger>> rows,
        IReadOnlyDictionary<TState, string> stateZh,
        IReadOnlyDictionary<TTrigger, string> triggerZh,
        IReadOnlyList<TransitionStart<TState>>? otherStarts = null)
    {
        Name = name;
        NameZh = nameZh;
        Start = start;
        Starts = [start, .. otherStarts ?? []];
        if (Starts.Select(s => s.Trigger).Distinct(StringComparer.Ordinal).Count() != Starts.Count)
        {
            throw new ArgumentException($"Duplicate start trigger in table {name}.", nameof(otherStarts));
        }
        Rows = rows;
        _stateZh = stateZh;
        _triggerZh = triggerZh;
        foreach (var row in rows)
        {
            if (!_index.TryAdd((row.From, row.Trigger), row))
            {
                throw new ArgumentException($"Duplicate row {row.From} --{row.Trigger}--> in table {name}.", nameof(rows));
            }
        }
    }

    /// <summary>The aggregate type name, also written into every <c>TransitionRecord.AggregateType</c>.</summary>
    public string Name { get; }

    public string NameZh { get; }

    /// <summary>The usual way an aggregate comes into being.</summary>
    public TransitionStart<TState> Start { get; }

    /// <summary>Every way an aggregate may come into being, <see cref="Start"/> first (e.g. a designation imported from before Guohe).</summary>
    public IReadOnlyList<TransitionStart<TState>> Starts { get; }

    /// <summary>The start whose trigger is <paramref name="trigger"/>, or null.</summary>
    public TransitionStart<TState>? FindStart(string trigger) => Starts.FirstOrDefault(s => s.Trigger == trigger);

    public IReadOnlyList<TransitionRow<TState, TTrigger>> Rows { get; }

    public string StateZh(TState state) => _stateZh.TryGetValue(state, out var zh) ? zh : state.ToString();

    public string TriggerZh(TTrigger trigger) => _triggerZh.TryGetValue(trigger, out var zh) ? zh : trigger.ToString();

    /// <summary>The row for (from, trigger), or null when the move is not in the table.</summary>
    public TransitionRow<TState, TTrigger>? Find(TState from, TTrigger trigger) =>
        _index.TryGetValue((from, trigger), out var row) ? row : null;

    /// <summary>The moves a role may make from a state: what a page offers as buttons.</summary>
    public IEnumerable<TransitionRow<TState, TTrigger>> AvailableTo(TState from, Role role) =>
        Rows.Where(r => EqualityComparer<TState>.Default.Equals(r.From, from) && r.Role == role);

    /// <summary>The problem that forbids the move, or null when the table allows it for this role.</summary>
    public Problem? Refusal(TState from, TTrigger trigger, Role role)
    {
        var row = Find(from, trigger);
        if (row is null)
        {
            return new Problem(
                $"{Name.ToLowerInvariant()}.transition",
                $"{NameZh}当前状态为“{StateZh(from)}”，不能执行“{TriggerZh(trigger)}”。",
                $"The {Name.ToLowerInvariant()} is {from}; '{trigger}' is not allowed in that state.");
        }
        if (row.Role != role)
        {
            return new Problem(
                $"{Name.ToLowerInvariant()}.role",
                $"“{TriggerZh(trigger)}”只能由{RoleNames.Zh(row.Role)}执行，您当前的角色是{RoleNames.Zh(role)}。",
                $"'{trigger}' may only be done by the {row.Role} role; you are acting as {role}.");
        }
        return null;
    }

    /// <summary>Finds the row for (from, trigger) and checks the actor's role; throws a bilingual <see cref="DomainException"/> otherwise.</summary>
    public TransitionRow<TState, TTrigger> Require(TState from, TTrigger trigger, Actor actor)
    {
        var refusal = Refusal(from, trigger, actor.Role);
        return refusal is null ? Find(from, trigger)! : throw new DomainException(refusal); // Refusal is null only when the row exists
    }

    /// <summary>Checks that the actor may create an aggregate of this lifecycle the usual way (<see cref="Start"/>).</summary>
    public void RequireStart(Actor actor) => RequireStart(actor, Start);

    /// <summary>Checks that the actor may create an aggregate of this lifecycle by <paramref name="start"/>, one of <see cref="Starts"/>.</summary>
    public void RequireStart(Actor actor, TransitionStart<TState> start)
    {
        if (!Starts.Contains(start))
        {
            throw new ArgumentException($"{start.Trigger} is not a start of table {Name}.", nameof(start));
        }
        if (actor.Role != start.Role)
        {
            throw new DomainException(new Problem(
                $"{Name.ToLowerInvariant()}.role",
                $"只有{RoleNames.Zh(start.Role)}可以新建{NameZh}，您当前的角色是{RoleNames.Zh(actor.Role)}。",
                $"Only the {start.Role} role may create a {Name.ToLowerInvariant()}; you are acting as {actor.Role}."));
        }
    }
}
