using Guohe.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>How busy each expert is: the visits and evaluations they sit on this year, and how many still wait for their opinion.</summary>
public sealed record ExpertLoad(int ThisYear, int Open);

/// <summary>Reads about experts shared by the pool list and the team picker.</summary>
public static class ExpertReads
{
    /// <summary>By expert account: the visits scheduled this (Beijing) year with them on the team, and those without their opinion yet.</summary>
    public static async Task<IReadOnlyDictionary<Guid, ExpertLoad>> LoadThisYearAsync(this GuoheDbContext db, DateTime now)
    {
        var yearStart = ChinaTime.StartOfDayUtc(new DateOnly(ChinaTime.DateOf(now).Year, 1, 1));
        var visits = await db.SiteVisits.AsNoTracking().Where(v => v.ScheduledAtUtc >= yearStart).ToListAsync(); // teams are a JSON column
        return visits
            .SelectMany(v => v.Team.Select(t => (t.ExpertUserId, Open: v.CurrentOpinionOf(t.ExpertUserId) is null)))
            .GroupBy(x => x.ExpertUserId)
            .ToDictionary(g => g.Key, g => new ExpertLoad(g.Count(), g.Count(x => x.Open)));
    }
}
