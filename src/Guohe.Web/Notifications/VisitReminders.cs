using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Notifications;

/// <summary>
/// Reminds the expert team of a site visit or an acceptance evaluation <see cref="DaysBefore"/> days ahead (issue 4), once per visit. A visit whose
/// application has moved on (withdrawn, or the visit replaced) gets no reminder. A run that was missed catches up, as long as
/// the visit is still ahead.
/// </summary>
public sealed class VisitReminders(GuoheDbContext db, Notifier notifier, TimeProvider clock)
{
    public const int DaysBefore = 3;

    /// <summary>Sends the reminders now due; returns how many visits were reminded.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.DateOf(now);
        var latest = today.AddDays(DaysBefore);
        var due = await db.SiteVisits
            .Where(v => v.ReminderSentAtUtc == null && v.Date >= today && v.Date <= latest)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var visit in due)
        {
            if (await UnitNameIfStillDueAsync(visit, cancellationToken) is not { } unitName)
            {
                continue;
            }
            visit.MarkReminded(now);
            await notifier.RemindVisitAsync(visit, unitName); // saves the notices and the visit together
            sent++;
        }
        return sent;
    }

    /// <summary>
    /// The visited unit's name while the visit still stands: the application is in site visit with this visit, or the
    /// designation is in acceptance review; otherwise null.
    /// </summary>
    private async Task<string?> UnitNameIfStillDueAsync(SiteVisit visit, CancellationToken cancellationToken)
    {
        if (visit.Purpose == SiteVisitPurpose.ApplicationReview)
        {
            var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == visit.SubjectId, cancellationToken);
            return application is { Status: ApplicationStatus.SiteVisit } && application.SiteVisitId == visit.Id ? application.OrganisationName : null;
        }
        var designation = await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == visit.SubjectId, cancellationToken);
        return designation is { Status: Domain.Designations.DesignationStatus.AcceptanceReview } ? designation.OrganisationName : null;
    }
}

/// <summary>Runs <see cref="VisitReminders"/> at start and then every hour (setting <c>Reminders:Enabled</c>, default on).</summary>
public sealed partial class VisitReminderService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<VisitReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<VisitReminders>().SendDueAsync(stoppingToken);
                if (sent > 0)
                {
                    LogSent(logger, sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e); // try again at the next run
            }
            await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Visit reminders sent for {Count} visits")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Visit reminders failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
