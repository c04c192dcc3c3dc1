using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Tests.Support;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// The daily obligations job (issue 5; Art. 8, 12, 13(1), 14): creates what a designation owes and reminds the unit 30, 7 and
/// 1 days before each due date and once when overdue (the office too), each exactly once however often and on however many
/// instances it runs.
/// </summary>
public sealed class ObligationJobTests
{
    private const string Liaison = "liaison@fzinc.cn";

    /// <summary>10:00 Beijing time on 2 March 2035: the recognition date of the pilot; its first plan is due on 1 April.</summary>
    private static readonly DateTimeOffset Start = new(2035, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly PlanDue = new(2035, 4, 1);

    /// <summary>A pilot unit recognised today, with one applicant account of its own and an office account.</summary>
    private static async Task<(Guid DesignationId, GuoheUser Unit, GuoheUser Office)> PilotAsync(GuoheApp app)
    {
        app.Clock.SetUtcNow(Start);
        var world = new World(app.Clock.GetUtcNow().UtcDateTime);
        var designation = A.Designation(world).Pilot();
        var unit = await app.WithDbAsync(async (db, services) =>
        {
            db.Organisations.Add(world.Organisation);
            db.Designations.Add(designation);
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var user = new GuoheUser
            {
                UserName = "unit@fzinc.cn", Email = "unit@fzinc.cn", EmailConfirmed = true, DisplayName = "单位账号",
                OrganisationId = world.Organisation.Id, CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, nameof(Role.Applicant))).Succeeded);
            return user;
        });
        var office = await app.CreateAsync(Role.Office);
        return (designation.Id, unit, office);
    }

    private static Task<ObligationRun> RunAsync(GuoheApp app) =>
        app.WithDbAsync((_, services) => services.GetRequiredService<ObligationJob>().RunAsync());

    private static int Mails(GuoheApp app, string address, string text) =>
        app.Outbox().Count(m => m.StartsWith(address + " ", StringComparison.Ordinal) && m.Contains(text, StringComparison.Ordinal));

    private static Task<List<string>> NoticesAsync(GuoheApp app, Guid userId) =>
        app.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.CreatedAtUtc).Select(n => n.TextZh).ToListAsync());

    /// <summary>Moves the clock to the given China date at the given Beijing hour.</summary>
    private static void On(GuoheApp app, DateOnly date, int hour = 9) =>
        app.Clock.SetUtcNow(new DateTimeOffset(ChinaTime.StartOfDayUtc(date).AddHours(hour), TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_new_pilot_gets_its_plan_summary_and_construction_summary_once_and_the_unit_is_told(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (designationId, unit, _) = await PilotAsync(app);

        var first = await RunAsync(app);
        var second = await RunAsync(app);

        Assert.Equal(3, first.Created);
        Assert.Equal(0, second.Created);
        var obligations = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().Where(o => o.DesignationId == designationId).ToListAsync());
        Assert.Equal(
            [(ObligationKind.AnnualPlan, 2035, PlanDue), (ObligationKind.AnnualSummary, 2035, new DateOnly(2035, 12, 31)), (ObligationKind.ConstructionSummary, 2037, new DateOnly(2037, 5, 1))],
            obligations.Select(o => (o.Kind, o.Year, o.DueDate)).OrderBy(o => o.Kind).ToList());
        Assert.All(obligations, o => Assert.Equal(ObligationStatus.Open, o.Status));
        var notices = await NoticesAsync(app, unit.Id);
        Assert.Contains("您单位需提交2035年年度工作计划表，截止日期2035-04-01。", notices);
        Assert.Contains("您单位需提交2035年年度工作总结表，截止日期2035-12-31。", notices);
        Assert.Contains("您单位需提交2037年建设工作总结表，截止日期2037-05-01。", notices);
        Assert.Equal(3, Mails(app, Liaison, "需提交")); // the liaison gets every notice (Art. 8)
        var history = await app.WithDbAsync(async (db, _) => await db.HistoryOfAsync(obligations[0].Id));
        Assert.Equal("系统", Assert.Single(history).ActorName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Each_reminder_and_the_overdue_notice_go_out_once_when_the_job_runs_twice_a_day(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (_, unit, office) = await PilotAsync(app);

        await RunAsync(app); // 10:00 on the recognition day
        On(app, new DateOnly(2035, 3, 2), hour: 15);
        await RunAsync(app);
        for (var day = new DateOnly(2035, 3, 3); day <= new DateOnly(2035, 4, 5); day = day.AddDays(1))
        {
            On(app, day, hour: 1);
            await RunAsync(app);
            On(app, day, hour: 15);
            await RunAsync(app);
        }

        var notices = await NoticesAsync(app, unit.Id);
        string[] plan =
        [
            "提醒：您单位2035年年度工作计划表应于2035-04-01前提交（还有30天）。",
            "提醒：您单位2035年年度工作计划表应于2035-04-01前提交（还有7天）。",
            "提醒：您单位2035年年度工作计划表应于2035-04-01前提交（还有1天）。",
            "逾期提醒：您单位2035年年度工作计划表已超过截止日期2035-04-01，请尽快提交。",
        ];
        Assert.Equal(plan, notices.Where(n => n.Contains("年度工作计划表", StringComparison.Ordinal) && !n.Contains("需提交", StringComparison.Ordinal)));
        Assert.Equal(5, Mails(app, Liaison, "2035年年度工作计划表")); // the first notice and the four reminders
        Assert.Equal(1, Mails(app, Liaison, "逾期提醒"));
        var officeNotice = Assert.Single(await NoticesAsync(app, office.Id));
        Assert.Contains("2035年年度工作计划表截止日期为2035-04-01，至今未提交", officeNotice);
        Assert.Equal(1, Mails(app, office.Email!, "逾期"));
        Assert.DoesNotContain(notices, n => n.Contains("年度工作总结表", StringComparison.Ordinal) && n.Contains("提醒", StringComparison.Ordinal)); // due 31 December
        Assert.Equal(4, await app.WithDbAsync(async (db, _) => await db.ObligationReminders.CountAsync()));
    }

    [Fact]
    public async Task A_missed_day_sends_the_current_reminder_only_and_an_extension_gets_fresh_reminders()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (designationId, unit, office) = await PilotAsync(app);
        await RunAsync(app); // 30 days before

        On(app, new DateOnly(2035, 3, 26)); // six days before: the 7-day reminder, not the 30-day one again
        await RunAsync(app);
        On(app, new DateOnly(2035, 4, 3)); // the 1-day reminder was missed: overdue now
        await RunAsync(app);
        await RunAsync(app);
        var notices = await NoticesAsync(app, unit.Id);
        Assert.Single(notices, n => n.Contains("还有30天", StringComparison.Ordinal));
        Assert.Single(notices, n => n.Contains("还有6天", StringComparison.Ordinal));
        Assert.DoesNotContain(notices, n => n.Contains("还有1天", StringComparison.Ordinal));
        Assert.Single(notices, n => n.StartsWith("逾期提醒", StringComparison.Ordinal));

        var extendedTo = new DateOnly(2035, 4, 20);
        await app.WithDbAsync(async (db, _) =>
        {
            var plan = await db.Obligations.SingleAsync(o => o.DesignationId == designationId && o.Kind == ObligationKind.AnnualPlan);
            plan.ExtendDeadline(People.Office, app.Clock.GetUtcNow().UtcDateTime, extendedTo, "单位因疫情延误，同意延期。");
            await db.SaveChangesAsync();
        });
        foreach (var day in new[] { new DateOnly(2035, 4, 3), new DateOnly(2035, 4, 13), new DateOnly(2035, 4, 19), new DateOnly(2035, 4, 20), new DateOnly(2035, 4, 21) })
        {
            On(app, day, hour: 12);
            await RunAsync(app);
            await RunAsync(app);
        }

        var after = (await NoticesAsync(app, unit.Id)).Skip(notices.Count).ToList();
        Assert.Equal(
        [
            "提醒：您单位2035年年度工作计划表应于2035-04-20前提交（还有17天）。",
            "提醒：您单位2035年年度工作计划表应于2035-04-20前提交（还有7天）。",
            "提醒：您单位2035年年度工作计划表应于2035-04-20前提交（还有1天）。",
            "逾期提醒：您单位2035年年度工作计划表已超过截止日期2035-04-20，请尽快提交。",
        ], after);
        Assert.Equal(2, (await NoticesAsync(app, office.Id)).Count); // overdue twice: once per due date
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_instances_running_at_once_create_and_remind_once(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (designationId, unit, _) = await PilotAsync(app);

        var runs = await Task.WhenAll(RunAsync(app), RunAsync(app), RunAsync(app));

        Assert.Equal(3, runs.Sum(r => r.Created));
        Assert.Equal(1, runs.Sum(r => r.Reminded));
        Assert.Equal(3, await app.WithDbAsync(async (db, _) => await db.Obligations.CountAsync(o => o.DesignationId == designationId)));
        var notices = await NoticesAsync(app, unit.Id);
        Assert.Equal(3, notices.Count(n => n.Contains("需提交", StringComparison.Ordinal)));
        Assert.Single(notices, n => n.Contains("还有30天", StringComparison.Ordinal));
        Assert.Equal(1, Mails(app, Liaison, "还有30天"));
    }

    [Fact]
    public async Task The_job_runs_by_itself_when_enabled()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: new() { ["Obligations:JobEnabled"] = "true" });
        await PilotAsync(app);

        app.Clock.Advance(TimeSpan.FromHours(1)); // the service's next run
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Mails(app, Liaison, "需提交") < 3 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.Equal(3, Mails(app, Liaison, "需提交"));
    }

    [Theory]
    [InlineData(31, null)]
    [InlineData(30, ReminderStage.ThirtyDays)]
    [InlineData(8, ReminderStage.ThirtyDays)]
    [InlineData(7, ReminderStage.SevenDays)]
    [InlineData(2, ReminderStage.SevenDays)]
    [InlineData(1, ReminderStage.OneDay)]
    [InlineData(0, ReminderStage.OneDay)]
    [InlineData(-1, ReminderStage.Overdue)]
    public void The_stage_follows_the_days_left(int daysLeft, ReminderStage? stage)
    {
        var today = new DateOnly(2035, 3, 2);
        Assert.Equal(stage, ObligationJob.StageOn(today, today.AddDays(daysLeft)));
    }
}
