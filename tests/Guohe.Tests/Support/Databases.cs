using Npgsql;

namespace Guohe.Tests.Support;

/// <summary>
/// The providers every database test runs on: SQLite always; PostgreSQL when <c>GUOHE_TEST_POSTGRES</c> holds a
/// connection string to a server where the user may create databases. Under <c>CI=true</c> a missing or
/// unreachable PostgreSQL fails the test instead of skipping it.
/// </summary>
public static class Databases
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static TheoryData<string> Both => new(Sqlite, Postgres);

    public static string? PostgresServer => Environment.GetEnvironmentVariable("GUOHE_TEST_POSTGRES");

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var server = PostgresServer;
        if (string.IsNullOrWhiteSpace(server))
        {
            if (InCi)
            {
                Assert.Fail("GUOHE_TEST_POSTGRES is not set, and CI=true requires the PostgreSQL run.");
            }
            Assert.Skip("PostgreSQL not configured: set GUOHE_TEST_POSTGRES to run this test on PostgreSQL (bash .ci/run does).");
        }
        var name = "guohe_t_" + Guid.NewGuid().ToString("N");
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            if (InCi)
            {
                Assert.Fail($"PostgreSQL at GUOHE_TEST_POSTGRES cannot be reached: {e.Message}");
            }
            Assert.Skip($"PostgreSQL at GUOHE_TEST_POSTGRES cannot be reached: {e.Message}");
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>
    /// Drops a test database. Best effort: a background worker of the server (e.g. autovacuum) may hold it for a moment,
    /// and a leftover empty test database harms nothing, so cleanup never fails a test.
    /// </summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = new NpgsqlConnectionStringBuilder(PostgresServer).Database ?? "postgres";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ToString());
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }
}
