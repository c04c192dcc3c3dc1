using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Units;

/// <summary>
/// The designated units the public may see (Art. 11(7), 17): an organisation whose designation is a pilot unit in its
/// construction period, in acceptance or extended, or a base. Only names and the unit's profile classification leave this
/// query — never the unit's people (liaison, legal representative), contacts or its credit code.
/// </summary>
public static class PublicUnits
{
    public static IReadOnlyList<DesignationStatus> Pilots { get; } = [DesignationStatus.Pilot, DesignationStatus.AcceptanceReview, DesignationStatus.Extended];

    public static IReadOnlyList<DesignationStatus> Listed { get; } = [.. Pilots, DesignationStatus.Base];

    /// <summary>One listed unit: the organisation's id (the public page's address) and what may be shown of it.</summary>
    /// <remarks>Built by member initialisation, so that filters after the projection still translate to SQL.</remarks>
    public sealed record Unit
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Province { get; init; } = string.Empty;

        public UnitType? Type { get; init; }

        public UnitLevel? Level { get; init; }

        public KeyFields Fields { get; init; }

        public DesignationStatus Status { get; init; }

        public DateOnly RecognitionDate { get; init; }

        public bool IsBase => Status == DesignationStatus.Base;
    }

    /// <summary>
    /// The listed designations of a stage ("pilot", "base", anything else both) joined with their organisations. The statuses go
    /// into SQL as a fresh local list: a static array was folded by EF Core 10 into a constant that, combined with the stage
    /// condition, matched nothing (the /Units?stage=base bug).
    /// </summary>
    public static IQueryable<Unit> Query(GuoheDbContext db, string? stage = null)
    {
        var statuses = stage switch
        {
            "base" => new List<DesignationStatus> { DesignationStatus.Base },
            "pilot" => [.. Pilots],
            _ => [.. Listed],
        };
        return from d in db.Designations.AsNoTracking()
               where statuses.Contains(d.Status)
               join o in db.Organisations.AsNoTracking() on d.OrganisationId equals o.Id
               select new Unit
               {
                   Id = o.Id, Name = d.OrganisationName, Province = o.Profile.Province, Type = o.Profile.UnitType, Level = o.Profile.Level,
                   Fields = o.Profile.KeyFields, Status = d.Status, RecognitionDate = d.RecognitionDate,
               };
    }

    /// <summary>
    /// The one query of the public list and of GET /api/v1/public/units: listed units searched by name and filtered by stage,
    /// province, type, level and key field, newest recognition first.
    /// </summary>
    public static IOrderedQueryable<Unit> Filter(GuoheDbContext db, string? search, string? stage, string? province,
        UnitType? type = null, UnitLevel? level = null, KeyFields? field = null)
    {
        var units = Query(db, stage);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            units = units.Where(u => u.Name.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(province))
        {
            var trimmed = province.Trim();
            units = units.Where(u => u.Province == trimmed);
        }
        if (type is { } t)
        {
            units = units.Where(u => u.Type == t);
        }
        if (level is { } l)
        {
            units = units.Where(u => u.Level == l);
        }
        if (field is { } f)
        {
            var including = Including(f);
            units = units.Where(u => including.Contains(u.Fields));
        }
        return units.OrderByDescending(u => u.RecognitionDate).ThenBy(u => u.Name);
    }

    /// <summary>Every combination of key fields that includes <paramref name="field"/> (the flags are stored as their names, so "has the flag" is "is one of these").</summary>
    public static List<KeyFields> Including(KeyFields field)
    {
        var all = KeyFieldNames.All.Aggregate(KeyFields.None, (a, f) => a | f.Field);
        return [.. Enumerable.Range(0, (int)all + 1).Select(v => (KeyFields)v).Where(v => (v & ~all) == 0 && field != KeyFields.None && v.HasFlag(field))];
    }

    /// <summary>The listed unit of an organisation, or null when it is not designated now (its public page is then 404).</summary>
    public static Task<Unit?> FindAsync(GuoheDbContext db, Guid organisationId, CancellationToken cancellationToken = default) =>
        Query(db).Where(u => u.Id == organisationId).OrderByDescending(u => u.RecognitionDate).FirstOrDefaultAsync(cancellationToken);
}
