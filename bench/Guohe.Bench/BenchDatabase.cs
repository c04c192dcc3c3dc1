using System.Diagnostics;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Guohe.Bench;

/// <summary>
/// A benchmark database: SQLite (a file path) or PostgreSQL (a connection string; the database is created when missing).
/// <see cref="GenerateAsync"/> empties it, applies the application's own migrations and fills it with <see cref="DataSet"/>.
/// </summary>
public sealed class BenchDatabase
{
    private BenchDatabase(DatabaseProvider provider, string connectionString, string display)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Display = display;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string the app is started with.</summary>
    public string ConnectionString { get; }

    public string Display { get; }

    public string ProviderName => Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>
    /// The database named by <c>--provider</c> and <c>--db</c>; without <c>--db</c> a file in the temp folder (SQLite) or a
    /// database beside <c>GUOHE_TEST_POSTGRES</c>'s (PostgreSQL), named after the size.
    /// </summary>
    public static BenchDatabase From(string provider, string? db, DataSetSize size)
    {
        var name = $"guohe_bench_{size.Organisations}_{size.Partners}";
        if (provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(db ?? Path.Combine(Path.GetTempPath(), "guohe-bench", name + ".db"));
            var builder = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true, DefaultTimeout = 30 };
            return new BenchDatabase(DatabaseProvider.Sqlite, builder.ToString(), path);
        }
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connection = db ?? (Environment.GetEnvironmentVariable("GUOHE_TEST_POSTGRES") is { Length: > 0 } server
                ? new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString()
                : throw new ArgumentException("--provider postgres needs --db <connection string> or GUOHE_TEST_POSTGRES."));
            var builder = new NpgsqlConnectionStringBuilder(connection);
            return new BenchDatabase(DatabaseProvider.Postgres, connection, $"{builder.Host}/{builder.Database}");
        }
        throw new ArgumentException($"--provider must be sqlite or postgres, not '{provider}'.");
    }

    /// <summary>Services with the application's DbContext and Identity stores, for migrations, the generator and the account.</summary>
    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGuoheDatabase(Provider, ConnectionString);
        services.AddIdentityCore<GuoheUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<GuoheDbContext>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000); // as Security:PasswordHashIterations
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Whether the database holds a complete data set of this size (the office account is made last); migrations added since
    /// it was generated are applied.
    /// </summary>
    public async Task<bool> HoldsAsync(DataSetSize size)
    {
        try
        {
            if (Provider == DatabaseProvider.Sqlite && !File.Exists(new SqliteConnectionStringBuilder(ConnectionString).DataSource))
            {
                return false;
            }
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
            if (!(await db.Database.GetAppliedMigrationsAsync()).Any()
                || await db.Organisations.CountAsync() != size.Organisations
                || !await db.Users.AnyAsync(u => u.Email == DataSet.OfficeEmail))
            {
                return false;
            }
            if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
            {
                // A data set made by an earlier version: brought forward as a live database would be.
                Console.WriteLine($"Applying {pending.Count} new migration(s) to the data set: {string.Join(", ", pending)}");
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await db.Database.MigrateAsync();
            }
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException)
        {
            return false;
        }
    }

    /// <summary>Drops whatever is there, migrates and generates; prints the time taken.</summary>
    public async Task<DataSetTally> GenerateAsync(DataSetSize size)
    {
        var clock = Stopwatch.StartNew();
        await RecreateAsync();
        await using var services = Services();
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<GuoheDbContext>().Database.MigrateAsync();
        }
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var tally = await DataSet.GenerateAsync(services, size, now, Console.WriteLine);
        await DataSet.EnsureOfficeAccountAsync(services, now);
        if (Provider == DatabaseProvider.Postgres)
        {
            // What autovacuum does soon after a bulk load on a live database: statistics for the planner, and the visibility
            // map that lets the statistics' covering indexes answer without reading the table.
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GuoheDbContext>().Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        clock.Stop();
        Console.WriteLine($"Generated on {ProviderName} ({Display}) in {clock.Elapsed.TotalSeconds:0.0} s: {tally.Organisations:N0} organisations, " +
            $"{tally.Applications.Values.Sum():N0} applications, {tally.Designations.Values.Sum():N0} designations, {tally.Obligations:N0} plans and summaries, " +
            $"{tally.PartnerRows:N0} partner rows, {tally.Institutions:N0} institutions, {tally.HistoryRecords:N0} history records.");
        Console.WriteLine($"Office sign-in: {DataSet.OfficeEmail} / {DataSet.OfficePassword}");
        return tally;
    }

    /// <summary>
    /// A copy of this database for a run that writes (the mixed load imports organisations), so the data set stays as
    /// generated; disposing the copy drops it. SQLite: an online backup to a file beside it; PostgreSQL: a database made
    /// from this one as its template.
    /// </summary>
    public async Task<BenchDatabaseCopy> CopyAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var copy = new SqliteConnectionStringBuilder(ConnectionString);
            var path = copy.DataSource = Path.Combine(Path.GetDirectoryName(copy.DataSource)!, $"copy-{Guid.NewGuid():N}.db");
            await using (var from = new SqliteConnection(ConnectionString))
            await using (var to = new SqliteConnection(copy.ToString()))
            {
                await from.OpenAsync();
                await to.OpenAsync();
                from.BackupDatabase(to);
            }
            Database.PrepareSqliteFile(copy.ToString()); // WAL, as the app uses it
            return new BenchDatabaseCopy(new BenchDatabase(Provider, copy.ToString(), path), () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
                return Task.CompletedTask;
            });
        }
        NpgsqlConnection.ClearAllPools(); // a template must have no other sessions
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = $"{builder.Database}_copy";
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ToString();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{builder.Database}\"");
        var target = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new BenchDatabaseCopy(new BenchDatabase(Provider, target.ToString(), $"{target.Host}/{name}"), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task RecreateAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
            Database.PrepareSqliteFile(ConnectionString); // the folder, and WAL as the app uses it
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database ?? throw new ArgumentException("The PostgreSQL connection string names no database.");
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }
}

/// <summary>A throwaway copy of a benchmark database; disposing drops it.</summary>
public sealed class BenchDatabaseCopy(BenchDatabase database, Func<Task> drop) : IAsyncDisposable
{
    public BenchDatabase Database { get; } = database;

    public async ValueTask DisposeAsync() => await drop();
}
