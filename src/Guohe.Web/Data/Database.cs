using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guohe.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider (<c>Database:Provider</c>) and the connection (<c>ConnectionStrings:Guohe</c>).</summary>
public static class Database
{
    public const string DefaultSqliteFile = "guohe.db";

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var text = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(text, ignoreCase: true, out var provider)
            ? provider
            : throw new StartupException(
                $"配置项 Database:Provider 的值“{text}”无效，应为 Sqlite 或 Postgres。",
                $"Database:Provider is '{text}'; it must be Sqlite or Postgres.");
    }

    /// <summary>The connection string; for SQLite the default is <c>data/guohe.db</c> under the data directory.</summary>
    public static string ConnectionString(IConfiguration configuration, DatabaseProvider provider, string dataDirectory)
    {
        var configured = configuration.GetConnectionString("Guohe");
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new StartupException(
                    "使用 PostgreSQL 时必须配置 ConnectionStrings:Guohe。",
                    "ConnectionStrings:Guohe must be set when Database:Provider is Postgres.")
                : configured;
        }
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, DefaultSqliteFile)}"
            : configured)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, dataDirectory);
        }
        return builder.ToString();
    }

    /// <param name="statements">Counts the commands sent, for the benchmark (<c>Bench:Enabled</c>); null otherwise.</param>
    public static IServiceCollection AddGuoheDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString, StatementCounter? statements = null)
    {
        IInterceptor[] counting = statements is null ? [] : [statements];
        // The options are built once (a singleton), not per request: building them was a sixth of a signed-in page's time
        // (issue 10's profile). The context itself stays scoped, with the request's audit trail.
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<GuoheDbContext, SqliteGuoheDbContext>(options => ConfigureSqlite(options.AddInterceptors(counting), connectionString),
                optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            services.AddDbContext<GuoheDbContext, PostgresGuoheDbContext>(options => ConfigurePostgres(options.AddInterceptors(counting), connectionString),
                optionsLifetime: ServiceLifetime.Singleton);
        }
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    /// <summary>Creates the SQLite file's folder and switches the file to WAL (a persistent setting of the file).</summary>
    public static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}

/// <summary>Per-connection SQLite settings: full fsync on commit, foreign keys on, wait for locks.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Used by <c>dotnet ef migrations add … --context SqliteGuoheDbContext</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGuoheDbContext>
{
    public SqliteGuoheDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteGuoheDbContext>();
        Database.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteGuoheDbContext(options.Options);
    }
}

/// <summary>Used by <c>dotnet ef migrations add … --context PostgresGuoheDbContext</c>; needs no server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGuoheDbContext>
{
    public PostgresGuoheDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresGuoheDbContext>();
        Database.ConfigurePostgres(options, "Host=127.0.0.1;Database=guohe_design");
        return new PostgresGuoheDbContext(options.Options);
    }
}

/// <summary>A configuration or environment problem reported at start-up as a sentence, not a stack trace.</summary>
public sealed class StartupException(string zh, string en) : Exception($"{zh} / {en}")
{
    public string Zh { get; } = zh;

    public string En { get; } = en;
}

/// <summary>
/// Counts the commands EF Core sends (a saved batch is one), so the benchmark can print SQL statements per request beside
/// each page's figures (issue 10): it reads <c>/_bench/statements</c> before and after a run of requests. Only with <c>Bench:Enabled</c>.
/// </summary>
public sealed class StatementCounter : DbCommandInterceptor
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }
}
