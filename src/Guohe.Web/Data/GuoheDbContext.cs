using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Guohe.Web.Data;

/// <summary>
/// The one DbContext: Identity, data-protection keys and the programme's aggregates.
/// Two provider-specific subclasses exist only so that each provider has its own migration set.
/// </summary>
public abstract partial class GuoheDbContext(DbContextOptions options, Audit.AuditTrail? audit = null)
    : IdentityDbContext<GuoheUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The user, role and IP of audit records (null outside the web host: the system acts).</summary>
    private readonly Audit.AuditTrail? _auditTrail = audit;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Batch> Batches => Set<Batch>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<SiteVisit> SiteVisits => Set<SiteVisit>();

    /// <summary>The expert pool (专家库, Art. 5).</summary>
    public DbSet<Expert> Experts => Set<Expert>();

    public DbSet<Designation> Designations => Set<Designation>();

    public DbSet<Obligation> Obligations => Set<Obligation>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<Ban> Bans => Set<Ban>();

    /// <summary>Fees charged to units (Art. 18).</summary>
    public DbSet<Guohe.Domain.Fees.Fee> Fees => Set<Guohe.Domain.Fees.Fee>();

    /// <summary>The directory of foreign partner institutions (Art. 9).</summary>
    public DbSet<Guohe.Domain.Partners.Institution> Institutions => Set<Guohe.Domain.Partners.Institution>();

    /// <summary>Foreign countries marked as Belt and Road partners (Art. 9(4)), kept by the administrator.</summary>
    public DbSet<Guohe.Domain.Partners.PartnerCountry> PartnerCountries => Set<Guohe.Domain.Partners.PartnerCountry>();

    /// <summary>Reminders sent for obligations' due dates (one per obligation, stage and due date).</summary>
    public DbSet<Notifications.ObligationReminder> ObligationReminders => Set<Notifications.ObligationReminder>();

    /// <summary>Success stories (成功案例, Art. 7(4)); their pictures are stored files owned by the story.</summary>
    public DbSet<Guohe.Domain.Stories.Story> Stories => Set<Guohe.Domain.Stories.Story>();

    /// <summary>Announcements (公示, Art. 11(7)) and the objections filed during their periods.</summary>
    public DbSet<Guohe.Domain.Announcements.Announcement> Announcements => Set<Guohe.Domain.Announcements.Announcement>();

    /// <summary>Objections (异议): personal data, seen only by the office.</summary>
    public DbSet<Guohe.Domain.Announcements.Objection> Objections => Set<Guohe.Domain.Announcements.Objection>();

    /// <summary>Filing documents; the bytes are in the files folder (see <see cref="FileStore"/>).</summary>
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    /// <summary>Every view or download of an ID copy (QUALITY.md, audit).</summary>
    public DbSet<IdCopyView> IdCopyViews => Set<IdCopyView>();

    /// <summary>Personal access tokens for /api/v1, stored as hashes (docs/decisions/0008-rest-api.md).</summary>
    public DbSet<Api.ApiToken> ApiTokens => Set<Api.ApiToken>();

    /// <summary>The append-only history; rows are only ever added (see <see cref="PrepareSave"/>).</summary>
    public DbSet<TransitionRecord> TransitionRecords => Set<TransitionRecord>();

    /// <summary>The statistics' copies of partner rows, tagged items and expert seats (<see cref="Features.Office.Statistics.StatisticsFacts"/>).</summary>
    public DbSet<Features.Office.Statistics.PartnerRowFact> PartnerRowFacts => Set<Features.Office.Statistics.PartnerRowFact>();

    public DbSet<Features.Office.Statistics.WorkItemFact> WorkItemFacts => Set<Features.Office.Statistics.WorkItemFact>();

    public DbSet<Features.Office.Statistics.TeamSeatFact> TeamSeatFacts => Set<Features.Office.Statistics.TeamSeatFact>();

    /// <summary>The counts of those rows that the database's triggers keep (<see cref="StatisticsCounts"/>); read only.</summary>
    public DbSet<Features.Office.Statistics.PartnerUnitCount> PartnerUnitCounts => Set<Features.Office.Statistics.PartnerUnitCount>();

    public DbSet<Features.Office.Statistics.PartnerInstitutionCount> PartnerInstitutionCounts => Set<Features.Office.Statistics.PartnerInstitutionCount>();

    public DbSet<Features.Office.Statistics.WorkItemCount> WorkItemCounts => Set<Features.Office.Statistics.WorkItemCount>();

    public DbSet<Features.Office.Statistics.TeamSeatCount> TeamSeatCounts => Set<Features.Office.Statistics.TeamSeatCount>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<IdentityRole<Guid>>().HasData(Identity.Roles.Seed());
        builder.Entity<GuoheUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.PreferredLanguage).HasMaxLength(10);
            user.HasIndex(u => u.OrganisationId);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(GuoheDbContext).Assembly);
        Features.Office.Statistics.StatisticsFacts.Configure(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names (DESIGN.md, Data).
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Flags are stored as their comma-separated names, which can be longer.
        configurationBuilder.Properties<Guohe.Domain.Organisations.KeyFields>().HaveConversion<string>().HaveMaxLength(200);
        // Instants are UTC (DESIGN.md, Data); SQLite keeps no kind, so every DateTime read back is marked UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var notifications = PrepareSave();
        var saved = SaveWithAudit(acceptAllChangesOnSuccess);
        if (notifications)
        {
            Guohe.Web.Notifications.UnreadCounts.Changed();
        }
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var notifications = PrepareSave();
        var saved = await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (notifications)
        {
            Guohe.Web.Notifications.UnreadCounts.Changed();
        }
        return saved;
    }

    private int SaveCore(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException e) when (IsHistoryConflict(e))
        {
            throw HistoryConflict(e);
        }
    }

    private async Task<int> SaveCoreAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException e) when (IsHistoryConflict(e))
        {
            throw HistoryConflict(e);
        }
    }

    /// <summary>
    /// Two writers that loaded the same aggregate both append the record with the next sequence number; the unique
    /// (AggregateType, AggregateId, Sequence) index stops the second. Depending on the order of the statements that shows as
    /// a unique violation instead of a version mismatch; it is the same conflict, so callers get one exception type.
    /// </summary>
    private static bool IsHistoryConflict(DbUpdateException e) =>
        e is not DbUpdateConcurrencyException
        && e.InnerException is { } inner
        && inner.Message.Contains(nameof(TransitionRecords), StringComparison.Ordinal)
        && inner switch
        {
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
            Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            _ => false,
        };

    /// <summary>
    /// Whether a failed save broke a unique index (a number or key someone else took in between) — a conflict the caller can
    /// answer as such; anything else (a missing row, a broken foreign key, a value too long) is a real error.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static DbUpdateConcurrencyException HistoryConflict(DbUpdateException e) =>
        new("The aggregate was changed by someone else since it was loaded (its next history record already exists).", e);

    /// <summary>
    /// Before every save: refuses changes to stored history, moves each aggregate's pending history records into
    /// <see cref="TransitionRecords"/> (so a verb's record is written in the same transaction as its state), rewrites the
    /// statistics' rows of the obligations and visits saved, and bumps versions. Returns whether notifications change (the
    /// bell's counts are then read afresh, <see cref="Guohe.Web.Notifications.UnreadCounts"/>).
    /// </summary>
    private bool PrepareSave()
    {
        ChangeTracker.DetectChanges();
        // Changes are detected once above; each Entries() below would otherwise scan every tracked entity again, which
        // shows in a save of thousands of rows (the import of organisations).
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            RefuseHistoryChanges();
            RefuseAuditChanges();
            AddPendingHistory();
            Features.Office.Statistics.StatisticsFacts.Project(this);
            BumpVersions();
            return ChangeTracker.Entries<Guohe.Web.Notifications.Notification>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void RefuseHistoryChanges()
    {
        foreach (var entry in ChangeTracker.Entries<TransitionRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"History is append-only: transition record {entry.Entity.Id} ({entry.Entity.AggregateType} #{entry.Entity.Sequence}) cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
        }
    }

    /// <summary>The audit log is append-only too: only the purge removes records, and never through the change tracker.</summary>
    private void RefuseAuditChanges()
    {
        foreach (var entry in ChangeTracker.Entries<Audit.AuditRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"The audit log is append-only: record #{entry.Entity.Sequence} cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
        }
    }

    private void AddPendingHistory()
    {
        var aggregates = ChangeTracker.Entries()
            .Where(e => e.Entity is IHasHistory && e.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged)
            .Select(e => (IHasHistory)e.Entity)
            .ToList();
        foreach (var aggregate in aggregates)
        {
            if (aggregate.PendingHistory.Count == 0)
            {
                continue;
            }
            TransitionRecords.AddRange(aggregate.PendingHistory);
            aggregate.ClearPendingHistory();
        }
    }

    /// <summary>
    /// Every aggregate has an integer <c>Version</c> concurrency token: a modified aggregate is written
    /// with Version + 1 and only where the stored Version is still the one read, so a stale write fails.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified || entry.Metadata.FindProperty("Version") is not { } version)
            {
                continue;
            }
            var property = entry.Property(version.Name);
            property.CurrentValue = (int)property.OriginalValue! + 1;
        }
    }
}

public sealed class SqliteGuoheDbContext(DbContextOptions<SqliteGuoheDbContext> options, Audit.AuditTrail? audit = null) : GuoheDbContext(options, audit);

public sealed class PostgresGuoheDbContext(DbContextOptions<PostgresGuoheDbContext> options, Audit.AuditTrail? audit = null) : GuoheDbContext(options, audit)
{
    /// <summary>
    /// Another context on the same database, with its own connection, for reads that run beside this context's (the statistics'
    /// counts, which the server works on at once). It writes nothing, so it has no audit trail; the caller disposes it.
    /// </summary>
    public PostgresGuoheDbContext Reader() => new((DbContextOptions<PostgresGuoheDbContext>)this.GetService<IDbContextOptions>());
}

/// <summary>Stores DateTime values unchanged and reads them back with <see cref="DateTimeKind.Utc"/>.</summary>
internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    value => value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
