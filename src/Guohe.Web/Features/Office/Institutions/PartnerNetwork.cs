using Guohe.Domain.Designations;
using Guohe.Domain.Partners;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Institutions;

/// <summary>One unit naming an institution in a form: which designation and unit, the year, and whether wanted (Form 2) or actual (Forms 3–4).</summary>
public sealed record Naming(Guid DesignationId, Guid OrganisationId, string OrganisationName, int Year, ObligationKind Kind, PartnerRow Row)
{
    public bool Wanted => Kind == ObligationKind.AnnualPlan;
}

/// <summary>
/// The partner network (Art. 9(2)–(3); SPEC §4) read whole: the institution directory with merges followed to the entry that
/// remains, and every partner row of every obligation linked to it. Partner rows are a JSON column, so they are read and
/// counted in memory; the directory and the filings are small (hundreds of units).
/// </summary>
public sealed class PartnerNetwork
{
    private readonly Dictionary<Guid, Institution> _institutions;

    private PartnerNetwork(List<Institution> institutions, List<Naming> namings)
    {
        _institutions = institutions.ToDictionary(i => i.Id);
        Namings = namings;
    }

    public IReadOnlyCollection<Institution> Institutions => _institutions.Values;

    public IReadOnlyList<Naming> Namings { get; }

    public static async Task<PartnerNetwork> ReadAsync(GuoheDbContext db)
    {
        var institutions = await db.Institutions.AsNoTracking().ToListAsync();
        var obligations = await db.Obligations.AsNoTracking().ToListAsync();
        var names = await db.Designations.AsNoTracking().Select(d => new { d.Id, d.OrganisationName }).ToDictionaryAsync(d => d.Id, d => d.OrganisationName);
        var namings = obligations
            .SelectMany(o => o.Partners.Select(p => new Naming(o.DesignationId, o.OrganisationId, names.GetValueOrDefault(o.DesignationId, string.Empty), o.Year, o.Kind, p)))
            .ToList();
        return new PartnerNetwork(institutions, namings);
    }

    /// <summary>The entry an institution id stands for now: itself, or the one it was (in turn) merged into.</summary>
    public Guid? Root(Guid? id)
    {
        for (var hops = 0; id is { } current && hops < 100; hops++)
        {
            if (!_institutions.TryGetValue(current, out var institution) || institution.MergedIntoId is not { } next)
            {
                return current;
            }
            id = next;
        }
        return id;
    }

    public Institution? Find(Guid? id) => id is { } key ? _institutions.GetValueOrDefault(key) : null;

    /// <summary>Every naming of the institution (rows linked to it or to an entry merged into it).</summary>
    public IEnumerable<Naming> NamingsOf(Guid institutionId)
    {
        var root = Root(institutionId);
        return Namings.Where(n => n.Row.InstitutionId is { } id && Root(id) == root);
    }

    /// <summary>How many units named each remaining institution.</summary>
    public IReadOnlyDictionary<Guid, int> UnitCounts() =>
        Namings.Where(n => n.Row.InstitutionId is not null)
            .GroupBy(n => Root(n.Row.InstitutionId)!.Value)
            .ToDictionary(g => g.Key, g => g.Select(n => n.OrganisationId).Distinct().Count());

    /// <summary>
    /// Whether two partner rows mean the same institution: the same directory entry after merges when both are linked;
    /// otherwise the same country and the same normalised name (or a name the linked entry knows as an alias).
    /// </summary>
    public bool Same(PartnerRow a, PartnerRow b)
    {
        if (a.InstitutionId is not null && b.InstitutionId is not null)
        {
            return Root(a.InstitutionId) == Root(b.InstitutionId);
        }
        if (!string.Equals(a.CountryCode, b.CountryCode, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var (nameA, nameB) = (Institution.Normalise(a.Institution), Institution.Normalise(b.Institution));
        return nameA == nameB
            || (Find(Root(a.InstitutionId)) is { } linkedA && linkedA.Aliases.Contains(nameB))
            || (Find(Root(b.InstitutionId)) is { } linkedB && linkedB.Aliases.Contains(nameA));
    }
}
