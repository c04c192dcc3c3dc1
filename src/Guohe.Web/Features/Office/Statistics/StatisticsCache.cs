using Guohe.Web.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// Keeps each period's statistics for a short while (<c>Statistics:CacheSeconds</c>, 60 by default; 0 turns the cache off),
/// so that the dashboard, its charts and exports do not count everything again on every request. A confirmed decision
/// changes the counts that matter most (titles granted, cancelled, revoked): <see cref="Invalidate"/> starts a new
/// generation, and every figure read after it is counted afresh.
/// </summary>
public sealed class StatisticsCache(IMemoryCache cache, IConfiguration configuration, TimeProvider clock)
{
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Statistics:CacheSeconds", 60)));
    private int _generation;
    private long _counts;

    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>How long a period's figures are kept; zero when the cache is off.</summary>
    public TimeSpan Lifetime => _lifetime;


    public async Task<StatisticsData> GetAsync(GuoheDbContext db, Period period, CancellationToken cancellationToken = default)
    {
        var key = (nameof(StatisticsCache), Volatile.Read(ref _generation), period);
        if (_lifetime > TimeSpan.Zero && cache.TryGetValue(key, out StatisticsData? cached) && cached is not null)
        {
            return cached;
        }
        var data = await StatisticsReads.ReadAsync(db, period, clock.GetUtcNow().UtcDateTime, cancellationToken) with { Count = Interlocked.Increment(ref _counts) };
        if (_lifetime > TimeSpan.Zero)
        {
            cache.Set(key, data, _lifetime);
        }
        return data;
    }
}
