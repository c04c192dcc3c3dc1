using Guohe.Domain.Organisations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>
/// The one DbContext: Identity, data-protection keys and the programme's aggregates.
/// Two provider-specific subclasses exist only so that each provider has its own migration set.
/// </summary>
public abstract class GuoheDbContext(DbContextOptions options)
    : IdentityDbContext<GuoheUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

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
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names (DESIGN.md, Data).
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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

public sealed class SqliteGuoheDbContext(DbContextOptions<SqliteGuoheDbContext> options) : GuoheDbContext(options);

public sealed class PostgresGuoheDbContext(DbContextOptions<PostgresGuoheDbContext> options) : GuoheDbContext(options);
