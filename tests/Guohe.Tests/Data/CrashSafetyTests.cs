using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guohe.Tests.Data;

/// <summary>
/// Crash safety (QUALITY.md, Reliability): the real app as its own process, an applicant uploading files over HTTP from two
/// writers, the process killed with SIGKILL at a seeded random moment, 50 times, restarted each time. Afterwards the SQLite file
/// passes <c>PRAGMA integrity_check</c> after every kill, every upload the app acknowledged (302) has its row and its file with the
/// right bytes, and after the start-up sweep no row lacks its file and no file lacks its row. <c>GUOHE_CRASH_KILLS</c> changes the 50.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private static readonly DocumentKind[] Kinds =
        [DocumentKind.BusinessLicence, DocumentKind.LegalRepresentativeId, DocumentKind.OrganisationIntroduction, DocumentKind.SignedFormScan];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Killed_during_uploads_fifty_times_it_loses_no_acknowledged_upload_and_keeps_rows_and_files_together(string provider)
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("GUOHE_CRASH_KILLS"), out var k) ? k : 50;
        var data = Directory.CreateTempSubdirectory("guohe-crash-").FullName;
        var database = provider == Databases.Postgres ? await Databases.CreatePostgresDatabaseAsync() : string.Empty;
        var random = new Random(20261204);
        try
        {
            var email = await ApplicantWithApplicationAsync(provider, data, database);
            var settings = new Dictionary<string, string> { ["Files:OrphanMinutes"] = "0" }; // sweep whatever the last kill left
            var cookies = new CookieContainer();
            var acknowledged = new ConcurrentBag<string>();
            var unexpected = new ConcurrentBag<string>();
            var attempts = new int[1];
            var starting = TimeSpan.Zero;
            var strayAfterKills = 0;
            var clock = Stopwatch.StartNew();
            for (var kill = 0; kill < kills; kill++)
            {
                var startClock = Stopwatch.StartNew();
                await using var app = await AppProcess.StartAsync(provider, database, data, settings);
                starting += startClock.Elapsed;
                using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(20) };
                var client = new PageClient(http);
                if (kill == 0)
                {
                    var signedIn = await client.SignInAsync(email);
                    Assert.NotEqual("/Account/Login", signedIn.Path); // later runs keep this cookie: the keys are in the database
                }
                var page = await client.GetAsync("/Applicant/Documents");
                Assert.True(page.Path == "/Applicant/Documents" && page.Status == HttpStatusCode.OK, $"run {kill}: {page.Path} {page.Status}\n{app.RecentOutput}");
                var tokens = Kinds.ToDictionary(kind => kind, kind => page.Html.QuerySelector($"#form-{kind} input[name='__RequestVerificationToken']")!.GetAttribute("value")!);
                var firstAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var writers = Enumerable.Range(0, 2)
                    .Select(w => WriteUntilKilledAsync(http, tokens, new Random(random.Next()), acknowledged, unexpected, attempts, firstAcknowledged))
                    .ToArray();
                // The kill falls at a random moment once the writers are under way (a slow first upload would otherwise eat the window).
                await Task.WhenAny(firstAcknowledged.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                await Task.Delay(random.Next(0, 800));
                await app.KillAsync();
                await Task.WhenAll(writers);
                if (provider == Databases.Sqlite)
                {
                    Assert.Equal("ok", await IntegrityAsync(data));
                }
                strayAfterKills += FilesWithoutRow(data, await RowsAsync(provider, data, database)).Count; // the next start sweeps them
            }
            var killing = clock.Elapsed;

            await using (await AppProcess.StartAsync(provider, database, data, settings))
            {
                // the sweep ran before the server listened
            }
            var rows = await RowsAsync(provider, data, database);
            var byHash = rows.ToLookup(r => r.Sha256);
            var lost = acknowledged.Where(sha => !byHash.Contains(sha)).ToList();
            var folder = Path.Combine(data, "files");
            var withoutFile = rows.Where(r => !File.Exists(Path.Combine(folder, r.StoredName))).ToList();
            var wrongBytes = rows.Where(r => !r.Encrypted && File.Exists(Path.Combine(folder, r.StoredName))
                && Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, r.StoredName)))) != r.Sha256).ToList();
            var withoutRow = FilesWithoutRow(data, rows);

            output.WriteLine($"{provider}: {kills} kills in {killing.TotalSeconds:0} s (mean start {starting.TotalSeconds / kills:0.00} s); " +
                $"{attempts[0]} uploads sent, {acknowledged.Count} acknowledged, {rows.Count} rows; lost {lost.Count}, rows without file {withoutFile.Count}, " +
                $"files with wrong bytes {wrongBytes.Count}, files without row {strayAfterKills} left by the kills (swept at the next start) and {withoutRow.Count} at the end" +
                (provider == Databases.Sqlite ? $"; PRAGMA integrity_check ok after each of the {kills} kills" : string.Empty));
            Assert.Empty(unexpected);
            Assert.True(acknowledged.Count >= kills, $"only {acknowledged.Count} uploads were acknowledged in {kills} runs");
            Assert.Empty(lost);
            Assert.Empty(withoutFile);
            Assert.Empty(wrongBytes);
            Assert.Empty(withoutRow);
        }
        finally
        {
            if (provider == Databases.Postgres)
            {
                await Databases.DropPostgresDatabaseAsync(database);
            }
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Uploads PDFs of random size (to 256 KB) until the server is gone; an upload counts once the app answered 302.</summary>
    private static async Task WriteUntilKilledAsync(HttpClient http, Dictionary<DocumentKind, string> tokens, Random random,
        ConcurrentBag<string> acknowledged, ConcurrentBag<string> unexpected, int[] attempts, TaskCompletionSource firstAcknowledged)
    {
        while (true)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            var padding = new string('x', random.Next(0, 256 * 1024));
            var content = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid():N} {padding}\n1 0 obj << >> endobj\n%%EOF\n");
            using var body = new MultipartFormDataContent
            {
                { new StringContent(tokens[kind]), "__RequestVerificationToken" },
                { new StringContent(kind.ToString()), "kind" },
                { new ByteArrayContent(content), "upload", "文件.pdf" },
            };
            try
            {
                Interlocked.Increment(ref attempts[0]);
                using var response = await http.PostAsync("/Applicant/Documents", body);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    acknowledged.Add(Convert.ToHexStringLower(SHA256.HashData(content)));
                    firstAcknowledged.TrySetResult();
                }
                else
                {
                    var text = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    unexpected.Add(text[..Math.Min(300, text.Length)]);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // killed: this upload was never acknowledged
            }
        }
    }

    private static async Task<string> ApplicantWithApplicationAsync(string provider, string data, string database)
    {
        await using var setup = await GuoheApp.StartAsync(provider, settings: new()
        {
            ["Storage:DataDirectory"] = data,
            ["ConnectionStrings:Guohe"] = database,
        });
        var user = await setup.CreateAsync(Role.Applicant);
        await setup.WithDbAsync(async (db, _) =>
        {
            var now = setup.Clock.GetUtcNow().UtcDateTime;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == user.OrganisationId);
            var batch = Batch.Create(People.Office, now, now.Year, $"{now.Year}年度第一批", now.AddDays(-1), now.AddDays(30));
            db.Batches.Add(batch);
            db.Applications.Add(Application.Create(new Actor(user.Id, user.DisplayName, Role.Applicant), now, organisation, batch));
            await db.SaveChangesAsync();
        });
        SqliteConnection.ClearAllPools();
        return user.Email!;
    }

    private sealed record Row(string Sha256, string StoredName, bool Encrypted);

    private static async Task<List<Row>> RowsAsync(string provider, string data, string database)
    {
        await using DbConnection connection = provider == Databases.Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(data, "guohe.db")};Pooling=False")
            : new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Sha256\", \"StoredName\", \"Encrypted\" FROM \"StoredFiles\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        return rows;
    }

    private static List<string> FilesWithoutRow(string data, List<Row> rows)
    {
        var folder = Path.Combine(data, "files");
        var named = rows.Select(r => r.StoredName).ToHashSet();
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Where(n => !named.Contains(n))] : [];
    }

    private static async Task<string> IntegrityAsync(string data)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "guohe.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
