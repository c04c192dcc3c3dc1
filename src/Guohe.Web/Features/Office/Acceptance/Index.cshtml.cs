using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Acceptance;

/// <summary>
/// Acceptance (Art. 13): the units in acceptance review and the pilots whose construction summary is filed, each with the
/// state of every step: summary filed, preliminary review, on-site evaluation, proceedings, opinions, proposed outcome.
/// </summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record Row(
        Guid DesignationId, string OrganisationName, DesignationStatus Status, DateOnly TermEndsOn, DateTime? SummaryFiledAtUtc, bool Reviewed,
        DateOnly? EvaluationOn, bool ProceedingsRecorded, int Opinions, int TeamSize, DecisionKind? PendingDecision);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var summaries = await db.Obligations.AsNoTracking()
            .Where(o => o.Kind == ObligationKind.ConstructionSummary && o.Status != ObligationStatus.Open)
            .Select(o => new { o.Id, o.DesignationId, o.FiledAtUtc, o.Status, o.Year })
            .ToListAsync();
        var filedFor = summaries.Select(o => o.DesignationId).Distinct().ToList();
        var designations = await db.Designations.AsNoTracking()
            .Where(d => d.Status == DesignationStatus.AcceptanceReview
                || ((d.Status == DesignationStatus.Pilot || d.Status == DesignationStatus.Extended) && filedFor.Contains(d.Id)))
            .ToListAsync();
        var ids = designations.Select(d => d.Id).ToList();
        var visits = await db.SiteVisits.AsNoTracking().Where(v => v.Purpose == SiteVisitPurpose.AcceptanceEvaluation && ids.Contains(v.SubjectId)).ToListAsync();
        var pending = await db.Decisions.AsNoTracking().Where(x => x.Status == DecisionStatus.Proposed && x.DesignationId != null && ids.Contains(x.DesignationId.Value))
            .Select(x => new { x.DesignationId, x.Kind }).ToListAsync();
        var rows = new List<Row>();
        foreach (var d in designations)
        {
            var summary = summaries.Where(o => o.DesignationId == d.Id && (d.AcceptanceSummaryId == null ? o.Year == d.TermEndsOn.Year : o.Id == d.AcceptanceSummaryId)).MaxBy(o => o.FiledAtUtc);
            if (summary is null)
            {
                continue;
            }
            var visit = visits.Where(v => v.SubjectId == d.Id && v.ScheduledAtUtc >= (summary.FiledAtUtc ?? DateTime.MinValue)).MaxBy(v => v.ScheduledAtUtc);
            rows.Add(new Row(d.Id, d.OrganisationName, d.Status, d.TermEndsOn, summary.FiledAtUtc, summary.Status == ObligationStatus.Reviewed,
                visit?.Date, visit?.ReviewMeetingOn is not null, visit?.CurrentOpinions().Count ?? 0, visit?.Team.Count ?? 0,
                pending.FirstOrDefault(p => p.DesignationId == d.Id)?.Kind));
        }
        Rows = [.. rows.OrderBy(r => r.PendingDecision is not null).ThenBy(r => r.SummaryFiledAtUtc)];
    }
}
