using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Partners;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// The statistics' copies of partner rows, tagged items and expert seats (Art. 7(5); StatisticsFacts) follow the aggregates in
/// every save: a draft has none, a filed form has one per row, a review or a re-save replaces them instead of adding more, a
/// visit moved to another year moves its seats, and a deleted form takes its rows with it. After every save the counts the
/// database's triggers keep (StatisticsCounts) equal the rows counted here.
/// </summary>
public sealed class StatisticsFactsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_rows_the_statistics_count_follow_every_save_of_a_form_or_a_visit(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.DateOf(now);
        var world = new World(now, 301);
        var (application, decision, pilot) = An.Application(world).Granted();
        var visit = world.VisitOf(application.Id);
        var tokyo = Institution.Create(People.Applicant, now, "JP", "University of Tokyo");
        var plan = Obligation.Create(People.Office, now, pilot, new ObligationDue(ObligationKind.AnnualPlan, today.Year, today.AddDays(10), Article.Art12_1));
        var form = World.Form() with
        {
            Partners = [new("JP", "University of Tokyo", "联合孵化"), new("de", " Technische Universität München ", "人才交流")],
            Items = [new WorkItem("联合孵化营", ConstructionContent.TalentTraining, KeyFields.NewEnergy)],
        };
        plan.SaveDraft(People.Applicant, now, form);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(world.Batch);
            db.Organisations.Add(world.Organisation);
            db.Applications.Add(application);
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(pilot);
            db.Institutions.Add(tokyo);
            db.Obligations.Add(plan);
            await db.SaveChangesAsync();
        });
        var seats = await app.WithDbAsync((db, _) => db.TeamSeatFacts.Where(f => f.SiteVisitId == visit.Id).OrderBy(f => f.Name).ToListAsync());
        Assert.Equal(visit.Team.Select(t => (t.ExpertUserId, t.Name)).Order(), seats.Select(s => (s.ExpertUserId, s.Name)).Order());
        Assert.All(seats, s => Assert.Equal((visit.Date.Year, visit.Purpose), (s.Year, s.Purpose)));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.PartnerRowFacts.CountAsync(f => f.ObligationId == plan.Id))); // a draft is not yet a plan
        await AssertCountsEqualRowsAsync(app);

        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Obligations.SingleAsync(o => o.Id == plan.Id);
            stored.File(People.Applicant, now, form);
            stored.LinkInstitutions([tokyo.Id, null]);
            await db.SaveChangesAsync();
        });
        for (var save = 0; save < 2; save++) // filed, then reviewed: the same rows, not twice as many
        {
            var partners = await app.WithDbAsync((db, _) => db.PartnerRowFacts.Where(f => f.ObligationId == plan.Id).OrderBy(f => f.CountryCode).ToListAsync());
            Assert.Equal(["DE", "JP"], partners.Select(p => p.CountryCode));
            Assert.Equal(["Technische Universität München", "University of Tokyo"], partners.Select(p => p.Institution));
            Assert.Equal("TECHNISCHE UNIVERSITÄT MÜNCHEN", partners[0].InstitutionKey);
            Assert.Equal([null, tokyo.Id], partners.Select(p => p.InstitutionId));
            Assert.All(partners, p => Assert.Equal((pilot.OrganisationId, today.Year, true), (p.OrganisationId, p.Year, p.Plan)));
            var items = await app.WithDbAsync((db, _) => db.WorkItemFacts.Where(f => f.ObligationId == plan.Id).ToListAsync());
            Assert.Equal([(ConstructionContent.TalentTraining, true)], items.Select(i => (i.Category, i.Plan)));
            Assert.Equal(2, await AssertCountsEqualRowsAsync(app));
            if (save == 0)
            {
                await app.WithDbAsync(async (db, _) =>
                {
                    (await db.Obligations.SingleAsync(o => o.Id == plan.Id)).Review(People.Office, now, "计划可行。", null);
                    await db.SaveChangesAsync();
                });
            }
        }

        var nextYear = new DateOnly(today.Year + 1, 3, 1);
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.SiteVisits.SingleAsync(v => v.Id == visit.Id)).ChangeArrangements(People.Office, now, nextYear, "园区会议室", null);
            db.Obligations.Remove(await db.Obligations.SingleAsync(o => o.Id == plan.Id));
            await db.SaveChangesAsync();
        });
        var moved = await app.WithDbAsync((db, _) => db.TeamSeatFacts.Where(f => f.SiteVisitId == visit.Id).ToListAsync());
        Assert.Equal(visit.Team.Count, moved.Count);
        Assert.All(moved, s => Assert.Equal(nextYear.Year, s.Year));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.PartnerRowFacts.CountAsync(f => f.ObligationId == plan.Id)));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.WorkItemFacts.CountAsync(f => f.ObligationId == plan.Id)));
        Assert.Equal(0, await AssertCountsEqualRowsAsync(app)); // the counts of the deleted form's rows are gone, not left at zero
    }

    /// <summary>
    /// Eight units file their plans at the same moment, naming the same institutions in opposite orders, so their saves change
    /// the same counts at once (on PostgreSQL each trigger takes the counts' lock first): every plan is filed, and each
    /// institution is counted once per plan.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Plans_filed_at_once_that_name_the_same_institutions_are_all_filed_and_counted(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.DateOf(now);
        var first = new World(now, 320);
        var worlds = Enumerable.Range(0, 8).Select(i => i == 0 ? first : new World(now, 320 + i).UseBatch(first.Batch)).ToList();
        var plans = new List<Obligation>();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(first.Batch);
            foreach (var world in worlds)
            {
                var (application, decision, pilot) = An.Application(world).Granted();
                var plan = Obligation.Create(People.Office, now, pilot, new ObligationDue(ObligationKind.AnnualPlan, today.Year, today.AddDays(10), Article.Art12_1));
                plans.Add(plan);
                db.Organisations.Add(world.Organisation);
                db.Applications.Add(application);
                db.Decisions.Add(decision);
                db.Designations.Add(pilot);
                db.Obligations.Add(plan);
            }
            await db.SaveChangesAsync();
        });
        PartnerRow[] partners = [new("DE", "Fraunhofer-Gesellschaft", "联合孵化"), new("FR", "Institut Pasteur", "联合研发"), new("SG", "A*STAR", "人才交流"), new("JP", "RIKEN", "技术转移")];
        await Task.WhenAll(plans.Select((plan, i) => Task.Run(() => app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Obligations.SingleAsync(o => o.Id == plan.Id);
            stored.File(People.Applicant, now, World.Form() with { Partners = i % 2 == 0 ? partners : [.. partners.Reverse()] });
            await db.SaveChangesAsync();
        }))));

        Assert.Equal(plans.Count * partners.Length, await AssertCountsEqualRowsAsync(app));
        var institutions = await app.WithDbAsync((db, _) => db.PartnerInstitutionCounts.ToListAsync());
        Assert.Equal(partners.Length, institutions.Count);
        Assert.All(institutions, c => Assert.Equal(plans.Count, c.Facts));
    }

    /// <summary>Each count table holds exactly the rows' groups with their sizes; returns how many partner units are counted.</summary>
    private static Task<int> AssertCountsEqualRowsAsync(GuoheApp app) => app.WithDbAsync(async (db, _) =>
    {
        var partners = await db.PartnerRowFacts.ToListAsync();
        var units = await db.PartnerUnitCounts.ToListAsync();
        Assert.Equal(
            partners.GroupBy(f => (f.CountryCode, f.Plan, f.OrganisationId)).Select(g => $"{g.Key} {g.Count()}").Order(),
            units.Select(c => $"{(c.CountryCode, c.Plan, c.OrganisationId)} {c.Facts}").Order());
        Assert.Equal(
            partners.GroupBy(f => (f.CountryCode, f.Plan, Named: f.InstitutionId?.ToString() ?? "#" + f.InstitutionKey)).Select(g => $"{g.Key} {g.Count()}").Order(),
            (await db.PartnerInstitutionCounts.ToListAsync()).Select(c => $"{(c.CountryCode, c.Plan, Named: c.InstitutionId?.ToString() ?? c.Named)} {c.Facts}").Order());
        Assert.Equal(
            (await db.WorkItemFacts.ToListAsync()).GroupBy(f => (f.Year, f.Category, f.Plan)).Select(g => $"{g.Key} {g.Count()}").Order(),
            (await db.WorkItemCounts.ToListAsync()).Select(c => $"{(c.Year, c.Category, c.Plan)} {c.Facts}").Order());
        Assert.Equal(
            (await db.TeamSeatFacts.ToListAsync()).GroupBy(f => (f.Year, f.ExpertUserId, f.Purpose, f.Name)).Select(g => $"{g.Key} {g.Count()}").Order(),
            (await db.TeamSeatCounts.ToListAsync()).Select(c => $"{(c.Year, c.ExpertUserId, c.Purpose, c.Name)} {c.Facts}").Order());
        return units.Count;
    });
}
