using Guohe.Domain.Applications;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Data;

/// <summary>Aggregates made by domain verbs are stored with their history in the same save, and read back whole.</summary>
public sealed class PersistenceTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_application_driven_through_verbs_round_trips_with_one_history_record_per_verb(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = new World();
        var application = An.Application(world).PreliminaryPassed(); // create, edit draft, submit, pass: four verbs
        await app.WithDbAsync(async (db, _) =>
        {
            db.Organisations.Add(world.Organisation);
            db.Batches.Add(world.Batch);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
        });
        Assert.Empty(application.PendingHistory);

        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            var expected = World.CompleteForm();
            Assert.Equal(ApplicationStatus.PreliminaryPassed, stored.Status);
            Assert.Equal(application.Number, stored.Number);
            Assert.NotNull(stored.Number);
            Assert.Equal(world.Organisation.Uscc, stored.Uscc);
            Assert.Equal(world.Batch.Id, stored.BatchId);
            Assert.Equal(expected.OrganisationName, stored.OrganisationName);
            Assert.Equal(expected.Profile, stored.Profile);
            Assert.Equal(expected.Countries, stored.Countries.Select(c => c.Code));
            Assert.Equal(expected.UnitHead, stored.UnitHead);
            Assert.Equal(expected.MainPersons, stored.MainPersons);
            Assert.Equal(expected.Contact, stored.Contact);
            Assert.Equal(expected.Introduction, stored.Introduction);
            Assert.True(stored.Declaration);
            Assert.Equal(ApplicationRoute.SelfApplied, stored.Route);
            Assert.Equal(application.PreliminaryOpinion, stored.PreliminaryOpinion);
            Assert.Equal(4, stored.HistoryLength);
            Assert.Equal(DateTimeKind.Utc, stored.CreatedAtUtc.Kind);
            Assert.Equal(application.CreatedAtUtc, stored.CreatedAtUtc);
            Assert.Equal(DateTimeKind.Utc, stored.SubmittedAtUtc!.Value.Kind);
            Assert.Equal(0, stored.Version); // inserted; each later save adds one

            var history = await db.TransitionRecords
                .Where(r => r.AggregateType == "Application" && r.AggregateId == application.Id)
                .OrderBy(r => r.Sequence).ToListAsync();
            Assert.Equal([1, 2, 3, 4], history.Select(r => r.Sequence));
            Assert.Equal(["Draft", "Draft", "Submitted", "PreliminaryPassed"], history.Select(r => r.To));
            Assert.Equal([Article.Art11_2, Article.Art11_2, Article.Art11_2, Article.Art11_3], history.Select(r => r.Article));
            Assert.Equal(People.Office.UserId, history[^1].ActorUserId);
            Assert.All(history, r => Assert.Equal(DateTimeKind.Utc, r.AtUtc.Kind));
            Assert.Equal("材料齐全，初审通过。", history[^1].Opinion);
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_later_verb_on_a_loaded_aggregate_appends_the_next_record_and_bumps_the_version(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = new World();
        var application = An.Application(world).Submitted();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Applications.Add(application);
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            stored.ReturnForRevision(People.Office, world.Now, "请补充材料。");
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            Assert.Equal(ApplicationStatus.ReturnedForRevision, stored.Status);
            Assert.Equal(1, stored.Version);
            var last = await db.TransitionRecords.Where(r => r.AggregateId == application.Id).OrderBy(r => r.Sequence).LastAsync();
            Assert.Equal(stored.HistoryLength, last.Sequence);
            Assert.Equal("请补充材料。", last.Opinion);
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_designation_with_grades_round_trips(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var builder = A.Designation(new World());
        var designation = builder.Base(withTwoFails: true);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Designations.Add(designation);
            db.Obligations.AddRange(builder.Obligations);
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Designations.SingleAsync(d => d.Id == designation.Id);
            Assert.Equal(DesignationStatus.Base, stored.Status);
            Assert.Equal(designation.RecognitionDate, stored.RecognitionDate);
            Assert.Equal(designation.BaseGrantedOn, stored.BaseGrantedOn);
            Assert.Equal(2, stored.Grades.Count);
            Assert.Equal(designation.Grades.Select(g => (g.Year, g.Grade, g.Opinion)), stored.Grades.Select(g => (g.Year, g.Grade, g.Opinion)));
            Assert.All(stored.Grades, g => Assert.Equal(Grade.Fail, g.Grade));
            Assert.Equal(designation.Grades.Select(g => g.RecordedAtUtc), stored.Grades.Select(g => g.RecordedAtUtc));
            var history = await db.TransitionRecords.Where(r => r.AggregateId == designation.Id).OrderBy(r => r.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, designation.HistoryLength), history.Select(r => r.Sequence));
            var obligation = await db.Obligations.SingleAsync();
            Assert.Equal(builder.Obligations[0].Partners, obligation.Partners);
            Assert.Equal(builder.Obligations[0].Preparer, obligation.Preparer);
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Stored_history_cannot_be_modified_or_deleted(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var application = An.Application(new World()).Draft();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Applications.Add(application);
            await db.SaveChangesAsync();
        });

        await app.WithDbAsync(async (db, _) =>
        {
            var record = await db.TransitionRecords.FirstAsync();
            db.Entry(record).Property(r => r.Opinion).CurrentValue = "改写";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        });
        await app.WithDbAsync(async (db, _) =>
        {
            db.TransitionRecords.Remove(await db.TransitionRecords.FirstAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await app.WithDbAsync(async (db, _) =>
        {
            Assert.Equal(2, await db.TransitionRecords.CountAsync());
            Assert.DoesNotContain(await db.TransitionRecords.ToListAsync(), r => r.Opinion == "改写");
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_site_visit_round_trips_with_its_team_and_opinions(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = new World();
        var application = An.Application(world).InSiteVisit(allFiled: true);
        var visit = world.VisitOf(application.Id);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Applications.Add(application);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.SiteVisits.SingleAsync(v => v.Id == visit.Id);
            Assert.Equal(visit.Team, stored.Team);
            Assert.Equal(visit.Date, stored.Date);
            Assert.Equal(visit.Place, stored.Place);
            Assert.Equal(2, stored.Opinions.Count);
            Assert.True(stored.AllOpinionsFiled);
            Assert.Equal(World.GoodScores, stored.CurrentOpinionOf(People.Expert1.UserId)!.Scores());
            Assert.Equal(visit.HistoryLength, await db.TransitionRecords.CountAsync(r => r.AggregateType == "SiteVisit" && r.AggregateId == visit.Id));
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_revocation_decision_and_its_ban_round_trip(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var builder = A.Designation(new World());
        var designation = builder.Base();
        var outcome = builder.Decide(designation, DecisionKind.RevokeBase, "严重违纪违规。", RevocationGround.SeriousViolation);
        var ban = outcome.Ban!;
        await app.WithDbAsync(async (db, _) =>
        {
            db.Designations.Add(designation);
            db.Bans.Add(ban);
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Bans.SingleAsync(b => b.Uscc == designation.Uscc);
            Assert.Equal(ban.StartsOn, stored.StartsOn);
            Assert.Equal(ban.EndsOn, stored.EndsOn);
            Assert.Equal(ban.Article, stored.Article);
            Assert.Equal(DesignationStatus.Revoked, (await db.Designations.SingleAsync()).Status);
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Rows_changed_on_a_loaded_aggregate_are_saved(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = new World();
        var builder = A.Designation(world);
        var designation = builder.Base();
        var application = An.Application(new World()).Draft();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Designations.Add(designation);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Designations.SingleAsync(d => d.Id == designation.Id);
            stored.RecordGrade(People.Office, world.Now, world.Today.Year, Grade.Excellent, "优秀。");
            var draft = await db.Applications.SingleAsync(a => a.Id == application.Id);
            var form = World.CompleteForm() with
            {
                Countries = ["US"],
                MainPersons = [.. World.CompleteForm().MainPersons, new Guohe.Domain.Common.PersonRow("王副主任", "副总经理", "0591-87000004", "wang@fzinc.cn", "13800000004")],
            };
            draft.EditDraft(People.Applicant, world.Now, form);
            await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Designations.SingleAsync(d => d.Id == designation.Id);
            Assert.Equal(Grade.Excellent, Assert.Single(stored.Grades).Grade);
            var draft = await db.Applications.SingleAsync(a => a.Id == application.Id);
            Assert.Equal(["US"], draft.Countries.Select(c => c.Code));
            Assert.Equal(2, draft.MainPersons.Count);
            Assert.Equal("王副主任", draft.MainPersons[1].Name);
        });
    }
}
