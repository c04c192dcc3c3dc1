using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Guohe.Web.Notifications;

/// <summary>
/// The number of unread notifications the layout's bell shows on every page, kept per account until notifications change.
/// Every save that adds, changes or deletes a notification in this process starts a new generation (<see cref="Changed"/>,
/// called by <see cref="GuoheDbContext"/> after the save and by the bulk updates of notifications), and a count of an older
/// generation is read afresh. A count is also kept for at most <see cref="Lifetime"/>, which bounds how long a change made by
/// another instance of the app goes unseen. A page that needs nothing else from the database (the cached statistics) then
/// reads nothing at all: the count was a third of its time (bench/Guohe.Bench dashboard).
/// </summary>
public sealed class UnreadCounts(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private static long s_generation;

    /// <summary>Notifications changed: every count kept so far is out of date.</summary>
    public static void Changed() => Interlocked.Increment(ref s_generation);

    public async Task<int> OfAsync(GuoheDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref s_generation); // read first: a change during the count makes the count stale at once
        var key = (nameof(UnreadCounts), userId);
        if (cache.TryGetValue(key, out (long Generation, int Count) kept) && kept.Generation == generation)
        {
            return kept.Count;
        }
        var count = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, cancellationToken);
        cache.Set(key, (generation, count), Lifetime);
        return count;
    }
}
