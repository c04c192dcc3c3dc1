using Guohe.Tests.Support;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Guohe.Tests.Data;

public sealed class DatabaseTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        var options = new DbContextOptionsBuilder<SqliteGuoheDbContext>();
        Database.ConfigureSqlite(options, "Data Source=:memory:");
        using var db = new SqliteGuoheDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --context SqliteGuoheDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void Postgres_migrations_cover_the_model()
    {
        var options = new DbContextOptionsBuilder<PostgresGuoheDbContext>();
        Database.ConfigurePostgres(options, "Host=127.0.0.1;Database=unused");
        using var db = new PostgresGuoheDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: dotnet ef migrations add NAME --context PostgresGuoheDbContext --output-dir Data/Migrations/Postgres");
    }

    [Fact]
    public async Task Sqlite_file_is_created_in_wal_mode_with_full_sync_and_foreign_keys()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "guohe.db")));
        var (journal, synchronous, foreignKeys) = await app.WithDbAsync(async (db, _) =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            return (Scalar(connection, "PRAGMA journal_mode"), Scalar(connection, "PRAGMA synchronous"), Scalar(connection, "PRAGMA foreign_keys"));
        });
        Assert.Equal("wal", journal);
        Assert.Equal("2", synchronous); // FULL
        Assert.Equal("1", foreignKeys);
    }

    /// <summary>
    /// The statistics' covering indexes are made in SQL (EF Core cannot name complex-property columns in an index); a later
    /// migration that rebuilds one of their tables on SQLite would silently drop them. Each must exist, with its columns in order.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_statistics_covering_indexes_exist_after_every_migration(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var found = await app.WithDbAsync(async (db, _) =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var columns = new Dictionary<string, string>();
            foreach (var (name, _, _) in StatisticsIndexes.All)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = db is PostgresGuoheDbContext
                    ? $"SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM pg_class i JOIN pg_index x ON x.indexrelid = i.oid "
                      + $"CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum WHERE i.relname = '{name}'"
                    : $"SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info('{name}') ORDER BY seqno)";
                columns[name] = (await command.ExecuteScalarAsync()) as string ?? string.Empty;
            }
            return columns;
        });
        foreach (var (name, _, expected) in StatisticsIndexes.All)
        {
            Assert.Equal(string.Join(',', expected), found[name]);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_triggers_that_keep_the_statistics_counts_exist_after_every_migration(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (postgres, found) = await app.WithDbAsync(async (db, _) =>
        {
            var postgres = db is PostgresGuoheDbContext;
            var sql = postgres ? "SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal" : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'";
            return (postgres, await db.Database.SqlQueryRaw<string>(sql).ToListAsync());
        });
        Assert.Subset(found.ToHashSet(), StatisticsCounts.Triggers(postgres).ToHashSet()); // a table rebuilt on SQLite would lose them
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Data_protection_keys_live_in_the_database_so_instances_can_share_them(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var client = app.Browse();
        await client.GetAsync("/Account/Login"); // the antiforgery token needs a key

        Assert.True(await app.WithDbAsync(async (db, _) => await db.DataProtectionKeys.CountAsync()) >= 1);
        Assert.False(Directory.EnumerateFiles(app.DataDirectory, "key-*.xml", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Healthz_reports_healthy_with_a_migrated_database(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var client = app.Browse();
        var response = await client.Http.GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_up_with_an_unknown_provider_fails_with_a_sentence()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();
        var error = Assert.Throws<StartupException>(() => Database.Provider(configuration));
        Assert.Contains("Database:Provider", error.Zh);
        Assert.Contains("Sqlite or Postgres", error.En);

        // The application refuses to start instead of serving with a wrong database.
        await Assert.ThrowsAnyAsync<Exception>(() => GuoheApp.StartAsync(Databases.Sqlite, settings: new() { ["Database:Provider"] = "Oracle" }));
    }

    private static string Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
