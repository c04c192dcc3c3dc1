using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// The expert's assignments (Art. 11(4)–(5), 13(2)): every application site visit and acceptance evaluation whose team includes
/// the signed-in expert, with the kind of task, the application's number and the unit, the date and place, the expert's role in the team and whether the opinion is filed.
/// </summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    /// <summary>The newest visits looked at; the team is a JSON column, so membership is checked in memory.</summary>
    public const int Cap = 200;

    /// <param name="Link">The page of the assignment: /Expert/Assignment for a site visit, /Expert/Evaluation for an acceptance evaluation.</param>
    public sealed record Row(Guid VisitId, SiteVisitPurpose Purpose, string? Number, string OrganisationName, DateOnly Date, string Place, bool IsLeader, bool Filed)
    {
        public string Link => Purpose == SiteVisitPurpose.AcceptanceEvaluation ? $"/Expert/Evaluation/{VisitId}" : $"/Expert/Assignment/{VisitId}";
    }

    public IReadOnlyList<Row> Assignments { get; private set; } = [];

    public async Task OnGetAsync() => Assignments = await AssignmentsAsync(db, User.Id());

    /// <summary>The expert's assignments, open ones first (the page and the API's <c>/site-visits</c>).</summary>
    public static async Task<IReadOnlyList<Row>> AssignmentsAsync(GuoheDbContext db, Guid me)
    {
        var visits = (await db.SiteVisits.AsNoTracking()
                .OrderByDescending(v => v.ScheduledAtUtc)
                .Take(Cap)
                .ToListAsync())
            .Where(v => v.Team.Any(t => t.ExpertUserId == me))
            .ToList();
        if (visits.Count == 0)
        {
            return [];
        }
        var ids = visits.Select(v => v.SubjectId).Distinct().ToList();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Number, a.OrganisationName })
            .ToDictionaryAsync(a => a.Id, a => (a.Number, a.OrganisationName));
        var designations = await db.Designations.AsNoTracking()
            .Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.OrganisationName })
            .ToDictionaryAsync(d => d.Id, d => (Number: (string?)null, d.OrganisationName));
        return [.. visits
            .Select(v => (Visit: v, Subject: v.Purpose == SiteVisitPurpose.ApplicationReview ? applications.GetValueOrDefault(v.SubjectId) : designations.GetValueOrDefault(v.SubjectId)))
            .Where(x => x.Subject.OrganisationName is not null)
            .Select(x => new Row(
                x.Visit.Id, x.Visit.Purpose, x.Subject.Number, x.Subject.OrganisationName, x.Visit.Date, x.Visit.Place,
                x.Visit.Team.Single(t => t.ExpertUserId == me).IsLeader, x.Visit.CurrentOpinionOf(me) is not null))
            .OrderBy(r => r.Filed).ThenBy(r => r.Date)];
    }
}
