using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>At start-up: create the SQLite file (WAL), apply migrations, seed demo data in Development.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareAsync(WebApplication app, DatabaseProvider provider, string connectionString)
    {
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                Database.PrepareSqliteFile(connectionString);
            }
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
            await db.Database.MigrateAsync();
            if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true))
            {
                await DevSeed.RunAsync(scope.ServiceProvider);
            }
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException { InnerException: DbException })
        {
            throw new StartupException(
                $"无法打开或升级数据库（{provider}）：{e.Message}",
                $"The database ({provider}) could not be opened or migrated: {e.Message}");
        }
    }
}
