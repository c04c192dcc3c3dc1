using System.Globalization;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Audit;

public static class AuditSetup
{
    /// <summary>Set in <see cref="HttpContext.Items"/> by a page that records its own download (an ID copy), so the export filter does not.</summary>
    public const string RecordedKey = "guohe.audit.recorded";

    /// <summary>The actor of audit records, <c>Audit:RetentionDays</c> (≥ 186), the daily purge and the record of every exported file.</summary>
    public static IServiceCollection AddGuoheAudit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Audit").Get<AuditOptions>() ?? new AuditOptions();
        if (options.RetentionDays < AuditChain.MinimumRetentionDays)
        {
            throw new StartupException(
                $"Audit:RetentionDays 为 {options.RetentionDays}，审计记录至少保存 {AuditChain.MinimumRetentionDays} 天（《网络安全法》第二十一条：不少于六个月）。",
                $"Audit:RetentionDays is {options.RetentionDays}; audit records are kept at least {AuditChain.MinimumRetentionDays} days (Cybersecurity Law Art. 21: six months).");
        }
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        services.Configure<MvcOptions>(o => o.Filters.Add<AuditExports>());
        if (options.PurgeJobEnabled)
        {
            services.AddHostedService<AuditPurgeService>();
        }
        return services;
    }
}

/// <summary>
/// Records every file a page hands out as a download (an .xlsx list, a Word form or letter, an attachment) as an <see cref="AuditEvent.Export"/>,
/// before the file is sent: the page, the query (the filters in force) and the file's name. A failure to record stops the download.
/// </summary>
internal sealed class AuditExports(GuoheDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        if (executed.Exception is null && executed.Result is FileResult { FileDownloadName.Length: > 0 } file && !http.Items.ContainsKey(AuditSetup.RecordedKey))
        {
            await db.WriteAuditEventAsync(AuditEvent.Export, http.Request.Path.Value ?? string.Empty,
                detail: $"{file.FileDownloadName} {http.Request.QueryString}".Trim(), cancellationToken: http.RequestAborted);
        }
    }
}

/// <summary>Once a day (first after five minutes): removes records older than <c>Audit:RetentionDays</c>, leaving an anchor.</summary>
internal sealed partial class AuditPurgeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
                    var purge = await AuditChain.PurgeAsync(db, options.Value.RetentionDays, clock.GetUtcNow().UtcDateTime, stoppingToken);
                    LogPurged(logger, purge.Removed, purge.ThroughSequence?.ToString(CultureInfo.InvariantCulture) ?? "-");
                }
                catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
                {
                    LogFailed(logger, e);
                }
                await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit purge: {Removed} records removed through #{Through}")]
    private static partial void LogPurged(ILogger logger, long removed, string through);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit purge failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
