using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Guohe.Web.Data;

/// <summary><c>/healthz</c>: the database answers and has no migration waiting.</summary>
internal sealed class DatabaseHealthCheck(GuoheDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} pending migrations");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database error");
        }
    }
}
