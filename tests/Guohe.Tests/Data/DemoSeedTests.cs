using Guohe.Tests.Support;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Data;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task Development_seeds_one_demo_account_per_role_and_each_can_sign_in()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, "Development", new()
        {
            ["Security:CookieName"] = "__Host-Guohe", // the test client speaks HTTPS
            ["Security:SecureCookies"] = "true",
        });
        var extraExperts = DevSeed.DemoExperts.Count(e => DevSeed.DemoAccounts.All(a => a.Email != e.Email));
        Assert.Equal(DevSeed.DemoAccounts.Count + extraExperts, await app.WithDbAsync(async (db, _) => await db.Users.CountAsync()));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.Organisations.CountAsync()) >= 2);

        foreach (var (email, role) in DevSeed.DemoAccounts)
        {
            using var client = app.Browse();
            var home = await client.SignInAsync(email, DevSeed.DemoPassword);
            Assert.Equal(Guohe.Web.Identity.Roles.Folder(role), home.Path);
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Outside_development_no_demo_account_exists(string environment)
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, environment);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Users.CountAsync()));
        Assert.Equal(7, await app.WithDbAsync(async (db, _) => await db.Roles.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Development_seeds_the_current_batch_and_organisations_at_several_stages_once(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, "Development");
        var batchName = DevSeed.CurrentBatchName(app.Clock.GetUtcNow().UtcDateTime);
        var before = await app.WithDbAsync(async (db, services) =>
        {
            var batch = await db.Batches.SingleAsync(b => b.Name == batchName);
            Assert.True(batch.IsOpen(app.Clock.GetUtcNow().UtcDateTime));
            var statuses = await db.Applications.Select(a => a.Status).Distinct().ToListAsync();
            Assert.True(statuses.Count >= 4, string.Join(", ", statuses));
            Assert.Contains(Guohe.Domain.Applications.ApplicationStatus.Draft, statuses);
            Assert.Contains(Guohe.Domain.Applications.ApplicationStatus.Submitted, statuses);
            Assert.Contains(Guohe.Domain.Applications.ApplicationStatus.SiteVisit, statuses);
            Assert.Contains(Guohe.Domain.Applications.ApplicationStatus.Approved, statuses);
            Assert.Contains(await db.Designations.ToListAsync(), d => d.Status == Guohe.Domain.Designations.DesignationStatus.Pilot);
            Assert.Contains(await db.Designations.ToListAsync(), d => d.Status == Guohe.Domain.Designations.DesignationStatus.Base && d.Grades.Count > 0);
            Assert.True(await db.Obligations.AnyAsync());

            var applicant = await db.Users.SingleAsync(u => u.Email == "applicant@demo.guohe.cn");
            var draft = await db.Applications.SingleAsync(a => a.Status == Guohe.Domain.Applications.ApplicationStatus.Draft);
            Assert.Equal(applicant.OrganisationId, draft.OrganisationId);
            var expert = await db.Users.SingleAsync(u => u.Email == "expert@demo.guohe.cn");
            var inVisit = await db.Applications.SingleAsync(a => a.Status == Guohe.Domain.Applications.ApplicationStatus.SiteVisit);
            var visit = await db.SiteVisits.SingleAsync(v => v.Id == inVisit.SiteVisitId);
            Assert.Contains(visit.Team, t => t.ExpertUserId == expert.Id);

            // The pool has the demo experts with accounts, one of them working for the demo applicant (a conflict to see).
            var pool = await db.Experts.ToListAsync();
            Assert.Equal(DevSeed.DemoExperts.Count, pool.Count(e => e.Active && e.Details.UserId is not null));
            var applicantOrganisation = await db.Organisations.SingleAsync(o => o.Id == applicant.OrganisationId);
            Assert.Contains(pool, e => e.ConflictsWith(applicantOrganisation.Name, applicantOrganisation.Uscc, false) != Guohe.Domain.Reviews.ConflictKinds.None);

            // A unit's later years in every state (issue 5): acceptance with an evaluation, extended, disqualified with a ban,
            // a base with two failing years, an overdue summary before the office, fees and the institution directory.
            var designations = await db.Designations.ToListAsync();
            foreach (var status in new[] { Guohe.Domain.Designations.DesignationStatus.AcceptanceReview, Guohe.Domain.Designations.DesignationStatus.Extended, Guohe.Domain.Designations.DesignationStatus.Disqualified })
            {
                Assert.Contains(designations, d => d.Status == status);
            }
            Assert.Contains(designations, d => d.HasTwoConsecutiveFails());
            Assert.True(await db.Bans.AnyAsync());
            Assert.True(await db.SiteVisits.AnyAsync(v => v.Purpose == Guohe.Domain.Reviews.SiteVisitPurpose.AcceptanceEvaluation));
            Assert.True(await db.Fees.CountAsync() >= 2);
            Assert.True(await db.Institutions.AnyAsync());
            var review = Guohe.Domain.Designations.DynamicManagement.Review(designations, await db.Obligations.ToListAsync(), Guohe.Domain.Common.ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime));
            Assert.Contains(review.Candidates, c => c.Rule == Guohe.Domain.Designations.CancellationRule.MissingFiling);
            Assert.Contains(review.Candidates, c => c.Rule == Guohe.Domain.Designations.CancellationRule.TwoConsecutiveFails);

            // Every submitted application has its filing documents, readable.
            var files = services.GetRequiredService<Guohe.Web.Files.FileStore>();
            foreach (var application in await db.Applications.Where(a => a.Status != Guohe.Domain.Applications.ApplicationStatus.Draft).ToListAsync())
            {
                var documents = await db.StoredFiles.Where(f => f.ApplicationId == application.Id).ToListAsync();
                Assert.Equal(Guohe.Web.Files.DocumentKinds.OfApplication.Count, documents.Count);
                foreach (var document in documents)
                {
                    var bytes = await files.ReadAsync(document);
                    Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes!, 0, 5));
                }
            }
            // Announcements (Art. 11(7)): one open now with an objection to handle, one closed with its objection handled.
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var announcements = await db.Announcements.ToListAsync();
            var open = Assert.Single(announcements, a => a.PhaseAt(now) == Guohe.Domain.Announcements.AnnouncementPhase.Open);
            var closed = Assert.Single(announcements, a => a.Status == Guohe.Domain.Announcements.AnnouncementStatus.Closed);
            Assert.Contains(await db.Objections.ToListAsync(), o => o.AnnouncementId == open.Id && !o.IsHandled);
            Assert.Contains(await db.Objections.ToListAsync(), o => o.AnnouncementId == closed.Id && o.IsHandled);
            return await CountsAsync(db);
        });

        await app.WithDbAsync(async (_, services) => await DevSeed.RunAsync(services));

        Assert.Equal(before, await app.WithDbAsync(async (db, _) => await CountsAsync(db)));
    }

    private static async Task<string> CountsAsync(GuoheDbContext db) => string.Join(' ',
        await db.Users.CountAsync(), await db.Organisations.CountAsync(), await db.Batches.CountAsync(), await db.Applications.CountAsync(),
        await db.SiteVisits.CountAsync(), await db.Decisions.CountAsync(), await db.Designations.CountAsync(), await db.Obligations.CountAsync(),
        await db.TransitionRecords.CountAsync(), await db.Experts.CountAsync(), await db.StoredFiles.CountAsync(), await db.Fees.CountAsync(), await db.Bans.CountAsync(),
        await db.Announcements.CountAsync(), await db.Objections.CountAsync());
}
