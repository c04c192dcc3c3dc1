using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Guohe.Web.Infrastructure;

/// <summary>What a backup holds, written last as <c>manifest.json</c>: without it a folder is not a backup.</summary>
public sealed record BackupManifest(
    string Format,
    DateTime CreatedAtUtc,
    string Provider,
    string DatabaseFile,
    BackupFile Database,
    IReadOnlyDictionary<string, long> Tables,
    IReadOnlyList<BackupFile> Files,
    IReadOnlyList<string> MissingFiles)
{
    public const string CurrentFormat = "guohe-backup/1";
    public const string FileName = "manifest.json";
}

/// <summary>One file in a backup: its path inside the backup, size and SHA-256 (lower-case hex) of the bytes as stored.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>A backup or restore that cannot go on, as a sentence in both languages.</summary>
public sealed class BackupException(string zh, string en) : Exception($"{zh} / {en}")
{
    public string Zh { get; } = zh;

    public string En { get; } = en;
}

/// <summary>
/// Backup and restore of everything Guohe keeps (QUALITY.md, Reliability): the database — which also holds the Data Protection
/// keys (<c>PersistKeysToDbContext</c>), so cookies, antiforgery tokens and encrypted ID copies stay readable — and the file store
/// (<c>{DataDirectory}/files</c>). SQLite is copied with SQLite's online backup (safe while the app runs); PostgreSQL with
/// <c>pg_dump -Fc</c> in one exported snapshot, so the row counts in the manifest are those of the dump. Files are the ones the
/// database's rows name (uploads write the file before the row, and never change a file), each with its SHA-256.
/// Restore checks every hash before it touches anything, refuses a target with data unless forced, builds the new database and
/// files beside the old ones and swaps them in at the end.
/// </summary>
public static class Backups
{
    private const string SqliteFile = "database.sqlite";
    private const string PostgresFile = "database.pgdump";
    private const string FilesFolder = "files";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<BackupManifest> CreateAsync(GuoheDbContext db, Storage storage, TimeProvider clock, string to, TextWriter output)
    {
        var clockStart = Stopwatch.StartNew();
        var destination = Path.GetFullPath(to);
        var zip = destination.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
        if (File.Exists(destination) || (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any()))
        {
            throw new BackupException($"备份目标已存在且不为空：{destination}", $"The backup target exists and is not empty: {destination}");
        }
        var parent = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, $".{Path.GetFileName(destination)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var provider = ProviderOf(db);
            var tables = Tables(db);
            var storedFiles = StoredFilesTable(db);
            var connectionString = db.Database.GetConnectionString()!;
            var (databaseFile, counts, names) = provider == DatabaseProvider.Sqlite
                ? await BackupSqliteAsync(connectionString, work, tables, storedFiles)
                : await BackupPostgresAsync(connectionString, work, tables, storedFiles, output);

            var source = Path.Combine(storage.DataDirectory, FilesFolder);
            var filesOut = Path.Combine(work, FilesFolder);
            Directory.CreateDirectory(filesOut);
            var files = new List<BackupFile>();
            var missing = new List<string>();
            foreach (var name in names.Order(StringComparer.Ordinal))
            {
                var from = Path.Combine(source, name);
                if (!File.Exists(from))
                {
                    missing.Add(name);
                    continue;
                }
                var copy = Path.Combine(filesOut, name);
                File.Copy(from, copy);
                files.Add(await DescribeAsync(work, copy));
            }
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow().UtcDateTime, provider.ToString(), databaseFile,
                await DescribeAsync(work, Path.Combine(work, databaseFile)), counts, files, missing);
            await File.WriteAllTextAsync(Path.Combine(work, BackupManifest.FileName), JsonSerializer.Serialize(manifest, Json));

            if (zip)
            {
                var partialZip = work + ".zip";
                await ZipFile.CreateFromDirectoryAsync(work, partialZip, CompressionLevel.Fastest, includeBaseDirectory: false);
                File.Move(partialZip, destination);
                Directory.Delete(work, recursive: true);
            }
            else
            {
                if (Directory.Exists(destination))
                {
                    Directory.Delete(destination); // empty, checked above
                }
                Directory.Move(work, destination);
            }
            foreach (var name in missing)
            {
                await output.WriteLineAsync($"警告：数据库记录的文件在磁盘上不存在 Warning: a file the database names is missing on disk: {name}");
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已备份 Backed up ({provider}) to {destination}: {counts.Count} tables, {counts.Values.Sum()} rows, {files.Count} files, " +
                $"{files.Sum(f => f.Bytes) + manifest.Database.Bytes} bytes, {clockStart.Elapsed.TotalSeconds:0.00} s"));
            return manifest;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
            File.Delete(work + ".zip");
        }
    }

    public static async Task<BackupManifest> RestoreAsync(GuoheDbContext db, Storage storage, string from, bool force, TextWriter output)
    {
        var clockStart = Stopwatch.StartNew();
        var source = Path.GetFullPath(from);
        string? extracted = null;
        try
        {
            if (File.Exists(source))
            {
                extracted = Directory.CreateTempSubdirectory("guohe-restore-").FullName;
                await ZipFile.ExtractToDirectoryAsync(source, extracted);
                source = extracted;
            }
            else if (!Directory.Exists(source))
            {
                throw new BackupException($"找不到备份：{source}", $"No backup at {source}");
            }
            var manifest = await ReadManifestAsync(source);
            await VerifyAsync(source, manifest);
            var provider = ProviderOf(db);
            if (!string.Equals(manifest.Provider, provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupException($"备份来自 {manifest.Provider}，当前配置的数据库是 {provider}；不能跨数据库恢复。",
                    $"The backup is of {manifest.Provider} but the configured database is {provider}; restore across providers is not supported.");
            }
            var connectionString = db.Database.GetConnectionString()!;
            var tables = Tables(db);
            var filesFolder = Path.Combine(storage.DataDirectory, FilesFolder);
            if (!force)
            {
                var rows = await TargetRowsAsync(provider, connectionString, tables);
                var hasFiles = Directory.Exists(filesFolder) && Directory.EnumerateFileSystemEntries(filesFolder).Any();
                if (rows > 0 || hasFiles)
                {
                    throw new BackupException($"目标不为空（数据库 {rows} 行，文件夹{(hasFiles ? "有" : "无")}文件）；确要覆盖请加 --force。",
                        $"The target is not empty ({rows} rows in the database, {(hasFiles ? "files" : "no files")} in {filesFolder}); add --force to replace it.");
                }
            }

            // Stage the files beside the live folder (same file system, so the swap is a rename), checking each copy again.
            Directory.CreateDirectory(storage.DataDirectory);
            var id = Guid.NewGuid().ToString("N")[..8];
            var stagedFiles = Path.Combine(storage.DataDirectory, $"{FilesFolder}.restore-{id}");
            var oldFiles = Path.Combine(storage.DataDirectory, $"{FilesFolder}.before-restore-{id}");
            Directory.CreateDirectory(stagedFiles);
            try
            {
                foreach (var file in manifest.Files)
                {
                    var copy = Path.Combine(stagedFiles, Path.GetFileName(file.Path));
                    File.Copy(Path.Combine(source, file.Path), copy);
                    if ((await DescribeAsync(stagedFiles, copy)).Sha256 != file.Sha256)
                    {
                        throw new BackupException($"复制后文件校验不符：{file.Path}", $"A file's copy does not match its hash: {file.Path}");
                    }
                }
                IReadOnlyDictionary<string, long> restored;
                if (provider == DatabaseProvider.Sqlite)
                {
                    restored = await RestoreSqliteAsync(connectionString, Path.Combine(source, manifest.DatabaseFile), tables, manifest,
                        () => Swap(filesFolder, stagedFiles, oldFiles));
                }
                else
                {
                    restored = await RestorePostgresAsync(connectionString, Path.Combine(source, manifest.DatabaseFile), tables, output);
                    Swap(filesFolder, stagedFiles, oldFiles);
                }
                if (Directory.Exists(oldFiles))
                {
                    Directory.Delete(oldFiles, recursive: true);
                }
                var differing = manifest.Tables.Where(t => restored.GetValueOrDefault(t.Key, -1) != t.Value).Select(t => $"{t.Key} {restored.GetValueOrDefault(t.Key, -1)}≠{t.Value}").ToList();
                if (differing.Count > 0)
                {
                    throw new BackupException($"恢复后行数与清单不符：{string.Join(", ", differing)}", $"Row counts after restore differ from the manifest: {string.Join(", ", differing)}");
                }
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"已恢复 Restored ({provider}) from {from}: {restored.Count} tables, {restored.Values.Sum()} rows, {manifest.Files.Count} files, " +
                    $"{manifest.Files.Sum(f => f.Bytes) + manifest.Database.Bytes} bytes, all hashes and row counts as in the manifest, {clockStart.Elapsed.TotalSeconds:0.00} s"));
                return manifest;
            }
            finally
            {
                if (Directory.Exists(stagedFiles))
                {
                    Directory.Delete(stagedFiles, recursive: true);
                }
            }
        }
        finally
        {
            if (extracted is not null)
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    /// <summary>Every table of the EF model (owned types and table splitting counted once), and the migrations history.</summary>
    public static IReadOnlyList<string> Tables(DbContext db) =>
        [.. db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Append(HistoryRepository.DefaultTableName)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Rows per table that exists on the connection (tables of the model not yet created are left out).</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(DbConnection connection, IReadOnlyList<string> tables, DbTransaction? transaction = null)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = connection is SqliteConnection
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetString(0));
            }
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables.Where(existing.Contains))
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
#pragma warning disable CA2100 // table names come from the EF model, quoted
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
#pragma warning restore CA2100
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static DatabaseProvider ProviderOf(DbContext db) =>
        db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private static string StoredFilesTable(DbContext db) => db.Model.FindEntityType(typeof(StoredFile))!.GetTableName()!;

    private static async Task<List<string>> StoredNamesAsync(DbConnection connection, string table, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // the table name comes from the EF model
        command.CommandText = $"SELECT \"{nameof(StoredFile.StoredName)}\" FROM \"{table}\"";
#pragma warning restore CA2100
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static async Task<(string File, Dictionary<string, long> Counts, List<string> Names)> BackupSqliteAsync(
        string connectionString, string work, IReadOnlyList<string> tables, string storedFiles)
    {
        var path = Path.Combine(work, SqliteFile);
        var liveFile = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(liveFile))
        {
            throw new BackupException($"数据库文件不存在：{liveFile}", $"The database file does not exist: {liveFile}");
        }
        await using (var live = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()))
        await using (var copy = Open(path))
        {
            await live.OpenAsync();
            await copy.OpenAsync();
            live.BackupDatabase(copy); // SQLite's online backup: one consistent snapshot; writers go on meanwhile (WAL)
            await ExecuteAsync(copy, "PRAGMA journal_mode=DELETE;"); // one self-contained file, no -wal beside it
        }
        await using var snapshot = Open(path);
        await snapshot.OpenAsync();
        await CheckIntegrityAsync(snapshot);
        var counts = await CountRowsAsync(snapshot, tables);
        var names = await StoredNamesAsync(snapshot, storedFiles);
        return (SqliteFile, counts, names);
    }

    private static async Task<(string File, Dictionary<string, long> Counts, List<string> Names)> BackupPostgresAsync(
        string connectionString, string work, IReadOnlyList<string> tables, string storedFiles, TextWriter output)
    {
        var pgDump = PostgresTools.Find("pg_dump");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The counts, the file names and the dump all see one snapshot, exported from this transaction.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
        var snapshot = (string)(await export.ExecuteScalarAsync())!;
        var counts = await CountRowsAsync(connection, tables, transaction);
        var names = await StoredNamesAsync(connection, storedFiles, transaction);
        await output.WriteLineAsync($"  {await PostgresTools.VersionAsync(pgDump)}");
        await PostgresTools.RunAsync(pgDump, connectionString,
            ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={Path.Combine(work, PostgresFile)}"]);
        await transaction.CommitAsync();
        return (PostgresFile, counts, names);
    }

    private static async Task<IReadOnlyDictionary<string, long>> RestoreSqliteAsync(
        string connectionString, string backupFile, IReadOnlyList<string> tables, BackupManifest manifest, Action swapFiles)
    {
        var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var id = Guid.NewGuid().ToString("N")[..8];
        var staged = $"{target}.restore-{id}";
        var aside = $"{target}.before-restore-{id}";
        File.Copy(backupFile, staged);
        try
        {
            Dictionary<string, long> counts;
            await using (var check = Open(staged))
            {
                await check.OpenAsync();
                await CheckIntegrityAsync(check);
                counts = await CountRowsAsync(check, tables);
                await ExecuteAsync(check, "PRAGMA journal_mode=WAL;");
            }
            if (!manifest.Tables.All(t => counts.GetValueOrDefault(t.Key, -1) == t.Value))
            {
                throw new BackupException("备份中的数据库行数与清单不符。", "The backup's database does not hold the row counts of its manifest.");
            }
            SqliteConnection.ClearAllPools();
            // The old file and its -wal/-shm go aside together (a -wal left beside the new file would be replayed into it).
            var moved = new List<(string From, string To)>();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                if (File.Exists(target + suffix))
                {
                    File.Move(target + suffix, aside + suffix);
                    moved.Add((target + suffix, aside + suffix));
                }
            }
            try
            {
                File.Move(staged, target);
                swapFiles();
            }
            catch
            {
                File.Delete(target);
                foreach (var (original, set) in moved)
                {
                    File.Move(set, original, overwrite: true);
                }
                throw;
            }
            foreach (var (_, set) in moved)
            {
                File.Delete(set);
            }
            return counts;
        }
        finally
        {
            File.Delete(staged);
            File.Delete(staged + "-wal");
            File.Delete(staged + "-shm");
        }
    }

    private static async Task<IReadOnlyDictionary<string, long>> RestorePostgresAsync(string connectionString, string backupFile, IReadOnlyList<string> tables, TextWriter output)
    {
        var pgRestore = PostgresTools.Find("pg_restore");
        await output.WriteLineAsync($"  {await PostgresTools.VersionAsync(pgRestore)}");
        NpgsqlConnection.ClearAllPools();
        // One transaction: on any error nothing of the dump is applied and the old data stays (all or nothing).
        await PostgresTools.RunAsync(pgRestore, connectionString,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
             $"--dbname={new NpgsqlConnectionStringBuilder(connectionString).Database}", backupFile]);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await CountRowsAsync(connection, tables);
    }

    /// <summary>Rows in the target's tables, the migrations history left out (a migrated but empty database is empty).</summary>
    private static async Task<long> TargetRowsAsync(DatabaseProvider provider, string connectionString, IReadOnlyList<string> tables)
    {
        var data = tables.Where(t => t != HistoryRepository.DefaultTableName).ToList();
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (!File.Exists(file))
            {
                return 0;
            }
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            await sqlite.OpenAsync();
            return (await CountRowsAsync(sqlite, data)).Values.Sum();
        }
        await using var postgres = new NpgsqlConnection(connectionString);
        await postgres.OpenAsync();
        return (await CountRowsAsync(postgres, data)).Values.Sum();
    }

    private static void Swap(string live, string staged, string aside)
    {
        var hadOld = Directory.Exists(live);
        if (hadOld)
        {
            Directory.Move(live, aside);
        }
        try
        {
            Directory.Move(staged, live);
        }
        catch
        {
            if (hadOld)
            {
                Directory.Move(aside, live);
            }
            throw;
        }
    }

    private static async Task<BackupManifest> ReadManifestAsync(string folder)
    {
        var path = Path.Combine(folder, BackupManifest.FileName);
        if (!File.Exists(path))
        {
            throw new BackupException($"{folder} 中没有 {BackupManifest.FileName}：不是完整的备份。", $"{folder} has no {BackupManifest.FileName}: it is not a complete backup.");
        }
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path), Json);
        }
        catch (JsonException e)
        {
            throw new BackupException($"备份清单无法读取：{e.Message}", $"The backup's manifest cannot be read: {e.Message}");
        }
        return manifest is { Format: BackupManifest.CurrentFormat }
            ? manifest
            : throw new BackupException($"不认识的备份格式：{manifest?.Format}", $"Unknown backup format: {manifest?.Format}");
    }

    /// <summary>Every file of the manifest present with its size and hash; nothing is restored otherwise.</summary>
    private static async Task VerifyAsync(string folder, BackupManifest manifest)
    {
        var bad = new List<string>();
        foreach (var file in manifest.Files.Prepend(manifest.Database))
        {
            var path = Path.GetFullPath(Path.Combine(folder, file.Path));
            if (!path.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(path))
            {
                bad.Add(file.Path + " (missing)");
                continue;
            }
            var actual = await DescribeAsync(folder, path);
            if (actual.Sha256 != file.Sha256 || actual.Bytes != file.Bytes)
            {
                bad.Add(file.Path);
            }
        }
        if (bad.Count > 0)
        {
            throw new BackupException($"备份已损坏，{bad.Count} 个文件与清单的 SHA-256 不符，未做任何更改：{string.Join(", ", bad.Take(10))}",
                $"The backup is damaged: {bad.Count} files do not match the manifest's SHA-256; nothing was changed: {string.Join(", ", bad.Take(10))}");
        }
    }

    private static async Task<BackupFile> DescribeAsync(string root, string path)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream);
        return new BackupFile(Path.GetRelativePath(root, path).Replace('\\', '/'), stream.Length, Convert.ToHexStringLower(hash));
    }

    private static SqliteConnection Open(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant statements
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    private static async Task CheckIntegrityAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await command.ExecuteScalarAsync();
        if (result != "ok")
        {
            throw new BackupException($"SQLite 完整性检查未通过：{result}", $"SQLite integrity check failed: {result}");
        }
    }
}

/// <summary>PostgreSQL's own client programs (<c>pg_dump</c>, <c>pg_restore</c>), found on PATH; the connection goes in PG* variables.</summary>
internal static class PostgresTools
{
    public static string Find(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, tool);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new BackupException(
            $"找不到 {tool}：PostgreSQL 的备份与恢复需要 PostgreSQL 客户端工具（版本不低于服务器），例如 Debian 的 postgresql-client-15，并在 PATH 中。",
            $"{tool} was not found on PATH: backup and restore of PostgreSQL need PostgreSQL's client programs, of the server's version or newer (e.g. Debian's postgresql-client-15).");
    }

    public static async Task<string> VersionAsync(string tool)
    {
        var (_, text, _) = await StartAsync(tool, null, ["--version"]);
        return text.Trim();
    }

    public static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments)
    {
        var (code, _, errors) = await StartAsync(tool, connectionString, arguments);
        if (code != 0)
        {
            throw new BackupException($"{Path.GetFileName(tool)} 失败（退出码 {code}）：{errors.Trim()}", $"{Path.GetFileName(tool)} failed (exit code {code}): {errors.Trim()}");
        }
    }

    private static async Task<(int Code, string Output, string Errors)> StartAsync(string tool, string? connectionString, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (connectionString is not null)
        {
            // The password goes in the environment, never on the command line where other users could see it.
            var c = new NpgsqlConnectionStringBuilder(connectionString);
            start.Environment["PGHOST"] = c.Host;
            start.Environment["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["PGUSER"] = c.Username;
            start.Environment["PGPASSWORD"] = c.Password;
            start.Environment["PGDATABASE"] = c.Database;
            start.Environment["PGSSLMODE"] = c.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            };
        }
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} 无法启动。", $"{tool} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}

/// <summary>
/// <c>backup --to &lt;folder or .zip&gt;</c> and <c>restore --from &lt;folder or .zip&gt; [--force]</c> (README, Backup and restore).
/// </summary>
internal static class BackupCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string command, string[] args)
    {
        var db = services.GetRequiredService<GuoheDbContext>();
        var storage = services.GetRequiredService<Storage>();
        try
        {
            if (command == "backup")
            {
                if (Option(args, "--to") is not { Length: > 0 } to)
                {
                    await Console.Error.WriteLineAsync("用法 Usage: backup --to <文件夹 folder | 文件 file.zip>");
                    return 2;
                }
                await Backups.CreateAsync(db, storage, services.GetRequiredService<TimeProvider>(), to, Console.Out);
                return 0;
            }
            if (Option(args, "--from") is not { Length: > 0 } from)
            {
                await Console.Error.WriteLineAsync("用法 Usage: restore --from <文件夹 folder | 文件 file.zip> [--force]  (先停止应用 stop the app first)");
                return 2;
            }
            await Backups.RestoreAsync(db, storage, from, args.Contains("--force"), Console.Out);
            return 0;
        }
        catch (BackupException e)
        {
            await Console.Error.WriteLineAsync($"{(command == "backup" ? "备份失败" : "恢复失败")}：{e.Zh}\n{(command == "backup" ? "Backup failed" : "Restore failed")}: {e.En}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
        {
            await Console.Error.WriteLineAsync($"{(command == "backup" ? "备份失败" : "恢复失败")} {(command == "backup" ? "Backup failed" : "Restore failed")}: {e.Message}");
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
