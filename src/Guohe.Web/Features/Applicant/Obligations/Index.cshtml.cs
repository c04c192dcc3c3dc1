using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant.Obligations;

/// <summary>
/// The unit's years (Art. 8, 12, 13(1), 14): its designation(s) — stage, recognition date, end of the construction period —
/// and every plan and summary it owes, with due date, status, overdue mark and the office's opinion once reviewed.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record DesignationView(Guid Id, DesignationStatus Status, DateOnly RecognitionDate, DateOnly TermEndsOn, DateOnly? BaseGrantedOn, DateOnly? EndedOn);

    public sealed record ObligationView(
        Guid Id, ObligationKind Kind, int Year, DateOnly DueDate, ObligationStatus Status, DateTime? FiledAtUtc, string? ReviewOpinion, ReviewConclusion? ReviewConclusion)
    {
        public bool IsOverdue(DateOnly today) => Status == ObligationStatus.Open && today > DueDate;

        public bool FiledLate => FiledAtUtc is { } filed && ChinaTime.DateOf(filed) > DueDate;
    }

    public IReadOnlyList<DesignationView> Designations { get; private set; } = [];

    public Paged<ObligationView> Obligations { get; private set; } = new([], 1, 20, 0);

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(int p = 1)
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        // The same scoping as the REST API's lists (ApplicationAccess): the unit's own designations and their obligations.
        Designations = await (await ApplicationAccess.DesignationsAsync(db, User))
            .OrderByDescending(d => d.RecognitionDate)
            .Select(d => new DesignationView(d.Id, d.Status, d.RecognitionDate, d.TermEndsOn, d.BaseGrantedOn, d.EndedOn))
            .ToListAsync();
        Obligations = await Paging.ReadAsync(
            (await ApplicationAccess.ObligationsAsync(db, User))
                .OrderByDescending(o => o.Year).ThenByDescending(o => o.DueDate).ThenBy(o => o.Id)
                .Select(o => new ObligationView(o.Id, o.Kind, o.Year, o.DueDate, o.Status, o.FiledAtUtc, o.ReviewOpinion, o.ReviewConclusion)),
            p);
    }
}
