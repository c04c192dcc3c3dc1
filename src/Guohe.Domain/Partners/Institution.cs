using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Partners;

/// <summary>
/// A foreign partner institution, kept once in the directory (Art. 9(2)–(3); SPEC §4): a country and a name, with the
/// other spellings units used as aliases. Units' partner rows (Forms 2–4) link to it. The office merges duplicates: the
/// merged entry keeps pointing at the one it was merged into.
/// </summary>
public sealed class Institution : HistoryAggregate
{
    private Institution()
    {
        CountryCode = string.Empty;
        Name = string.Empty;
        Aliases = [];
    }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string CountryCode { get; private set; }

    public string Name { get; private set; }

    /// <summary>Every normalised spelling that refers to this institution, its own name's first.</summary>
    public IReadOnlyList<string> Aliases { get; private set; }

    /// <summary>Set when the office merged this entry into another.</summary>
    public Guid? MergedIntoId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    protected override string AggregateType => "Institution";

    /// <summary>
    /// A name for matching: Unicode compatibility forms folded (full-width to half-width), case ignored, punctuation and
    /// spaces removed, and a leading "the" dropped.
    /// </summary>
    public static string Normalise(string name)
    {
        var folded = name.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant().Trim();
        if (folded.StartsWith("THE ", StringComparison.Ordinal))
        {
            folded = folded[4..];
        }
        return new string([.. folded.Where(char.IsLetterOrDigit)]);
    }

    /// <summary>A new directory entry, made when a unit first names the institution (the unit or the office acting).</summary>
    public static Institution Create(Actor actor, DateTime now, string countryCode, string name)
    {
        RequireUtc(now);
        var code = countryCode.Trim().ToUpperInvariant();
        var clean = name.Trim();
        if (code.Length != 2 || Normalise(clean).Length == 0)
        {
            throw new DomainException(new Problem("institution.invalid", "合作机构需要国别和名称。", "A partner institution needs a country and a name."));
        }
        var institution = new Institution
        {
            Id = Guid.CreateVersion7(now), CountryCode = code, Name = clean, Aliases = [Normalise(clean)], CreatedAtUtc = now,
        };
        institution.Record(string.Empty, "Listed", "AddInstitution", actor, now, $"{code} {clean}", Article.Art9);
        return institution;
    }

    public bool Matches(string countryCode, string name) =>
        MergedIntoId is null
        && string.Equals(CountryCode, countryCode.Trim(), StringComparison.OrdinalIgnoreCase)
        && Aliases.Contains(Normalise(name));

    /// <summary>The office merges this entry into <paramref name="target"/> (same country): the target takes every alias.</summary>
    public void MergeInto(Actor actor, DateTime now, Institution target)
    {
        RequireUtc(now);
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("institution.role", "只有办公室可以合并合作机构。", "Only the office merges institutions."));
        }
        if (target.Id == Id || target.MergedIntoId is not null || MergedIntoId is not null)
        {
            throw new DomainException(new Problem("institution.merge", "只能把一个机构合并到另一个未被合并的机构。", "An institution can only be merged into another one that has not been merged itself."));
        }
        if (!string.Equals(target.CountryCode, CountryCode, StringComparison.Ordinal))
        {
            throw new DomainException(new Problem("institution.country", "不同国别的机构不能合并。", "Institutions of different countries cannot be merged."));
        }
        target.Aliases = [.. target.Aliases.Concat(Aliases).Distinct()];
        target.Record("Listed", "Listed", "AbsorbInstitution", actor, now, Name, Article.Art9);
        MergedIntoId = target.Id;
        Record("Listed", "Merged", "MergeInstitution", actor, now, $"→ {target.Name}", Article.Art9);
    }

    /// <summary>The office corrects the display name (the old spelling stays an alias).</summary>
    public void Rename(Actor actor, DateTime now, string name)
    {
        RequireUtc(now);
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("institution.role", "只有办公室可以修改合作机构名称。", "Only the office renames institutions."));
        }
        var clean = RequireText(name, "institution.name", "请填写机构名称。", "Enter the institution's name.");
        var old = Name;
        Name = clean;
        Aliases = [.. Aliases.Append(Normalise(clean)).Distinct()];
        Record("Listed", "Listed", "RenameInstitution", actor, now, $"{old} → {clean}", Article.Art9);
    }
}
