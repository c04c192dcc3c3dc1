using System.Diagnostics;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Guohe.Bench;

/// <summary>
/// <c>--explain</c>: reads the statistics twice in process, uncached, and prints every SQL statement with its time, to find
/// what makes the uncached dashboard slow.
/// </summary>
public static class StatisticsProfile
{
    public static async Task RunAsync(BenchDatabase database)
    {
        void Log(string line)
        {
            // "Executed DbCommand (12ms) [...]" then the SQL: print the time and the statement's first meaningful line.
            var match = System.Text.RegularExpressions.Regex.Match(line, @"\((\d+)ms\)");
            if (match.Success)
            {
                var sql = line.Split('\n').Skip(2).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("WITH", StringComparison.Ordinal)) ?? string.Empty;
                Console.WriteLine($"    {match.Groups[1].Value,5} ms  {(sql.Length > 110 ? sql[..110] : sql)}");
            }
        }
        for (var run = 1; run <= 2; run++)
        {
            await using GuoheDbContext db = database.Provider == DatabaseProvider.Sqlite
                ? new SqliteGuoheDbContext(new DbContextOptionsBuilder<SqliteGuoheDbContext>().UseSqlite(database.ConnectionString)
                    .LogTo(Log, [RelationalEventId.CommandExecuted], LogLevel.Information).Options)
                : new PostgresGuoheDbContext(new DbContextOptionsBuilder<PostgresGuoheDbContext>().UseNpgsql(database.ConnectionString)
                    .LogTo(Log, [RelationalEventId.CommandExecuted], LogLevel.Information).Options);
            if (run == 1)
            {
                await db.Database.MigrateAsync(); // a data set generated before the latest migration
            }
            var clock = Stopwatch.StartNew();
            await StatisticsReads.ReadAsync(db, Period.All, TimeProvider.System.GetUtcNow().UtcDateTime);
            Console.WriteLine($"Statistics read {run}: {clock.Elapsed.TotalMilliseconds:0} ms");
            async Task Time(string what, Func<Task> read)
            {
                var watch = Stopwatch.StartNew();
                await read();
                Console.WriteLine($"  {what}: {watch.Elapsed.TotalMilliseconds:0} ms");
            }
            await Time("partners by country", () => StatisticsSql.PartnersByCountryAsync(db, Period.All, default));
            await Time("timeliness", () => StatisticsSql.ObligationTimelinessAsync(db, Period.All, DateOnly.FromDateTime(DateTime.UnixEpoch), default));
        }
    }
}
