using Guohe.Domain.Applications;
using Guohe.Tests.Support;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Data;

/// <summary>The <c>Version</c> concurrency token and the unique history index let exactly one of competing writers win.</summary>
public sealed class ConcurrencyTests
{
    private const int Attempts = 50;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Of_fifty_parallel_preliminary_reviews_of_one_application_exactly_one_succeeds(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = new World();
        var application = An.Application(world).Submitted();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Applications.Add(application);
            await db.SaveChangesAsync();
        });
        var recordsBefore = application.HistoryLength;

        var loaded = 0;
        var allLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Exception?> Attempt(int i)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            stored.PassPreliminaryReview(People.Office, world.Now, $"初审通过（{i}）。");
            if (Interlocked.Increment(ref loaded) == Attempts)
            {
                allLoaded.SetResult();
            }
            await allLoaded.Task; // every attempt has read Version 0 before anyone writes
            try
            {
                await db.SaveChangesAsync();
                return null;
            }
            catch (DbUpdateException e)
            {
                return e;
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(i => Task.Run(() => Attempt(i))));

        Assert.Single(results, r => r is null);
        // Whether the version check or the unique (type, id, sequence) history index stops a loser depends on the order of
        // the statements (PostgreSQL meets the index first); the DbContext reports both as a concurrency conflict.
        Assert.Equal(Attempts - 1, results.Count(r => r is DbUpdateConcurrencyException));

        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Applications.SingleAsync(a => a.Id == application.Id);
            Assert.Equal(ApplicationStatus.PreliminaryPassed, stored.Status);
            Assert.Equal(1, stored.Version);
            Assert.Equal(recordsBefore + 1, stored.HistoryLength);
            var history = await db.TransitionRecords.Where(r => r.AggregateId == application.Id).OrderBy(r => r.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, recordsBefore + 1), history.Select(r => r.Sequence));
            var pass = Assert.Single(history, r => r.To == nameof(ApplicationStatus.PreliminaryPassed));
            Assert.Equal(stored.PreliminaryOpinion, pass.Opinion);
        });
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_write_of_a_batch_is_refused(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = new World();
        var batch = world.Batch;
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(batch);
            await db.SaveChangesAsync();
        });

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<GuoheDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<GuoheDbContext>();
        var copy1 = await db1.Batches.SingleAsync(b => b.Id == batch.Id);
        var copy2 = await db2.Batches.SingleAsync(b => b.Id == batch.Id);
        copy1.Change(People.Office, batch.Year, "第一次修改", batch.OpensAtUtc, batch.ClosesAtUtc, 10);
        copy2.Change(People.Office, batch.Year, "第二次修改", batch.OpensAtUtc, batch.ClosesAtUtc, 20);

        await db1.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        await app.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Batches.SingleAsync(b => b.Id == batch.Id);
            Assert.Equal("第一次修改", stored.Name);
            Assert.Equal(10, stored.Quota);
            Assert.Equal(1, stored.Version);
        });
    }
}
