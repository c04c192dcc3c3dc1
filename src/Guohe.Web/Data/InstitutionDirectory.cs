using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>
/// The partner-institution directory (Art. 9(2)–(3); SPEC §4): turns the partner rows a unit files (Forms 2–4) into directory
/// entries, so that "Fraunhofer-Gesellschaft" and "fraunhofer gesellschaft" of two units are one institution.
/// </summary>
public static class InstitutionDirectory
{
    /// <summary>How many merges are followed before giving up (a merge chain is normally one step: targets are never merged).</summary>
    private const int MaxMergeHops = 10;

    /// <summary>
    /// The directory entry of each row, by row index: an unmerged institution of the same country whose name or alias matches
    /// the row's normalised name (a merged entry leads to the one it was merged into); else a new entry, added to
    /// <paramref name="db"/> and saved by the caller's SaveChanges. A row without a country or a usable name gets null.
    /// </summary>
    public static async Task<IReadOnlyList<Guid?>> ResolveAsync(
        GuoheDbContext db, Actor actor, DateTime now, IReadOnlyList<PartnerRow> rows, CancellationToken cancellationToken = default)
    {
        var countries = rows.Select(r => r.CountryCode.Trim().ToUpperInvariant()).Where(c => c.Length == 2).Distinct().ToList();
        // Loads (and tracks) every entry of these countries, so the in-memory set below also sees entries added by earlier rows.
        await db.Institutions.Where(i => countries.Contains(i.CountryCode)).LoadAsync(cancellationToken);
        var ids = new List<Guid?>(rows.Count);
        foreach (var row in rows)
        {
            var code = row.CountryCode.Trim().ToUpperInvariant();
            var name = Institution.Normalise(row.Institution);
            if (code.Length != 2 || name.Length == 0)
            {
                ids.Add(null);
                continue;
            }
            var known = db.Institutions.Local.Where(i => i.CountryCode == code).ToList();
            var found = known.FirstOrDefault(i => i.Matches(code, row.Institution))
                ?? Follow(known.FirstOrDefault(i => i.MergedIntoId is not null && i.Aliases.Contains(name)), db);
            if (found is null)
            {
                found = Institution.Create(actor, now, code, row.Institution);
                db.Institutions.Add(found);
            }
            ids.Add(found.Id);
        }
        return ids;
    }

    /// <summary>The unmerged entry a merged one leads to, or null.</summary>
    private static Institution? Follow(Institution? merged, GuoheDbContext db)
    {
        for (var hops = 0; merged is not null && hops < MaxMergeHops; hops++)
        {
            if (merged.MergedIntoId is not { } next)
            {
                return merged;
            }
            merged = db.Institutions.Local.FirstOrDefault(i => i.Id == next);
        }
        return null;
    }
}
