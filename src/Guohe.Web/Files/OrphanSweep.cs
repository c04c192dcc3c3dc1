using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Files;

/// <summary>
/// At start-up, before the server listens (Program.cs): removes files in <c>{DataDirectory}/files</c> that no row names (and unfinished
/// <c>.tmp</c> writes), older than <c>Files:OrphanMinutes</c> (10). An upload writes its file before its row
/// (<see cref="FileStore.SaveAsync"/>), so a process killed in between leaves such a file; a row never lacks its file
/// (QUALITY.md, Reliability: crash safety). The age keeps a file another instance is about to commit.
/// </summary>
public static class OrphanSweep
{
    /// <summary>Sweeps once; returns how many files went.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<Storage>();
        var clock = services.GetRequiredService<TimeProvider>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var folder = Path.Combine(storage.DataDirectory, "files");
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        var before = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(configuration.GetValue("Files:OrphanMinutes", 10.0));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
        var named = (await db.StoredFiles.AsNoTracking().Select(f => f.StoredName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            if (!named.Contains(file.Name) && file.LastWriteTimeUtc < before)
            {
                file.Delete();
                removed++;
            }
        }
        if (removed > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrphanSweep)).LogWarning("Removed {Count} files without a database row from {Folder} (an interrupted upload leaves one).", removed, folder);
        }
        return removed;
    }
}
