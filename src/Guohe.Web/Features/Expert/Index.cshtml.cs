using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// The expert's assignments (Art. 11(4)–(5)): every application site visit whose team includes the signed-in expert, with
/// the application's number and unit, the date and place, the expert's role in the team and whether the opinion is filed.
/// </summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    /// <summary>The newest visits looked at; the team is a JSON column, so membership is checked in memory.</summary>
    public const int Cap = 200;

    public sealed record Row(Guid VisitId, string? Number, string OrganisationName, DateOnly Date, string Place, bool IsLeader, bool Filed);

    public IReadOnlyList<Row> Assignments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.Id();
        var visits = (await db.SiteVisits.AsNoTracking()
                .Where(v => v.Purpose == SiteVisitPurpose.ApplicationReview)
                .OrderByDescending(v => v.ScheduledAtUtc)
                .Take(Cap)
                .ToListAsync())
            .Where(v => v.Team.Any(t => t.ExpertUserId == me))
            .ToList();
        if (visits.Count == 0)
        {
            return;
        }
        var ids = visits.Select(v => v.SubjectId).Distinct().ToList();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Number, a.OrganisationName })
            .ToDictionaryAsync(a => a.Id);
        Assignments = [.. visits
            .Where(v => applications.ContainsKey(v.SubjectId))
            .Select(v => new Row(
                v.Id, applications[v.SubjectId].Number, applications[v.SubjectId].OrganisationName, v.Date, v.Place,
                v.Team.Single(t => t.ExpertUserId == me).IsLeader, v.CurrentOpinionOf(me) is not null))
            .OrderBy(r => r.Filed).ThenBy(r => r.Date)];
    }
}
