using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Guohe.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Acceptance;

/// <summary>
/// Acceptance of one pilot unit (Art. 13): the construction summary (Form 4) read-only; the office's preliminary review
/// opinion (13(2)); the on-site evaluation scheduled with a team from the pool; its proceedings (the unit head's work report,
/// the inspection, the review meeting and the minutes); the experts' written evaluation opinions side by side; and the
/// office's proposal to grant the base title, extend the construction period by one year or cancel the pilot (13(3)),
/// which an association approver then confirms. Each form acts on one aggregate and carries that aggregate's version.
/// </summary>
[UploadLimits]
public sealed class EvaluateModel(
    GuoheDbContext db, TimeProvider clock, Notifier notifier, FileStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The outcomes of Art. 13(3) the office may propose here.</summary>
    public static IReadOnlyList<(DecisionKind Kind, string Zh)> Outcomes => AcceptanceEvaluating.Outcomes;

    /// <summary>The round as <see cref="AcceptanceEvaluating.LoadAsync"/> loads it for the API too.</summary>
    public AcceptanceRound Round { get; private set; } = null!; // set by LoadAsync before the page renders

    public Designation Designation => Round.Designation;

    public Obligation Summary => Round.Summary;

    /// <summary>The on-site evaluation of this acceptance round (scheduled after the summary was filed), if any.</summary>
    public SiteVisit? Evaluation => Round.Evaluation;

    public IReadOnlyList<StoredFile> SummaryDocuments { get; private set; } = [];

    public StoredFile? Minutes { get; private set; }

    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    /// <summary>The candidates for the team; loaded only while the evaluation can be scheduled.</summary>
    public TeamPool? Pool { get; private set; }

    public KeyFields? Uncovered { get; private set; }

    public TeamPickerView? Picker => Pool is null ? null : new(Pool, Team, Leader, Overrides, Uncovered, TeamSize);

    public bool InAcceptance => Round.InAcceptance;

    public bool CanSchedule => Round.CanSchedule;

    public bool ProceedingsRecorded => Round.ProceedingsRecorded;

    public Decision? PendingDecision => Decisions.FirstOrDefault(d => d.Status == DecisionStatus.Proposed);

    public bool CanPropose => Round.CanPropose;

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? ReviewOpinion { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public List<Guid> Team { get; set; } = [];

    [BindProperty]
    public Guid? Leader { get; set; }

    [BindProperty]
    public Dictionary<string, string>? Overrides { get; set; }

    [BindProperty]
    public int TeamSize { get; set; } = 3;

    [BindProperty]
    public DateOnly? WorkReportOn { get; set; }

    [BindProperty]
    public DateOnly? InspectionOn { get; set; }

    [BindProperty]
    public DateOnly? ReviewMeetingOn { get; set; }

    [BindProperty]
    public DecisionKind? Kind { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        Date = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).AddDays(14);
        if (Evaluation is { } visit)
        {
            WorkReportOn = visit.WorkReportOn ?? visit.Date;
            InspectionOn = visit.InspectionOn ?? visit.Date;
            ReviewMeetingOn = visit.ReviewMeetingOn ?? visit.Date;
        }
        return Page();
    }

    /// <summary>The office's preliminary review of the construction summary (Art. 13(2)).</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        ModelState.Clear();
        db.Entry(Summary).Property(o => o.Version).OriginalValue = Version;
        return await SaveAsync(() => AcceptanceEvaluating.ReviewAsync(db, notifier, Round, User.Actor(), Now, ReviewOpinion), l["初审意见已保存。"].Value);
    }

    /// <summary>Fills in a suggested team (nothing is saved).</summary>
    public async Task<IActionResult> OnPostSuggestAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId) || Pool is null)
        {
            return NotFound();
        }
        ModelState.Clear();
        var (team, uncovered) = Pool.Suggest(TeamSize);
        Team = [.. team.Select(t => t.ExpertUserId)];
        Leader = team.FirstOrDefault(t => t.IsLeader)?.ExpertUserId;
        Uncovered = uncovered;
        if (team.Count == 0)
        {
            ModelState.AddModelError(nameof(Team), l["没有无利益冲突的可选专家，无法建议专家组。"]);
        }
        return Page();
    }

    /// <summary>Schedules the on-site evaluation with its team (Art. 13(2)).</summary>
    public async Task<IActionResult> OnPostScheduleAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        ModelState.Clear();
        foreach (var (field, zh) in AcceptanceEvaluating.CheckSchedule(Round, Pool, Date, Team, Leader))
        {
            ModelState.AddModelError(field, l[zh]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Entry(Designation).Property(d => d.Version).OriginalValue = Version;
        return await SaveAsync(
            () => AcceptanceEvaluating.ScheduleAsync(db, notifier, Round, Pool!, User.Actor(), Now, Date!.Value, Place, Notes, Team, Leader, OverrideOf),
            l["现场评估已安排，专家可在“我的待办”中看到任务。"].Value);
    }

    /// <summary>Records the dates of the work report, inspection and review meeting, and uploads the minutes (Art. 13(2)).</summary>
    public async Task<IActionResult> OnPostProceedingsAsync(Guid designationId, IFormFile? minutes)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (AcceptanceEvaluating.CheckProceedings(Round, WorkReportOn, InspectionOn, ReviewMeetingOn, minutes is { Length: > 0 }) is { } problem)
        {
            ModelState.AddModelError(problem.Field, l[problem.Zh]); // checked first so that no minutes are stored for a refused record
            return Page();
        }
        Guid? minutesId = null;
        if (minutes is { Length: > 0 })
        {
            var (fileId, refusal, args) = await AcceptanceEvaluating.SaveMinutesAsync(store, Round, minutes, User.Id(), HttpContext.RequestAborted);
            if (refusal is not null)
            {
                ModelState.AddModelError(string.Empty, l[refusal, args]);
                return Page();
            }
            minutesId = fileId;
        }
        db.Entry(Evaluation!).Property(v => v.Version).OriginalValue = Version;
        return await SaveAsync(
            () => AcceptanceEvaluating.RecordProceedingsAsync(db, Round, User.Actor(), Now, WorkReportOn!.Value, InspectionOn!.Value, ReviewMeetingOn!.Value, minutesId),
            l["现场评估过程已记录。"].Value);
    }

    /// <summary>The office proposes the outcome of acceptance with a written reason (Art. 13(3)); an association approver confirms it.</summary>
    public async Task<IActionResult> OnPostProposeAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (AcceptanceEvaluating.CheckProposal(Round, Kind, Reason) is { } problem)
        {
            ModelState.AddModelError(problem.Field, l[problem.Zh]);
            return Page();
        }
        db.Entry(Designation).Property(d => d.Version).OriginalValue = Version;
        return await SaveAsync(
            () => AcceptanceEvaluating.ProposeAsync(db, notifier, Round, User.Actor(), Now, Kind!.Value, Reason!),
            l["验收结论已提交两协会确认。"].Value);
    }

    /// <summary>The Chinese name of a decision kind proposed here (a resource key).</summary>
    public string LabelOf(DecisionKind kind) => Outcomes.FirstOrDefault(o => o.Kind == kind).Zh ?? kind.ToString();

    public string? OverrideOf(Guid expertUserId) => Overrides?.GetValueOrDefault(expertUserId.ToString());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> SaveAsync(Func<Task> change, string done)
    {
        try
        {
            await change();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            await ReloadAsync();
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该验收刚被同事处理过，本次操作未执行。请刷新页面查看最新状态。"]);
            await ReloadAsync();
            return Page();
        }
        TempData["Message"] = done;
        return RedirectToPage(new { designationId = Designation.Id });
    }

    /// <summary>After a refusal: forget the unsaved changes and show the stored state.</summary>
    private async Task ReloadAsync()
    {
        db.ChangeTracker.Clear();
        await LoadAsync(Designation.Id);
    }

    private async Task<bool> LoadAsync(Guid designationId)
    {
        if (await AcceptanceEvaluating.LoadAsync(db, designationId) is not { } round)
        {
            return false;
        }
        Round = round;
        var designation = round.Designation;
        var summary = round.Summary;
        var files = await db.StoredFiles.AsNoTracking().Where(f => f.DesignationId == designationId && f.DeletedAtUtc == null).ToListAsync();
        SummaryDocuments = [.. files.Where(f => f.OwnerId == summary.Id)];
        Minutes = Evaluation?.MinutesFileId is { } minutesId ? files.SingleOrDefault(f => f.Id == minutesId) : null;
        Decisions = await db.Decisions.AsNoTracking().Where(d => d.DesignationId == designationId).OrderByDescending(d => d.ProposedAtUtc).ToListAsync();
        History = await db.HistoryOfAsync(designationId);
        if (CanSchedule)
        {
            Pool = await AcceptanceEvaluating.PoolAsync(db, designation, Now);
        }
        return true;
    }
}
