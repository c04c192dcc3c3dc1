using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>One expert of the pool the office may pick for a team, with their load and any conflict with the visited unit.</summary>
public sealed record PoolCandidate(Guid UserId, string Name, string Organisation, KeyFields Fields, ExpertLoad Load, ConflictKinds Conflicts);

/// <summary>
/// The candidates for a site-visit or evaluation team (Art. 5, 11(4), 13(2)): the active experts of the pool who have an
/// enabled account, each with this year's load and any conflict of interest with the unit (same organisation, declared,
/// past involvement), ordered free first, then by how many of the unit's fields they cover, then by load.
/// </summary>
/// <param name="WithoutAccount">Active pool members who cannot be picked because they have no (enabled) account.</param>
public sealed record TeamPool(IReadOnlyList<PoolCandidate> Candidates, int WithoutAccount, KeyFields UnitFields)
{
    /// <summary>
    /// A suggested team (nothing is saved): covers the unit's fields, avoids conflicts and balances load. Uncovered holds the
    /// unit's fields no expert free of conflicts covers.
    /// </summary>
    public (IReadOnlyList<ExpertAssignment> Team, KeyFields Uncovered) Suggest(int size)
    {
        var candidates = Candidates.Select(e => new TeamCandidate(e.UserId, e.Name, e.Fields, e.Load.ThisYear, e.Conflicts)).ToList();
        var team = TeamSuggestion.Suggest(candidates, UnitFields, Math.Clamp(size, 1, 9));
        return (team, TeamSuggestion.Uncoverable(candidates, UnitFields));
    }

    /// <summary>The chosen candidates as team members, each with their conflicts and the office's reason to assign them anyway.</summary>
    public IReadOnlyList<ExpertAssignment> Assignments(IReadOnlyCollection<Guid> team, Guid? leader, Func<Guid, string?> overrideOf) =>
        [.. Candidates.Where(e => team.Contains(e.UserId)).Select(e => new ExpertAssignment(e.UserId, e.Name, e.UserId == leader)
        {
            Conflicts = e.Conflicts,
            OverrideReason = overrideOf(e.UserId),
        })];

    /// <summary>Whether every picked id is a candidate (no stranger, no duplicate).</summary>
    public bool AllCandidates(IReadOnlyCollection<Guid> team) =>
        Candidates.Count(e => team.Contains(e.UserId)) == team.Distinct().Count();
}

/// <summary>The team picker's reads, shared by the application's site visit and the acceptance evaluation.</summary>
public static class TeamPicker
{
    /// <summary>The pool as candidates for a visit to <paramref name="organisationId"/>, whose key fields are <paramref name="unitFields"/>.</summary>
    public static async Task<TeamPool> TeamPoolAsync(this GuoheDbContext db, Guid organisationId, KeyFields unitFields, DateTime now)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId);
        var pool = await db.Experts.AsNoTracking().Where(e => e.Active).ToListAsync();
        var accounts = (await db.Users.Where(u => u.DisabledAtUtc == null).Select(u => u.Id).ToListAsync()).ToHashSet();
        var usable = pool.Where(e => e.Details.UserId is { } user && accounts.Contains(user)).ToList();
        var involved = await db.InvolvedWithAsync(organisation.Id);
        var load = await db.LoadThisYearAsync(now);
        List<PoolCandidate> candidates = [.. usable
            .Select(e => new PoolCandidate(e.Details.UserId!.Value, e.Details.Name, e.Details.OrganisationName, e.Details.Fields, // usable: UserId checked above
                load.GetValueOrDefault(e.Details.UserId!.Value, new ExpertLoad(0, 0)),
                e.ConflictsWith(organisation.Name, organisation.Uscc, involved.Contains(e.Details.UserId!.Value))))
            .OrderBy(c => c.Conflicts != ConflictKinds.None)
            .ThenByDescending(c => System.Numerics.BitOperations.PopCount((uint)(c.Fields & unitFields)))
            .ThenBy(c => c.Load.ThisYear)
            .ThenBy(c => c.Name, StringComparer.Ordinal)];
        return new TeamPool(candidates, pool.Count - usable.Count, unitFields);
    }

    /// <summary>Experts on any earlier visit or evaluation of this organisation's applications or designations.</summary>
    public static async Task<HashSet<Guid>> InvolvedWithAsync(this GuoheDbContext db, Guid organisationId)
    {
        var subjects = await db.Applications.Where(a => a.OrganisationId == organisationId).Select(a => a.Id)
            .Concat(db.Designations.Where(d => d.OrganisationId == organisationId).Select(d => d.Id))
            .ToListAsync();
        var visits = await db.SiteVisits.AsNoTracking().Where(v => subjects.Contains(v.SubjectId)).ToListAsync();
        return [.. visits.SelectMany(v => v.Team).Select(t => t.ExpertUserId)];
    }
}

/// <summary>What the candidate table (<c>Features/Shared/_TeamPicker.cshtml</c>) shows: the pool and what the office has picked so far.</summary>
/// <param name="Uncovered">Set after "suggest a team": the unit's fields no expert free of conflicts covers.</param>
public sealed record TeamPickerView(TeamPool Pool, IReadOnlyCollection<Guid> Team, Guid? Leader, IReadOnlyDictionary<string, string>? Overrides, KeyFields? Uncovered, int TeamSize)
{
    public string? OverrideOf(Guid expertUserId) => Overrides?.GetValueOrDefault(expertUserId.ToString());
}
