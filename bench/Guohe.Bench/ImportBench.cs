using System.Data;
using System.Diagnostics;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Npgsql;

namespace Guohe.Bench;

/// <summary>
/// Import of 1,000 organisations from a spreadsheet (QUALITY.md: ≤ 2 s, all or nothing): check and commit, in process, on a
/// fresh SQLite file and, when GUOHE_TEST_POSTGRES names a server, on a fresh PostgreSQL database. After one warm-up, three
/// runs each; the best and the worst are printed.
/// </summary>
public static class ImportBench
{
    private const int Rows = 1000;

    public static async Task<IEnumerable<Figure>> RunAsync()
    {
        var file = Workbook();
        await MeasureAsync("warm-up", file, SqliteAsync); // a running server has its code compiled: measure it warm
        var figures = new List<Figure>();
        figures.AddRange(await MeasureAsync("SQLite", file, SqliteAsync));
        if (Environment.GetEnvironmentVariable("GUOHE_TEST_POSTGRES") is { Length: > 0 } server)
        {
            figures.AddRange(await MeasureAsync("PostgreSQL", file, () => PostgresAsync(server)));
        }
        return figures;
    }

    private static async Task<IEnumerable<Figure>> MeasureAsync(string provider, byte[] file, Func<Task<(GuoheDbContext Db, Func<Task> Drop)>> fresh)
    {
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var (db, drop) = await fresh();
            try
            {
                var now = TimeProvider.System.GetUtcNow().UtcDateTime;
                var clock = Stopwatch.StartNew();
                var check = await UnitImport.ValidateAsync(db, new MemoryStream(file), "bench.xlsx", ChinaTime.DateOf(now));
                var result = await UnitImport.CommitAsync(db, new MemoryStream(file), "bench.xlsx", new Actor(Guid.NewGuid(), "办公室", Role.Office), now);
                clock.Stop();
                if (!check.IsValid || !result.Committed || await db.Organisations.CountAsync() != Rows)
                {
                    throw new InvalidOperationException($"The benchmark's import did not go in: {string.Join("; ", check.Errors.Take(3).Select(e => e.Problem.Zh))}");
                }
                times.Add(clock.Elapsed.TotalSeconds);
            }
            finally
            {
                await db.DisposeAsync();
                await drop();
            }
        }
        return
        [
            new Figure($"import of organisations from a spreadsheet, check + commit ({provider}, best of 3)", $"{Rows} rows", times.Min(), "s", "≤ 2 s", times.Min() <= 2),
            new Figure($"import of organisations from a spreadsheet, check + commit ({provider}, worst of 3)", $"{Rows} rows", times.Max(), "s", "≤ 2 s", times.Max() <= 2),
        ];
    }

    /// <summary>
    /// 1,000 pilot units and bases as the template has them: every column filled. <paramref name="prefix"/> is the first ten
    /// characters of each credit code (the mixed load imports a new set each round).
    /// </summary>
    public static byte[] Workbook(string prefix = "91110108MA")
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in ImportColumns.All)
        {
            table.Columns.Add(column.Zh, typeof(string));
        }
        for (var i = 0; i < Rows; i++)
        {
            var body = $"{prefix}{i + 1:D7}";
            var isBase = i % 2 == 1;
            table.Rows.Add(body + Uscc.CheckCharacter(body), $"批量导入单位{prefix[^4..]}-{i}", "上海市", "企业", "国家级", "民营", "新能源、电子信息", "王联络",
                $"unit{i}@example.cn", "13800001234", isBase ? UnitImport.Base : UnitImport.Pilot, "2022-03-01", isBase ? "2024-06-30" : null);
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, table, sheetName: "单位", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static async Task<(GuoheDbContext, Func<Task>)> SqliteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"guohe-bench-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var options = new DbContextOptionsBuilder<SqliteGuoheDbContext>();
        Database.ConfigureSqlite(options, connection);
        var db = new SqliteGuoheDbContext(options.Options);
        await db.Database.MigrateAsync();
        return (db, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
            return Task.CompletedTask;
        });
    }

    private static async Task<(GuoheDbContext, Func<Task>)> PostgresAsync(string server)
    {
        var name = "guohe_bench_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<PostgresGuoheDbContext>();
        Database.ConfigurePostgres(options, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString());
        var db = new PostgresGuoheDbContext(options.Options);
        await db.Database.MigrateAsync();
        return (db, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
