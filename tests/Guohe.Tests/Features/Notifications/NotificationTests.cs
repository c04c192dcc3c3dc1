using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Notifications;

/// <summary>Everyone a move concerns hears of it: in the app (unread count in the header) and by e-mail; the liaison always (Art. 8).</summary>
public sealed class NotificationTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preliminary_review_and_site_visit_notify_the_unit_its_liaison_and_the_experts(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        var expert = await app.ExpertInPoolAsync();
        var officer = await app.CreateAsync(Role.Office, twoFactor: true);
        using var office = app.Browse();
        await office.SignInAsync(officer.Email!, totpKey: await app.AuthenticatorKeyAsync(officer.Id));
        var liaison = await app.WithDbAsync(async (db, _) => (await db.Organisations.SingleAsync(o => o.Id == applicant.OrganisationId)).LiaisonEmail);

        await office.SubmitAsync(await office.GetAsync($"/Office/Applications/Review/{id}"), new Dictionary<string, string> { ["Opinion"] = "通过", ["trigger"] = "PassPreliminaryReview" }, "main form");

        Assert.Contains(app.Outbox(), m => m.StartsWith(liaison + " ", StringComparison.Ordinal) && m.Contains("初审通过", StringComparison.Ordinal));
        using var unit = app.Browse();
        var home = await unit.SignInAsync(applicant.Email!);
        static string Bell(Page page) => page.Html.QuerySelector("a[href='/Notifications']")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        Assert.Contains("1未读", Bell(home));
        var notices = await unit.GetAsync("/Notifications");
        Assert.Contains("状态已变为“初审通过”", notices.Body);
        var read = await unit.SubmitAsync(notices);
        Assert.DoesNotContain("未读", read.Html.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("未读", Bell(read)); // the bell's kept count is dropped when notifications are read

        var form = await office.GetAsync($"/Office/Applications/SiteVisit/{id}");
        await office.PostAsync($"/Office/Applications/SiteVisit/{id}",
        [
            new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!), new("Version", form.InputValue("Version")!),
            new("Date", "2026-12-15"), new("Place", "苏州"), new("Team", expert.Id.ToString()), new("Leader", expert.Id.ToString()),
        ]);
        Assert.Contains(app.Outbox(), m => m.StartsWith(expert.Email! + " ", StringComparison.Ordinal) && m.Contains("实地调研", StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Notifications.CountAsync(n => n.UserId == expert.Id)));
        Assert.Contains("1未读", Bell(await unit.GetAsync("/Notifications"))); // and when a new one arrives
    }

    private static async Task<(Guid VisitId, Guohe.Web.Identity.GuoheUser Expert)> VisitInAsync(GuoheApp app, int days)
    {
        var id = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var expert = await app.ExpertInPoolAsync();
        var visitId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = Guohe.Domain.Reviews.SiteVisit.Schedule(People.Office, now, Guohe.Domain.Reviews.SiteVisitPurpose.ApplicationReview, id,
                ChinaTime.DateOf(now).AddDays(days), "苏州工业园区星湖街328号", null, [new(expert.Id, expert.DisplayName, true)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        return (visitId, expert);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Experts_are_reminded_once_three_days_before_the_visit(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (visitId, expert) = await VisitInAsync(app, days: 5);
        Task<int> RunAsync() => app.WithDbAsync((_, services) => services.GetRequiredService<Guohe.Web.Notifications.VisitReminders>().SendDueAsync());
        int Reminders() => app.Outbox().Count(m => m.StartsWith(expert.Email! + " ", StringComparison.Ordinal) && m.Contains("提醒", StringComparison.Ordinal));

        Assert.Equal(0, await RunAsync()); // five days ahead: not yet
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync()); // once only
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunAsync());

        Assert.Equal(1, Reminders());
        var notice = await app.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == expert.Id && n.TextZh.StartsWith("提醒")));
        Assert.Contains("苏州工业园区星湖街328号", notice.TextZh);
        Assert.Equal($"/Expert/Assignment/{visitId}", notice.Link);
        Assert.NotNull((await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Id == visitId))).ReminderSentAtUtc);
    }

    [Fact]
    public async Task The_reminder_service_runs_by_itself_every_hour()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: new() { ["Reminders:Enabled"] = "true" });
        var (_, expert) = await VisitInAsync(app, days: 3);

        app.Clock.Advance(TimeSpan.FromHours(1)); // the service's next run
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!app.Outbox().Any(m => m.StartsWith(expert.Email! + " ", StringComparison.Ordinal) && m.Contains("提醒", StringComparison.Ordinal)) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.Contains(app.Outbox(), m => m.StartsWith(expert.Email! + " ", StringComparison.Ordinal) && m.Contains("提醒", StringComparison.Ordinal));
    }
}
