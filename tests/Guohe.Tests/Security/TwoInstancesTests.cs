using System.Net;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Batches;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Security;

/// <summary>
/// Two instances of Guohe behind one load balancer (issue 9, "Two instances"): two separate processes on one PostgreSQL
/// database and one shared data folder. A session signed in on one is valid on the other (the data-protection keys live in
/// the database), a file uploaded through one downloads from the other, and the daily obligations job, started on both at
/// once, creates each obligation and sends each notice and reminder once (Art. 12(1), 12(3); its database lock and its
/// claimed reminder rows).
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_share_sessions_and_files_and_run_the_daily_job_once()
    {
        // The test's own host only migrates the database and arranges the data; its jobs are off.
        await using var app = await GuoheApp.StartAsync(Databases.Postgres);
        var (designationId, applicant) = await PilotWithDraftAsync(app);

        // Both start at once with the daily job on, as a deployment's instances do.
        var settings = new Dictionary<string, string> { ["Obligations__JobEnabled"] = "true" };
        var starting = new[]
        {
            AppProcess.StartAsync(Databases.Postgres, app.ConnectionString, app.DataDirectory, settings),
            AppProcess.StartAsync(Databases.Postgres, app.ConnectionString, app.DataDirectory, settings),
        };
        await using var first = await starting[0];
        await using var second = await starting[1];
        output.WriteLine($"instances: {first.Address} (process {first.Id}), {second.Address} (process {second.Id})");

        // A session made on the first is valid on the second.
        var cookies = new CookieContainer();
        using var onFirst = first.Browse(cookies);
        var signedIn = await onFirst.SignInAsync(applicant);
        Assert.Equal("/Applicant", signedIn.Path);
        using var onSecond = second.Browse(Copy(cookies, first.Address, second.Address));
        var home = await onSecond.GetAsync("/Applicant/Documents");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("/Applicant/Documents", home.Path);

        // A file uploaded through the first downloads, byte for byte, from the second.
        var content = "%PDF-1.4\n两个实例共用的文件\n%%EOF\n"u8.ToArray();
        var form = await onFirst.GetAsync("/Applicant/Documents");
        var token = form.Html.QuerySelector($"#form-{DocumentKind.OrganisationIntroduction} input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using (var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(nameof(DocumentKind.OrganisationIntroduction)), "kind" },
            { new ByteArrayContent(content), "upload", "单位简介.pdf" },
        })
        {
            using var uploaded = await onFirst.Http.PostAsync("/Applicant/Documents", body);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }
        var fileId = await app.WithDbAsync(async (db, _) => await db.StoredFiles.Select(f => f.Id).SingleAsync());
        Assert.Contains("单位简介.pdf", (await onSecond.GetAsync("/Applicant/Documents")).Body);
        using var download = await onSecond.Http.GetAsync($"/Files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());

        // The daily job ran on both at start: each obligation once, each notice and reminder once.
        var (obligations, reminders, notices) = await JobResultAsync(app, designationId, applicant);
        var created = Created(first) + Created(second);
        output.WriteLine($"daily job: {obligations} obligations, {reminders} reminders claimed, {notices.Count} notices to the unit; " +
            $"created by the first {Created(first)}, by the second {Created(second)}");
        Assert.True(obligations > 0, "the job created nothing for a pilot recognised two months ago");
        Assert.Equal(obligations, created);
        Assert.Equal(obligations, notices.Count(n => n.Contains("需提交", StringComparison.Ordinal)));
        Assert.Equal(reminders, notices.Count(n => n.Contains("提醒", StringComparison.Ordinal)));
        Assert.Equal(notices.Count, notices.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// A pilot unit recognised about two months ago (so the job owes it obligations, some overdue), its applicant account, and
    /// a draft application of the unit in an open batch for the upload.
    /// </summary>
    private static async Task<(Guid DesignationId, string Email)> PilotWithDraftAsync(GuoheApp app)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var world = new World(now.AddDays(-70));
        var designation = A.Designation(world).Pilot();
        const string email = "two@fzinc.cn";
        await app.WithDbAsync(async (db, services) =>
        {
            db.Organisations.Add(world.Organisation);
            db.Designations.Add(designation);
            var batch = Batch.Create(People.Office, now, now.Year, $"{now.Year}年度两实例批次", now.AddDays(-1), now.AddDays(30));
            db.Batches.Add(batch);
            await db.SaveChangesAsync();
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var user = new GuoheUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "单位账号",
                OrganisationId = world.Organisation.Id, CreatedAtUtc = now,
            };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, nameof(Role.Applicant))).Succeeded);
            db.Applications.Add(Application.Create(new Actor(user.Id, user.DisplayName, Role.Applicant), now, world.Organisation, batch));
            await db.SaveChangesAsync();
        });
        return (designation.Id, email);
    }

    /// <summary>Waits until the job's work is visible and has settled (both instances' first runs end within seconds of start).</summary>
    private static async Task<(int Obligations, int Reminders, List<string> Notices)> JobResultAsync(GuoheApp app, Guid designationId, string email)
    {
        (int, int, List<string>) last = default;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var now = await app.WithDbAsync(async (db, _) =>
            {
                var ids = await db.Obligations.Where(o => o.DesignationId == designationId).Select(o => o.Id).ToListAsync();
                var reminders = await db.ObligationReminders.CountAsync(r => ids.Contains(r.ObligationId));
                var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
                var notices = await db.Notifications.Where(n => n.UserId == userId).Select(n => n.TextZh).ToListAsync();
                return (ids.Count, reminders, notices);
            });
            if (now.Item1 > 0 && now.Item1 == last.Item1 && now.Item2 == last.Item2 && now.Item3.Count == last.Item3?.Count)
            {
                return now;
            }
            last = now;
            await Task.Delay(1000);
        }
        return last;
    }

    /// <summary>How many obligations an instance's job reports creating (its log line "Obligation job: N obligations created").</summary>
    private static int Created(AppProcess instance) =>
        instance.Output.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"Obligation job: (\d+) obligations created"))
            .Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The cookies the first instance set, offered to the second (a load balancer sends one browser to either).</summary>
    private static CookieContainer Copy(CookieContainer cookies, Uri from, Uri to)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(from))
        {
            copy.Add(to, new Cookie(cookie.Name, cookie.Value, "/"));
        }
        Assert.NotEmpty(copy.GetCookies(to));
        return copy;
    }
}
