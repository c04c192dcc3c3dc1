using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>One partner row of a filed Form 2, 3 or 4 (Art. 12–13), as the statistics count it: plan rows are the partners wanted, summary rows the partners actually worked with.</summary>
public sealed class PartnerRowFact
{
    public Guid Id { get; init; }

    public Guid ObligationId { get; init; }

    public Guid OrganisationId { get; init; }

    public int Year { get; init; }

    /// <summary>A row of an annual plan (wanted), otherwise of a summary (actual).</summary>
    public bool Plan { get; init; }

    public string CountryCode { get; init; } = string.Empty;

    /// <summary>The directory entry the row was matched to (followed through merges when counted), if any.</summary>
    public Guid? InstitutionId { get; init; }

    /// <summary>The institution as written.</summary>
    public string Institution { get; init; } = string.Empty;

    /// <summary>The name upper-cased: what identifies an institution not in the directory.</summary>
    public string InstitutionKey { get; init; } = string.Empty;
}

/// <summary>One plan item or achievement of a filed form, by its Art. 9 construction-content category.</summary>
public sealed class WorkItemFact
{
    public Guid Id { get; init; }

    public Guid ObligationId { get; init; }

    public int Year { get; init; }

    public bool Plan { get; init; }

    public ConstructionContent Category { get; init; }
}

/// <summary>One expert's seat on a site visit (Art. 11(4)) or acceptance evaluation (Art. 13(2)), in the year of its date.</summary>
public sealed class TeamSeatFact
{
    public Guid Id { get; init; }

    public Guid SiteVisitId { get; init; }

    public Guid ExpertUserId { get; init; }

    public string Name { get; init; } = string.Empty;

    public int Year { get; init; }

    public SiteVisitPurpose Purpose { get; init; }
}

/// <summary>
/// The rows of the statistics (Art. 7(5)) that the aggregates keep as JSON lists — partner rows and tagged items of Forms 2–4,
/// expert teams — copied into narrow indexed tables in the same save as the aggregate, so that the dashboard counts them with
/// plain GROUP BYs instead of unpacking every form's JSON (bench/Guohe.Bench dashboard: 10,000 organisations, 100,000 partner rows).
/// The aggregates stay the truth; these tables are rebuilt from them for every obligation or visit a save adds, changes or
/// deletes, and the migration that created them filled them from the existing rows.
/// </summary>
public static class StatisticsFacts
{
    /// <summary>The grouping key of an institution's name is its first 200 characters (the form's limit), short enough for an index entry.</summary>
    public const int KeyLength = 200;

    public static string Key(string institution)
    {
        var key = institution.ToUpperInvariant();
        return key.Length > KeyLength ? key[..KeyLength] : key;
    }

    /// <summary>Names are copied without a length limit: the forms' own limits apply where they are written.</summary>
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PartnerRowFact>(fact =>
        {
            fact.Property(f => f.Id).ValueGeneratedNever();
            fact.Property(f => f.CountryCode).HasMaxLength(2);
            fact.HasIndex(f => f.ObligationId);
            // Covering, in the order StatisticsSql counts distinct units and institutions per country and side.
            fact.HasIndex(f => new { f.CountryCode, f.Plan, f.OrganisationId, f.Year });
            fact.HasIndex(f => new { f.CountryCode, f.Plan, f.InstitutionId, f.InstitutionKey, f.Year });
            fact.Property(f => f.InstitutionKey).HasMaxLength(KeyLength);
        });
        builder.Entity<WorkItemFact>(fact =>
        {
            fact.Property(f => f.Id).ValueGeneratedNever();
            fact.HasIndex(f => f.ObligationId);
        });
        builder.Entity<TeamSeatFact>(fact =>
        {
            fact.Property(f => f.Id).ValueGeneratedNever();
            fact.HasIndex(f => f.SiteVisitId);
        });
        // The counts kept by the database's triggers (StatisticsCounts); the application only reads them.
        builder.Entity<PartnerUnitCount>(count =>
        {
            count.HasKey(c => new { c.CountryCode, c.Plan, c.OrganisationId });
            count.Property(c => c.CountryCode).HasMaxLength(2);
        });
        builder.Entity<PartnerInstitutionCount>(count =>
        {
            count.HasKey(c => new { c.CountryCode, c.Plan, c.Named });
            count.Property(c => c.CountryCode).HasMaxLength(2);
            count.Property(c => c.Named).HasMaxLength(KeyLength + 1);
        });
        builder.Entity<WorkItemCount>(count => count.HasKey(c => new { c.Year, c.Category, c.Plan }));
        builder.Entity<TeamSeatCount>(count => count.HasKey(c => new { c.Year, c.ExpertUserId, c.Purpose, c.Name }));
    }

    /// <summary>Called before every save, with changes detected: replaces the rows of every obligation and visit being saved.</summary>
    public static void Project(GuoheDbContext db)
    {
        var obligations = Changed<Obligation>(db);
        var visits = Changed<SiteVisit>(db);
        if (obligations.Count == 0 && visits.Count == 0)
        {
            return;
        }
        if (obligations.Count > 0)
        {
            var ids = Stored(obligations, o => o.Id);
            if (ids.Count > 0)
            {
                db.PartnerRowFacts.RemoveRange([.. db.PartnerRowFacts.Where(f => ids.Contains(f.ObligationId))]);
                db.WorkItemFacts.RemoveRange([.. db.WorkItemFacts.Where(f => ids.Contains(f.ObligationId))]);
            }
            foreach (var (obligation, state) in obligations)
            {
                if (state == EntityState.Deleted || obligation.Status == ObligationStatus.Open)
                {
                    continue; // only filed forms count (a draft is not yet a plan or a summary)
                }
                var plan = obligation.Kind == ObligationKind.AnnualPlan;
                db.PartnerRowFacts.AddRange(obligation.Partners.Select(p => new PartnerRowFact
                {
                    Id = Guid.NewGuid(),
                    ObligationId = obligation.Id,
                    OrganisationId = obligation.OrganisationId,
                    Year = obligation.Year,
                    Plan = plan,
                    CountryCode = p.CountryCode,
                    InstitutionId = p.InstitutionId,
                    Institution = p.Institution,
                    InstitutionKey = Key(p.Institution),
                }));
                db.WorkItemFacts.AddRange(obligation.Items.Select(i => new WorkItemFact
                {
                    Id = Guid.NewGuid(),
                    ObligationId = obligation.Id,
                    Year = obligation.Year,
                    Plan = plan,
                    Category = i.Category,
                }));
            }
        }
        if (visits.Count > 0)
        {
            var ids = Stored(visits, v => v.Id);
            if (ids.Count > 0)
            {
                db.TeamSeatFacts.RemoveRange([.. db.TeamSeatFacts.Where(f => ids.Contains(f.SiteVisitId))]);
            }
            foreach (var (visit, state) in visits.Where(v => v.State != EntityState.Deleted))
            {
                db.TeamSeatFacts.AddRange(visit.Team.Select(t => new TeamSeatFact
                {
                    Id = Guid.NewGuid(),
                    SiteVisitId = visit.Id,
                    ExpertUserId = t.ExpertUserId,
                    Name = t.Name,
                    Year = visit.Date.Year,
                    Purpose = visit.Purpose,
                }));
            }
        }
    }

    private static List<(T Entity, EntityState State)> Changed<T>(GuoheDbContext db)
        where T : class =>
        [.. db.ChangeTracker.Entries<T>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).Select(e => (e.Entity, e.State))];

    /// <summary>The ids of the changed aggregates that may already have rows (not the ones added in this save).</summary>
    private static List<Guid> Stored<T>(List<(T Entity, EntityState State)> changed, Func<T, Guid> id) =>
        [.. changed.Where(c => c.State != EntityState.Added).Select(c => id(c.Entity))];
}

/// <summary>How many partner rows of filed forms name a country on one side (plan or summary) for one unit, over all years (<see cref="StatisticsCounts"/>).</summary>
public sealed class PartnerUnitCount
{
    public string CountryCode { get; init; } = string.Empty;

    public bool Plan { get; init; }

    public Guid OrganisationId { get; init; }

    public int Facts { get; init; }
}

/// <summary>How many partner rows of filed forms name one institution of a country on one side, over all years (<see cref="StatisticsCounts"/>).</summary>
public sealed class PartnerInstitutionCount
{
    public string CountryCode { get; init; } = string.Empty;

    public bool Plan { get; init; }

    /// <summary>The directory entry's id as text, or '#' and the name upper-cased for an institution not in the directory.</summary>
    public string Named { get; init; } = string.Empty;

    public Guid? InstitutionId { get; init; }

    public int Facts { get; init; }
}

/// <summary>How many plan items or achievements of filed forms of a year fall in a construction-content category (<see cref="StatisticsCounts"/>).</summary>
public sealed class WorkItemCount
{
    public int Year { get; init; }

    public ConstructionContent Category { get; init; }

    public bool Plan { get; init; }

    public int Facts { get; init; }
}

/// <summary>How many seats an expert held on site visits or acceptance evaluations of a year (<see cref="StatisticsCounts"/>).</summary>
public sealed class TeamSeatCount
{
    public int Year { get; init; }

    public Guid ExpertUserId { get; init; }

    public SiteVisitPurpose Purpose { get; init; }

    public string Name { get; init; } = string.Empty;

    public int Facts { get; init; }
}
