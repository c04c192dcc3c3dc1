using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Notifications;

/// <summary>What one run of <see cref="ObligationJob"/> did.</summary>
public sealed record ObligationRun(int Created, int Reminded);

/// <summary>
/// The daily obligations job (issue 5; Art. 8, 12(1), 12(3), 12(4), 13(1), 14). For the China date of the run it
/// (a) creates every obligation <see cref="ObligationPlanner.Missing"/> says a designation that has not ended owes, and tells
/// the unit; (b) reminds the unit (its accounts and its liaison, Art. 8) of each open obligation 30, 7 and 1 days before its
/// due date and once when it is overdue, the overdue one also to the office. Safe to run often and on several instances at
/// once: creation runs under a database-wide lock and re-reads what exists; each reminder is claimed by inserting its
/// <see cref="ObligationReminder"/> row (unique per obligation, stage and due date) before anything is sent.
/// </summary>
public sealed class ObligationJob(GuoheDbContext db, Notifier notifier, TimeProvider clock)
{
    /// <summary>The job acts as the office (Obligation.Create requires it) under this name in the history.</summary>
    public static readonly Actor System = new(Guid.Empty, "系统", Role.Office);

    /// <summary>An arbitrary key of the PostgreSQL advisory lock that serialises creation between instances.</summary>
    private const long CreationLockKey = 0x47756f6865_05;

    public async Task<ObligationRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var created = await CreateMissingAsync(cancellationToken);
        var reminded = await RemindAsync(cancellationToken);
        return new ObligationRun(created, reminded);
    }

    /// <summary>The reminder stage current on <paramref name="today"/> for a due date, or null when none is (more than 30 days ahead).</summary>
    public static ReminderStage? StageOn(DateOnly today, DateOnly dueDate)
    {
        var daysLeft = dueDate.DayNumber - today.DayNumber;
        return daysLeft switch
        {
            < 0 => ReminderStage.Overdue,
            <= 1 => ReminderStage.OneDay,
            <= 7 => ReminderStage.SevenDays,
            <= 30 => ReminderStage.ThirtyDays,
            _ => null,
        };
    }

    /// <summary>The Chinese and English names of the form an obligation asks for.</summary>
    public static (string Zh, string En) KindNames(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => ("年度工作计划表", "annual work plan (Form 2)"),
        ObligationKind.AnnualSummary => ("年度工作总结表", "annual work summary (Form 3)"),
        _ => ("建设工作总结表", "construction summary (Form 4)"),
    };

    private async Task<int> CreateMissingAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.DateOf(now);
        var created = new List<Obligation>();
        // SQLite: BeginTransaction is BEGIN IMMEDIATE, which takes the write lock now; PostgreSQL: an advisory lock. Either
        // way a second instance waits here and then sees what the first created.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({CreationLockKey})", cancellationToken);
            }
            var designations = (await db.Designations.AsNoTracking().ToListAsync(cancellationToken)).Where(d => !d.IsEnded).ToList();
            var ids = designations.Select(d => d.Id).ToList();
            var existing = (await db.Obligations.AsNoTracking().Where(o => ids.Contains(o.DesignationId)).ToListAsync(cancellationToken))
                .ToLookup(o => o.DesignationId);
            foreach (var designation in designations)
            {
                foreach (var due in ObligationPlanner.Missing(designation, existing[designation.Id], today, ObligationRules.Default))
                {
                    var obligation = Obligation.Create(System, now, designation, due);
                    db.Obligations.Add(obligation);
                    created.Add(obligation);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        foreach (var obligation in created)
        {
            var (kindZh, kindEn) = KindNames(obligation.Kind);
            var date = ChinaTime.Iso(obligation.DueDate);
            await notifier.UnitAsync(obligation.OrganisationId,
                $"您单位需提交{obligation.Year}年{kindZh}，截止日期{date}。",
                $"Your unit must file its {kindEn} for {obligation.Year} by {date}.",
                "/Applicant/Obligations");
        }
        if (created.Count > 0)
        {
            await notifier.SaveAsync();
        }
        return created.Count;
    }

    private async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.DateOf(now);
        var horizon = today.AddDays(30);
        var open = await db.Obligations.AsNoTracking()
            .Where(o => o.Status == ObligationStatus.Open && o.DueDate <= horizon)
            .OrderBy(o => o.DueDate)
            .ToListAsync(cancellationToken);
        var designationIds = open.Select(o => o.DesignationId).Distinct().ToList();
        var designations = await db.Designations.AsNoTracking().Where(d => designationIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var reminded = 0;
        foreach (var obligation in open)
        {
            if (!designations.TryGetValue(obligation.DesignationId, out var designation) || designation.IsEnded
                || StageOn(today, obligation.DueDate) is not { } stage)
            {
                continue;
            }
            if (await db.ObligationReminders.AnyAsync(r => r.ObligationId == obligation.Id && r.Stage == stage && r.DueDate == obligation.DueDate, cancellationToken)
                || !await ClaimAsync(obligation, stage, now, cancellationToken))
            {
                continue;
            }
            await SendAsync(obligation, designation.OrganisationName, stage, today);
            reminded++;
        }
        return reminded;
    }

    /// <summary>Inserts the reminder's row; false when another run already did (the unique index refused it).</summary>
    private async Task<bool> ClaimAsync(Obligation obligation, ReminderStage stage, DateTime now, CancellationToken cancellationToken)
    {
        var row = new ObligationReminder { Id = Guid.CreateVersion7(now), ObligationId = obligation.Id, Stage = stage, DueDate = obligation.DueDate, SentAtUtc = now };
        db.ObligationReminders.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    private async Task SendAsync(Obligation obligation, string organisationName, ReminderStage stage, DateOnly today)
    {
        var (kindZh, kindEn) = KindNames(obligation.Kind);
        var date = ChinaTime.Iso(obligation.DueDate);
        var year = obligation.Year;
        if (stage == ReminderStage.Overdue)
        {
            await notifier.UnitAsync(obligation.OrganisationId,
                $"逾期提醒：您单位{year}年{kindZh}已超过截止日期{date}，请尽快提交。",
                $"Overdue: your unit's {kindEn} for {year} was due on {date}. Please file it as soon as possible.",
                "/Applicant/Obligations");
            await notifier.RoleAsync(Role.Office, null,
                $"逾期：{organisationName}的{year}年{kindZh}截止日期为{date}，至今未提交。",
                $"Overdue: the {kindEn} for {year} of {organisationName} was due on {date} and has not been filed.",
                "/Office");
        }
        else
        {
            var daysLeft = obligation.DueDate.DayNumber - today.DayNumber;
            var (whenZh, whenEn) = daysLeft == 0 ? ("今天截止", "it is due today") : ($"还有{daysLeft}天", $"{daysLeft} day(s) left");
            await notifier.UnitAsync(obligation.OrganisationId,
                $"提醒：您单位{year}年{kindZh}应于{date}前提交（{whenZh}）。",
                $"Reminder: your unit's {kindEn} for {year} is due on {date} ({whenEn}).",
                "/Applicant/Obligations");
        }
        await notifier.SaveAsync();
    }
}

/// <summary>
/// Runs <see cref="ObligationJob"/> at start and then every hour (setting <c>Obligations:JobEnabled</c>, default on). The job
/// does each day's work once however often it runs, so the hourly beat only makes sure a new China day is handled soon after
/// midnight and a failed run is retried.
/// </summary>
public sealed partial class ObligationJobService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ObligationJobService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<ObligationJob>().RunAsync(stoppingToken);
                if (run.Created > 0 || run.Reminded > 0)
                {
                    LogRun(logger, run.Created, run.Reminded);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e); // try again at the next run
            }
            await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Obligation job: {Created} obligations created, {Reminded} reminders sent")]
    private static partial void LogRun(ILogger logger, int created, int reminded);

    [LoggerMessage(Level = LogLevel.Error, Message = "Obligation job failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
