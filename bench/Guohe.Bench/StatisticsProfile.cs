using System.Diagnostics;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Guohe.Bench;

/// <summary>
/// <c>--explain</c>: reads the statistics once in process, uncached, and prints every SQL statement that took 20 ms or more,
/// to find what makes the uncached dashboard slow.
/// </summary>
public static class StatisticsProfile
{
    public static async Task RunAsync(BenchDatabase database)
    {
        void Log(string line)
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"\((\d+)ms\)");
            if (match.Success && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 20)
            {
                Console.WriteLine(line.Length > 900 ? line[..900] + " …" : line);
            }
        }
        for (var run = 1; run <= 2; run++)
        {
            await using GuoheDbContext db = database.Provider == DatabaseProvider.Sqlite
                ? new SqliteGuoheDbContext(new DbContextOptionsBuilder<SqliteGuoheDbContext>().UseSqlite(database.ConnectionString)
                    .LogTo(Log, [RelationalEventId.CommandExecuted], LogLevel.Information).Options)
                : new PostgresGuoheDbContext(new DbContextOptionsBuilder<PostgresGuoheDbContext>().UseNpgsql(database.ConnectionString)
                    .LogTo(Log, [RelationalEventId.CommandExecuted], LogLevel.Information).Options);
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
            await Time("items by category", () => StatisticsSql.ItemsByCategoryAsync(db, Period.All, default));
            await Time("timeliness", () => StatisticsSql.ObligationTimelinessAsync(db, Period.All, DateOnly.FromDateTime(DateTime.UnixEpoch), default));
            await Time("assignments", () => StatisticsSql.AssignmentsAsync(db, Period.All, default));
        }
    }
}
