using System.Net;
using System.Text.RegularExpressions;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features;

/// <summary>
/// Data scoping through the front door (issue 4): an applicant cannot see or download another organisation's application
/// or files; an expert sees only assigned applications; a recommender only those naming it. Every refused attempt gets
/// 403 (another role's folder) or 404 (someone else's object), shows none of the other unit's data, changes nothing, and
/// writes one Warning naming the user and the object.
/// </summary>
public sealed class ScopingTests
{
    /// <summary>The other unit's application that every attempt aims at, and what of it must never show.</summary>
    private sealed record Target(Guid ApplicationId, string Number, string OrganisationName, IReadOnlyDictionary<DocumentKind, Guid> Files, Guid? VisitId = null);

    /// <summary>What a refused POST must leave untouched.</summary>
    private sealed record Snapshot(ApplicationStatus Status, int Version, int History, int Opinions, int Files, int IdCopyViews, int Notifications);

    private static async Task<Target> TargetAsync(GuoheApp app, Guid applicationId, Guid? visitId = null) =>
        await app.WithDbAsync(async (db, _) =>
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
            var files = await db.StoredFiles.AsNoTracking().Where(f => f.ApplicationId == applicationId).ToDictionaryAsync(f => f.Kind, f => f.Id);
            Assert.NotNull(application.Number);
            return new Target(applicationId, application.Number, application.OrganisationName, files, visitId);
        });

    private static Task<Snapshot> SnapshotAsync(GuoheApp app, Guid applicationId) =>
        app.WithDbAsync(async (db, _) =>
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
            var visits = await db.SiteVisits.AsNoTracking().Where(v => v.SubjectId == applicationId).ToListAsync();
            return new Snapshot(
                application.Status, application.Version,
                await db.TransitionRecords.CountAsync(r => r.AggregateId == applicationId),
                visits.Sum(v => v.Opinions.Count),
                await db.StoredFiles.CountAsync(f => f.ApplicationId == applicationId),
                await db.IdCopyViews.CountAsync(),
                await db.Notifications.CountAsync());
        });

    /// <summary>Passes the preliminary review of a submitted application and schedules its site visit with one expert as leader.</summary>
    private static Task<Guid> SiteVisitAsync(GuoheApp app, Guid applicationId, GuoheUser expert) =>
        app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
            application.PassPreliminaryReview(People.Office, now, "材料齐全，初审通过。");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, applicationId, ChinaTime.DateOf(now).AddDays(14),
                "福州市鼓楼区软件大道89号", null, [new ExpertAssignment(expert.Id, expert.DisplayName, IsLeader: true)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });

    private static async Task<PageClient> SignInAsync(GuoheApp app, GuoheUser user)
    {
        var client = app.Browse();
        await client.SignInAsync(user.Email!);
        return client;
    }

    /// <summary>The antiforgery token of the signed-in session, from the sign-out form of the role's home page.</summary>
    private static async Task<string> TokenAsync(PageClient client, string home) =>
        (await client.GetAsync(home)).InputValue("__RequestVerificationToken") ?? throw new InvalidOperationException($"No antiforgery token on {home}.");

    /// <summary>
    /// Makes one attempt and asserts it was refused with <paramref name="status"/>, shows nothing of the target, and wrote
    /// exactly one new Warning naming the user and <paramref name="objectId"/>; returns that entry.
    /// </summary>
    private static async Task<LogEntry> RefusedAsync(GuoheApp app, GuoheUser user, Guid objectId, HttpStatusCode status, Target target, Func<Task<Page>> attempt)
    {
        var before = app.Logs.WarningsMentioning(user.Id, objectId).Count;
        var page = await attempt();
        Assert.True(status == page.Status, $"{page.Url} answered {(int)page.Status}, expected {(int)status}");
        AssertShowsNothingOf(target, page);
        Assert.DoesNotContain("陈法人", page.Text); // Form 1 data of the target
        var logged = app.Logs.WarningsMentioning(user.Id, objectId);
        Assert.True(logged.Count == before + 1,
            $"{page.Url}: expected one new Warning naming user {user.Id} and {objectId}; warnings: {string.Join(" | ", app.Logs.Warnings())}");
        return logged[^1];
    }

    /// <summary>The page shows neither the target's number, nor its unit's name, nor a link to one of its files.</summary>
    private static void AssertShowsNothingOf(Target target, Page page)
    {
        Assert.DoesNotContain(target.Number, page.Text);
        // Test units are named 测试单位{n}: 测试单位1 must not match inside 测试单位12.
        Assert.DoesNotMatch(new Regex(Regex.Escape(target.OrganisationName) + @"(?!\d)"), page.Text);
        foreach (var file in target.Files.Values)
        {
            Assert.DoesNotContain(file.ToString(), page.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Applicant_of_another_organisation_gets_404_for_its_files_and_403_on_the_review_pages_each_logged(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var owner = await app.CreateAsync(Role.Applicant);
        var expert = await app.CreateAsync(Role.Expert);
        var applicationId = await app.SubmittedAsync(owner);
        var target = await TargetAsync(app, applicationId, await SiteVisitAsync(app, applicationId, expert));
        var visitId = target.VisitId!.Value;
        var stranger = await app.CreateAsync(Role.Applicant);
        var own = await TargetAsync(app, await app.SubmittedAsync(stranger));
        using var client = await SignInAsync(app, stranger);
        var token = await TokenAsync(client, "/Applicant");
        var before = await SnapshotAsync(app, applicationId);

        // Its own pages list its own application and nothing of the other one.
        foreach (var url in new[] { "/Applicant", "/Applicant/Application", "/Applicant/Documents", "/Notifications" })
        {
            var page = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            AssertShowsNothingOf(target, page);
        }
        Assert.Contains(own.Number, (await client.GetAsync("/Applicant/Application")).Text);

        // The other organisation's files, the ID copy included: 404, and no ID-copy view is recorded.
        Assert.Contains(DocumentKind.LegalRepresentativeId, target.Files.Keys);
        foreach (var fileId in target.Files.Values)
        {
            var entry = await RefusedAsync(app, stranger, fileId, HttpStatusCode.NotFound, target, () => client.GetAsync($"/Files/{fileId}"));
            Assert.Equal(nameof(Role.Applicant), entry.Value("Role"));
        }

        // Pages of other roles that take its id: 403 by the folder conventions, logged with user, role and path.
        var pages = new (string Url, Guid Id, Dictionary<string, string> Form)[]
        {
            ($"/Office/Applications/Review/{applicationId}", applicationId,
                new() { ["trigger"] = nameof(ApplicationTrigger.RejectPreliminaryReview), ["Opinion"] = "不符合条件。", ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            ($"/Office/Applications/SiteVisit/{applicationId}", applicationId,
                new() { ["Date"] = "2026-12-01", ["Place"] = "别处", ["Team"] = stranger.Id.ToString(), ["Leader"] = stranger.Id.ToString() }),
            ($"/Recommender/Review/{applicationId}", applicationId,
                new() { ["trigger"] = nameof(ApplicationTrigger.Decline), ["Opinion"] = "不同意。" }),
            ($"/Expert/Assignment/{visitId}", visitId,
                new() { ["Input.NoConflict"] = "true", ["Input.Scores.GoalsAndModel"] = "0", ["Input.Scores.ChannelsAndTeam"] = "0", ["Input.Scores.TechnologyTransfer"] = "0",
                    ["Input.Scores.Platforms"] = "0", ["Input.Recommendation"] = nameof(OverallRecommendation.NotRecommend), ["Input.Text"] = "不同意。" }),
        };
        foreach (var (url, id, form) in pages)
        {
            var entry = await RefusedAsync(app, stranger, id, HttpStatusCode.Forbidden, target, () => client.GetAsync(url));
            Assert.Equal(nameof(Role.Applicant), entry.Value("Role"));
            Assert.Equal(url, entry.Value("Path"));
            form["__RequestVerificationToken"] = token;
            entry = await RefusedAsync(app, stranger, id, HttpStatusCode.Forbidden, target, () => client.PostAsync(url, form));
            Assert.Equal("POST", entry.Value("Method"));
        }

        Assert.Equal(before, await SnapshotAsync(app, applicationId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Expert_not_on_the_team_neither_lists_nor_opens_nor_files_nor_downloads_each_logged(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var member = await app.CreateAsync(Role.Expert);
        var outsider = await app.CreateAsync(Role.Expert);
        var applicationId = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var target = await TargetAsync(app, applicationId, await SiteVisitAsync(app, applicationId, member));
        var visitId = target.VisitId!.Value;
        var otherId = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var assigned = await TargetAsync(app, otherId, await SiteVisitAsync(app, otherId, outsider)); // the outsider's own assignment
        using var client = await SignInAsync(app, outsider);
        var before = await SnapshotAsync(app, applicationId);

        var home = await client.GetAsync("/Expert");
        var table = home.Html.QuerySelector("#assignments-table")?.TextContent ?? string.Empty;
        Assert.Contains(assigned.Number, table);
        AssertShowsNothingOf(target, home);
        Assert.Null(home.Html.QuerySelector($"a[href*='{visitId}']"));

        await RefusedAsync(app, outsider, visitId, HttpStatusCode.NotFound, target, () => client.GetAsync($"/Expert/Assignment/{visitId}"));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = home.InputValue("__RequestVerificationToken")!,
            ["Input.NoConflict"] = "true", ["Input.Scores.GoalsAndModel"] = "1", ["Input.Scores.ChannelsAndTeam"] = "1",
            ["Input.Scores.TechnologyTransfer"] = "1", ["Input.Scores.Platforms"] = "1",
            ["Input.Recommendation"] = nameof(OverallRecommendation.NotRecommend), ["Input.Text"] = "不同意。", ["Input.Reason"] = "更正。",
            ["Version"] = "0",
        };
        await RefusedAsync(app, outsider, visitId, HttpStatusCode.NotFound, target, () => client.PostAsync($"/Expert/Assignment/{visitId}", fields));
        await RefusedAsync(app, outsider, visitId, HttpStatusCode.NotFound, target, () => client.PostAsync($"/Expert/Assignment/{visitId}?handler=Amend", fields));
        foreach (var fileId in target.Files.Values)
        {
            var entry = await RefusedAsync(app, outsider, fileId, HttpStatusCode.NotFound, target, () => client.GetAsync($"/Files/{fileId}"));
            Assert.Equal(nameof(Role.Expert), entry.Value("Role"));
        }

        Assert.Equal(before, await SnapshotAsync(app, applicationId));
        // The same requests work for the expert on the team, so the refusals above are the scoping, not a broken page.
        using var onTeam = await SignInAsync(app, member);
        Assert.Equal(HttpStatusCode.OK, (await onTeam.GetAsync($"/Expert/Assignment/{visitId}")).Status);
        await app.WithDbAsync(async (db, _) =>
        {
            var visit = await db.SiteVisits.SingleAsync(v => v.Id == visitId);
            visit.DeclareNoConflict(new Actor(member.Id, member.DisplayName, Role.Expert), app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await onTeam.Http.GetAsync($"/Files/{target.Files[DocumentKind.BusinessLicence]}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Recommender_of_another_organisation_neither_lists_nor_opens_nor_endorses_nor_downloads_each_logged(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var named = await app.CreateAsync(Role.Recommender);
        var other = await app.CreateAsync(Role.Recommender);
        var applicationId = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant), named.OrganisationId);
        var target = await TargetAsync(app, applicationId);
        var mine = await TargetAsync(app, await app.SubmittedAsync(await app.CreateAsync(Role.Applicant), other.OrganisationId));
        using var client = await SignInAsync(app, other);
        var before = await SnapshotAsync(app, applicationId);
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, before.Status);

        var queue = await client.GetAsync("/Recommender");
        Assert.Contains(mine.Number, queue.Html.QuerySelector("#waiting-table")?.TextContent ?? string.Empty);
        AssertShowsNothingOf(target, queue);
        Assert.Null(queue.Html.QuerySelector($"a[href*='{applicationId}']"));

        await RefusedAsync(app, other, applicationId, HttpStatusCode.NotFound, target, () => client.GetAsync($"/Recommender/Review/{applicationId}"));
        foreach (var trigger in new[] { ApplicationTrigger.Endorse, ApplicationTrigger.Decline })
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = queue.InputValue("__RequestVerificationToken")!,
                ["Opinion"] = "同意推荐。", ["trigger"] = trigger.ToString(),
                ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            await RefusedAsync(app, other, applicationId, HttpStatusCode.NotFound, target, () => client.PostAsync($"/Recommender/Review/{applicationId}", fields));
        }
        foreach (var fileId in target.Files.Values)
        {
            var entry = await RefusedAsync(app, other, fileId, HttpStatusCode.NotFound, target, () => client.GetAsync($"/Files/{fileId}"));
            Assert.Equal(nameof(Role.Recommender), entry.Value("Role"));
        }

        Assert.Equal(before, await SnapshotAsync(app, applicationId));
        // The recommender the application names opens the same page and file.
        using var namedClient = await SignInAsync(app, named);
        Assert.Equal(HttpStatusCode.OK, (await namedClient.GetAsync($"/Recommender/Review/{applicationId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await namedClient.Http.GetAsync($"/Files/{target.Files[DocumentKind.BusinessLicence]}")).StatusCode);
    }
}
