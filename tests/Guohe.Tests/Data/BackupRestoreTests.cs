using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Data;

/// <summary>
/// Backup and restore as commands, tested as a round trip (QUALITY.md, Reliability): data made through the front door, a backup
/// taken by the real <c>backup</c> command while the app runs, restored by <c>restore</c> into a fresh database and data folder;
/// every table of the EF model has the same rows, every file the same SHA-256, and a sign-in cookie and antiforgery token
/// issued before the backup still work afterwards (the Data Protection keys are in the database and come with it).
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Backup_of_the_running_app_restored_into_a_fresh_place_has_every_row_file_and_key(string provider)
    {
        var target = Directory.CreateTempSubdirectory("guohe-restore-target-").FullName;
        var backups = Directory.CreateTempSubdirectory("guohe-backups-").FullName;
        // SQLite's backup as a folder, PostgreSQL's as a .zip: both forms the commands take.
        var backup = Path.Combine(backups, provider == Databases.Sqlite ? "backup" : "backup.zip");
        var targetDatabase = provider == Databases.Postgres ? await Databases.CreatePostgresDatabaseAsync() : string.Empty;
        try
        {
            await using var source = await GuoheApp.StartAsync(provider);
            var cookies = new CookieContainer();
            var (client, idCopyId) = await ApplicantWithFilesAsync(source, cookies);
            var documents = await client.GetAsync("/Applicant/Documents");
            var token = documents.Html.QuerySelector($"#form-{DocumentKind.OrganisationIntroduction} input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            var sourceConnection = await source.WithDbAsync((db, _) => Task.FromResult(db.Database.GetConnectionString()!));

            var clock = Stopwatch.StartNew();
            var (code, printed) = await AppProcess.RunCommandAsync(provider, sourceConnection, source.DataDirectory, "backup", "--to", backup);
            var backupSeconds = clock.Elapsed.TotalSeconds;
            Assert.True(code == 0, printed);
            var rows = await CountsAsync(source);
            var files = Hashes(Path.Combine(source.DataDirectory, "files"));
            Assert.Equal(3, files.Count); // the licence, its replacement and the encrypted ID copy

            clock.Restart();
            (code, printed) = await AppProcess.RunCommandAsync(provider, targetDatabase, target, "restore", "--from", backup);
            var restoreSeconds = clock.Elapsed.TotalSeconds;
            Assert.True(code == 0, printed);
            output.WriteLine(printed);
            (code, printed) = await AppProcess.RunCommandAsync(provider, targetDatabase, target, "restore", "--from", backup);
            Assert.Equal(1, code); // a target with data is kept unless --force
            Assert.Contains("--force", printed);

            await using var restored = await GuoheApp.StartAsync(provider, settings: new()
            {
                ["Storage:DataDirectory"] = target,
                ["ConnectionStrings:Guohe"] = targetDatabase,
            });
            var restoredRows = await CountsAsync(restored);
            Assert.Equal(rows, restoredRows);
            // The audit chain comes back whole: it verifies, with the same head (ADR 0010).
            var chain = await source.WithDbAsync(async (db, _) => await Guohe.Web.Audit.AuditChain.VerifyAsync(db));
            var restoredChain = await restored.WithDbAsync(async (db, _) => await Guohe.Web.Audit.AuditChain.VerifyAsync(db));
            Assert.True(chain.Valid && chain.Checked > 0);
            Assert.True(restoredChain.Valid);
            Assert.Equal((chain.HeadSequence, chain.HeadHash), (restoredChain.HeadSequence, restoredChain.HeadHash));
            output.WriteLine($"{provider}: audit chain of {chain.Checked} records, head #{chain.HeadSequence}, equal after restore");
            Assert.True(rows["DataProtectionKeys"] > 0);
            Assert.Equal(files, Hashes(Path.Combine(target, "files")));

            // The cookie and the antiforgery token the source issued before the backup are good on the restored app.
            using var again = new PageClient(restored.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)));
            var page = await again.GetAsync("/Applicant/Documents");
            Assert.Equal(("/Applicant/Documents", HttpStatusCode.OK), (page.Path, page.Status));
            Assert.Contains("new.png", page.Body);
            using (var download = await again.Http.GetAsync($"/Files/{idCopyId}"))
            {
                Assert.Equal(Jpeg, await download.Content.ReadAsByteArrayAsync()); // decrypted with the restored keys
            }
            using var body = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(nameof(DocumentKind.OrganisationIntroduction)), "kind" },
                { new ByteArrayContent(Pdf), "upload", "简介.pdf" },
            };
            using var upload = await again.Http.PostAsync("/Applicant/Documents", body);
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);

            output.WriteLine($"{provider}: {rows.Count} tables, {rows.Values.Sum()} rows, {files.Count} files equal after the round trip; " +
                $"backup command {backupSeconds:0.0} s, restore command {restoreSeconds:0.0} s (each including the process start)");
        }
        finally
        {
            if (provider == Databases.Postgres)
            {
                await Databases.DropPostgresDatabaseAsync(targetDatabase);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(target, recursive: true);
            Directory.Delete(backups, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_anything_is_replaced()
    {
        var target = Directory.CreateTempSubdirectory("guohe-restore-target-").FullName;
        var backups = Directory.CreateTempSubdirectory("guohe-backups-").FullName;
        var backup = Path.Combine(backups, "backup");
        try
        {
            await using (var source = await GuoheApp.StartAsync(Databases.Sqlite))
            {
                await ApplicantWithFilesAsync(source, new CookieContainer());
                var (code, printed) = await AppProcess.RunCommandAsync(Databases.Sqlite, string.Empty, source.DataDirectory, "backup", "--to", backup);
                Assert.True(code == 0, printed);
                (code, printed) = await AppProcess.RunCommandAsync(Databases.Sqlite, string.Empty, source.DataDirectory, "backup", "--to", backup);
                Assert.Equal(1, code); // a backup is never written over
            }
            var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json")))!;
            Assert.Equal(3, manifest.Files.Count);
            Assert.Empty(manifest.MissingFiles);
            var damaged = Path.Combine(backup, manifest.Files[1].Path);
            var bytes = await File.ReadAllBytesAsync(damaged);
            bytes[^1] ^= 0x01;
            await File.WriteAllBytesAsync(damaged, bytes);

            var (restoreCode, restorePrinted) = await AppProcess.RunCommandAsync(Databases.Sqlite, string.Empty, target, "restore", "--from", backup);

            Assert.Equal(1, restoreCode);
            Assert.Contains("SHA-256", restorePrinted);
            Assert.Empty(Directory.EnumerateFileSystemEntries(target)); // no database, no files: nothing was touched
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(target, recursive: true);
            Directory.Delete(backups, recursive: true);
        }
    }

    [Fact]
    public async Task Without_pg_dump_on_the_path_the_backup_names_the_missing_program_and_writes_nothing()
    {
        var database = await Databases.CreatePostgresDatabaseAsync();
        var data = Directory.CreateTempSubdirectory("guohe-backup-tools-").FullName;
        try
        {
            var backup = Path.Combine(data, "backup");
            var (code, printed) = await AppProcess.RunCommandAsync(Databases.Postgres, database, data,
                new Dictionary<string, string> { ["PATH"] = "/nonexistent" }, "backup", "--to", backup);

            Assert.Equal(1, code);
            Assert.Contains("找不到 pg_dump", printed);
            Assert.Contains("pg_dump was not found on PATH", printed);
            Assert.Equal([], Directory.GetFileSystemEntries(data)); // no backup, no partial folder
        }
        finally
        {
            await Databases.DropPostgresDatabaseAsync(database);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>An applicant with an open application who uploaded a licence, replaced it, and an ID copy (encrypted with the keys).</summary>
    private static async Task<(PageClient Client, Guid IdCopyId)> ApplicantWithFilesAsync(GuoheApp app, CookieContainer cookies)
    {
        var user = await app.CreateAsync(Role.Applicant);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == user.OrganisationId);
            var batch = Batch.Create(People.Office, now, now.Year, $"{now.Year}年度第一批", now.AddDays(-1), now.AddDays(30));
            db.Batches.Add(batch);
            db.Applications.Add(Application.Create(new Actor(user.Id, user.DisplayName, Role.Applicant), now, organisation, batch));
            await db.SaveChangesAsync();
        });
        var client = new PageClient(app.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)));
        await client.SignInAsync(user.Email!);
        await UploadAsync(client, DocumentKind.BusinessLicence, "old.pdf", Pdf);
        await UploadAsync(client, DocumentKind.BusinessLicence, "new.png", Png);
        await UploadAsync(client, DocumentKind.LegalRepresentativeId, "身份证.jpg", Jpeg);
        var idCopy = await app.WithDbAsync(async (db, _) => await db.StoredFiles.SingleAsync(f => f.Kind == DocumentKind.LegalRepresentativeId));
        Assert.True(idCopy.Encrypted);
        return (client, idCopy.Id);
    }

    private static async Task UploadAsync(PageClient client, DocumentKind kind, string fileName, byte[] content)
    {
        var form = await client.GetAsync("/Applicant/Documents");
        var token = form.Html.QuerySelector($"#form-{kind} input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "kind" },
            { new ByteArrayContent(content), "upload", fileName },
        };
        using var response = await client.Http.PostAsync("/Applicant/Documents", body);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Rows in every table of the EF model (and the migrations history), read generically.</summary>
    private static Task<Dictionary<string, long>> CountsAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            var counts = await Backups.CountRowsAsync(db.Database.GetDbConnection(), Backups.Tables(db));
            Assert.Equal(Backups.Tables(db).Count, counts.Count); // every table exists
            return counts;
        });

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
}
