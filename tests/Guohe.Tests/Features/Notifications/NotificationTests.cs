using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Notifications;

/// <summary>Everyone a move concerns hears of it: in the app (unread count in the header) and by e-mail; the liaison always (Art. 8).</summary>
public sealed class NotificationTests
{
    private static string[] Outbox(GuoheApp app) =>
        Directory.Exists(Path.Combine(app.DataDirectory, "outbox"))
            ? [.. Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Select(m => $"{m.To.Mailboxes.Single().Address} {m.Subject}")]
            : [];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Preliminary_review_and_site_visit_notify_the_unit_its_liaison_and_the_experts(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        var expert = await app.CreateAsync(Role.Expert);
        var officer = await app.CreateAsync(Role.Office, twoFactor: true);
        using var office = app.Browse();
        await office.SignInAsync(officer.Email!, totpKey: await app.AuthenticatorKeyAsync(officer.Id));
        var liaison = await app.WithDbAsync(async (db, _) => (await db.Organisations.SingleAsync(o => o.Id == applicant.OrganisationId)).LiaisonEmail);

        await office.SubmitAsync(await office.GetAsync($"/Office/Applications/Review/{id}"), new Dictionary<string, string> { ["Opinion"] = "通过", ["trigger"] = "PassPreliminaryReview" }, "main form");

        Assert.Contains(Outbox(app), m => m.StartsWith(liaison + " ", StringComparison.Ordinal) && m.Contains("初审通过", StringComparison.Ordinal));
        using var unit = app.Browse();
        var home = await unit.SignInAsync(applicant.Email!);
        Assert.Contains("1未读", home.Html.QuerySelector("a[href='/Notifications']")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        var notices = await unit.GetAsync("/Notifications");
        Assert.Contains("状态已变为“初审通过”", notices.Body);
        var read = await unit.SubmitAsync(notices);
        Assert.DoesNotContain("未读", read.Html.QuerySelector("main")!.TextContent);

        var form = await office.GetAsync($"/Office/Applications/SiteVisit/{id}");
        await office.PostAsync($"/Office/Applications/SiteVisit/{id}",
        [
            new("__RequestVerificationToken", form.InputValue("__RequestVerificationToken")!), new("Version", form.InputValue("Version")!),
            new("Date", "2026-12-15"), new("Place", "苏州"), new("Team", expert.Id.ToString()), new("Leader", expert.Id.ToString()),
        ]);
        Assert.Contains(Outbox(app), m => m.StartsWith(expert.Email! + " ", StringComparison.Ordinal) && m.Contains("实地调研", StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Notifications.CountAsync(n => n.UserId == expert.Id)));
    }
}
