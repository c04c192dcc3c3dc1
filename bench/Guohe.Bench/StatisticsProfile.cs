using System.Diagnostics;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guohe.Bench;

/// <summary>
/// <c>--explain</c>: reads the statistics twice in process, uncached, and prints every SQL statement with its time, to find
/// what makes the uncached dashboard slow.
/// </summary>
public static class StatisticsProfile
{
    public static async Task RunAsync(BenchDatabase database)
    {
        var timing = new StatementTiming();
        const int Runs = 12; // the first runs compile the queries and the code; the last shows a warm server
        for (var run = 1; run <= Runs; run++)
        {
            timing.Quiet = run < Runs - 1;
            await using GuoheDbContext db = database.Provider == DatabaseProvider.Sqlite
                ? new SqliteGuoheDbContext(new DbContextOptionsBuilder<SqliteGuoheDbContext>().UseSqlite(database.ConnectionString)
                    .AddInterceptors(timing).Options)
                : new PostgresGuoheDbContext(new DbContextOptionsBuilder<PostgresGuoheDbContext>().UseNpgsql(database.ConnectionString)
                    .AddInterceptors(timing).Options);
            var clock = Stopwatch.StartNew();
            await StatisticsReads.ReadAsync(db, Period.All, TimeProvider.System.GetUtcNow().UtcDateTime);
            Console.WriteLine($"Statistics read {run}: {clock.Elapsed.TotalMilliseconds:0} ms");
            if (timing.Quiet)
            {
                continue;
            }
            async Task Time(string what, Func<Task> read)
            {
                var watch = Stopwatch.StartNew();
                await read();
                Console.WriteLine($"  {what}: {watch.Elapsed.TotalMilliseconds:0} ms");
            }
            await Time("partners by country", () => StatisticsSql.PartnersByCountryAsync(db, Period.All, default));
            await Time("timeliness", () => StatisticsSql.ObligationsByYearAsync(db, Period.All, DateOnly.FromDateTime(DateTime.UnixEpoch), default));
        }
    }

    /// <summary>
    /// Prints each statement with the time from sending it to closing its reader — the whole cost of the read, not only the
    /// time to the first row that EF's "Executed DbCommand" log shows. With <c>GUOHE_BENCH_SQL=1</c> the whole statement.
    /// </summary>
    private sealed class StatementTiming : DbCommandInterceptor
    {
        private static readonly bool Whole = Environment.GetEnvironmentVariable("GUOHE_BENCH_SQL") == "1";
        private DateTimeOffset? _lastClosed;

        public bool Quiet { get; set; }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(System.Data.Common.DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            var text = command.CommandText;
            var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("WITH", StringComparison.Ordinal)) ?? string.Empty;
            var now = TimeProvider.System.GetUtcNow();
            var elapsed = (now - eventData.StartTime).TotalMilliseconds;
            var before = _lastClosed is { } last ? (eventData.StartTime - last).TotalMilliseconds : 0;
            _lastClosed = now;
            if (Quiet)
            {
                return base.DataReaderClosingAsync(command, eventData, result);
            }
            Console.WriteLine($"    {elapsed,6:0.0} ms  (+{before,5:0.0} ms before it)  {(Whole ? text : first.Length > 90 ? first[..90] : first)}");
            return base.DataReaderClosingAsync(command, eventData, result);
        }
    }
}
