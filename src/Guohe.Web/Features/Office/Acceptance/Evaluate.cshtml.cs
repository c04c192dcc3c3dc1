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
    public static IReadOnlyList<(DecisionKind Kind, string Zh)> Outcomes { get; } =
    [
        (DecisionKind.GrantBase, "授予国合孵化基地"),
        (DecisionKind.Extend, "延长试点建设期一年"),
        (DecisionKind.CancelPilot, "取消试点建设资格"),
    ];

    public Designation Designation { get; private set; } = null!; // set by LoadAsync before the page renders

    public Obligation Summary { get; private set; } = null!; // set by LoadAsync before the page renders

    /// <summary>The on-site evaluation of this acceptance round (scheduled after the summary was filed), if any.</summary>
    public SiteVisit? Evaluation { get; private set; }

    public IReadOnlyList<StoredFile> SummaryDocuments { get; private set; } = [];

    public StoredFile? Minutes { get; private set; }

    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    /// <summary>The candidates for the team; loaded only while the evaluation can be scheduled.</summary>
    public TeamPool? Pool { get; private set; }

    public KeyFields? Uncovered { get; private set; }

    public TeamPickerView? Picker => Pool is null ? null : new(Pool, Team, Leader, Overrides, Uncovered, TeamSize);

    public bool InAcceptance => Designation.Status == DesignationStatus.AcceptanceReview;

    public bool CanSchedule => InAcceptance && Summary.Status == ObligationStatus.Reviewed && Evaluation is null;

    public bool ProceedingsRecorded => Evaluation?.ReviewMeetingOn is not null;

    public Decision? PendingDecision => Decisions.FirstOrDefault(d => d.Status == DecisionStatus.Proposed);

    public bool CanPropose => InAcceptance && Evaluation is { AllOpinionsFiled: true } && ProceedingsRecorded && PendingDecision is null;

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
        return await SaveAsync(
            () => Summary.Review(User.Actor(), Now, ReviewOpinion ?? string.Empty, null),
            l["初审意见已保存。"].Value,
            async () => await notifier.UnitAsync(Designation.OrganisationId,
                "办公室已完成建设工作总结的初审（《办法》第十三条第（二）项）。", "The office has reviewed the construction summary (Art. 13(2)).", "/Applicant/Obligations"));
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
        if (Pool is null)
        {
            ModelState.AddModelError(string.Empty, l["完成初审且单位进入验收后，才能安排现场评估。"]);
            return Page();
        }
        if (Date is null)
        {
            ModelState.AddModelError(nameof(Date), l["请填写{0}。", l["评估日期"]]);
        }
        if (!Pool.AllCandidates(Team))
        {
            ModelState.AddModelError(nameof(Team), l["请从列表中选择专家。"]);
        }
        if (Leader is { } leader && !Team.Contains(leader))
        {
            ModelState.AddModelError(nameof(Leader), l["组长必须是专家组成员。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Entry(Designation).Property(d => d.Version).OriginalValue = Version;
        var pool = Pool;
        SiteVisit? visit = null;
        return await SaveAsync(
            () =>
            {
                visit = SiteVisit.Schedule(User.Actor(), Now, SiteVisitPurpose.AcceptanceEvaluation, Designation.Id, Date!.Value, Place ?? string.Empty, Notes,
                    pool.Assignments(Team, Leader, OverrideOf));
                db.SiteVisits.Add(visit);
                db.Entry(Designation).Property(d => d.Version).IsModified = true; // the designation's version guards against a second schedule
            },
            l["现场评估已安排，专家可在“我的待办”中看到任务。"].Value,
            async () =>
            {
                await notifier.TeamAsync(visit!,
                    $"您被指派参加{Designation.OrganisationName}的现场评估（{ChinaTime.Iso(visit!.Date)}，{visit.Place}）。",
                    $"You are on the on-site evaluation of {Designation.OrganisationName} ({ChinaTime.Iso(visit.Date)}, {visit.Place}).");
                await notifier.UnitAsync(Designation.OrganisationId,
                    $"办公室已安排现场评估：{ChinaTime.Iso(visit.Date)}，{visit.Place}（《办法》第十三条第（二）项）。",
                    $"The office has scheduled the on-site evaluation: {ChinaTime.Iso(visit.Date)}, {visit.Place} (Art. 13(2)).", "/Applicant/Obligations");
            });
    }

    /// <summary>Records the dates of the work report, inspection and review meeting, and uploads the minutes (Art. 13(2)).</summary>
    public async Task<IActionResult> OnPostProceedingsAsync(Guid designationId, IFormFile? minutes)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (Evaluation is not { } visit)
        {
            ModelState.AddModelError(string.Empty, l["请先安排现场评估。"]);
            return Page();
        }
        if (WorkReportOn is null || InspectionOn is null || ReviewMeetingOn is null)
        {
            ModelState.AddModelError(string.Empty, l["请填写单位负责人工作汇报、现场考察和评审会的日期。"]);
            return Page();
        }
        if (ReviewMeetingOn < WorkReportOn || ReviewMeetingOn < InspectionOn)
        {
            // The domain refuses it too; checked first so that no minutes are stored for a refused record.
            ModelState.AddModelError(nameof(ReviewMeetingOn), Cultures.IsEnglish ? "The review meeting cannot be before the work report and the inspection." : "评审会日期不能早于工作汇报和现场考察日期。");
            return Page();
        }
        Guid? minutesId = null;
        if (minutes is { Length: > 0 })
        {
            var rule = UploadRule.Any(store);
            var saved = await Uploads.SaveAsync(store, FileOwner.OfDesignation(Designation.Id, visit.Id), DocumentKind.EvaluationMinutes, minutes, rule, User.Id(),
                cancellationToken: HttpContext.RequestAborted);
            if (saved.Refusal is { } refusal)
            {
                var (zh, args) = Uploads.Refused(refusal, rule);
                ModelState.AddModelError(string.Empty, l[zh, args]);
                return Page();
            }
            minutesId = saved.File!.Id;
        }
        else if (visit.MinutesFileId is null)
        {
            ModelState.AddModelError(string.Empty, l["请上传评审会纪要。"]);
            return Page();
        }
        db.Entry(visit).Property(v => v.Version).OriginalValue = Version;
        return await SaveAsync(
            () => visit.RecordProceedings(User.Actor(), Now, WorkReportOn.Value, InspectionOn.Value, ReviewMeetingOn.Value, minutesId),
            l["现场评估过程已记录。"].Value,
            () => Task.CompletedTask);
    }

    /// <summary>The office proposes the outcome of acceptance with a written reason (Art. 13(3)); an association approver confirms it.</summary>
    public async Task<IActionResult> OnPostProposeAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (Kind is not { } kind || Outcomes.All(o => o.Kind != kind))
        {
            ModelState.AddModelError(nameof(Kind), l["请选择验收结论。"]);
            return Page();
        }
        if (!CanPropose)
        {
            ModelState.AddModelError(string.Empty, PendingDecision is not null
                ? l["该单位已有待两协会确认的决定。"]
                : l["现场评估的过程记录和全部专家的书面评估意见齐备后，才能提出验收结论。"]);
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            ModelState.AddModelError(nameof(Reason), l["请填写{0}。", l["书面理由"]]);
            return Page();
        }
        db.Entry(Designation).Property(d => d.Version).OriginalValue = Version;
        Decision? decision = null;
        var label = Outcomes.Single(o => o.Kind == kind).Zh;
        return await SaveAsync(
            () =>
            {
                decision = Decision.Propose(User.Actor(), Now, kind, Designation, Reason);
                db.Decisions.Add(decision);
                db.Entry(Designation).Property(d => d.Version).IsModified = true; // one proposal at a time
            },
            l["验收结论已提交两协会确认。"].Value,
            async () =>
            {
                await notifier.RoleAsync(Role.Association, null,
                    $"办公室提议对{Designation.OrganisationName}“{label}”，请确认（《办法》第十三条第（三）项）。",
                    $"The office proposes to {DecisionLifecycle.KindEn(kind)} for {Designation.OrganisationName}; please confirm (Art. 13(3)).", $"/Association/Decide/{decision!.Id}");
                await notifier.UnitAsync(Designation.OrganisationId,
                    $"办公室已提出验收结论“{label}”，待两协会确认。", $"The office has proposed the acceptance outcome ({DecisionLifecycle.KindEn(kind)}), awaiting the associations' confirmation.", "/Applicant/Obligations");
            });
    }

    /// <summary>The Chinese name of a decision kind proposed here (a resource key).</summary>
    public string LabelOf(DecisionKind kind) => Outcomes.FirstOrDefault(o => o.Kind == kind).Zh ?? kind.ToString();

    public string? OverrideOf(Guid expertUserId) => Overrides?.GetValueOrDefault(expertUserId.ToString());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> SaveAsync(Action act, string done, Func<Task> notify)
    {
        try
        {
            act();
            await db.SaveChangesAsync();
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
        await notify();
        await notifier.SaveAsync();
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
        if (await db.Designations.SingleOrDefaultAsync(d => d.Id == designationId) is not { } designation)
        {
            return false;
        }
        var summaries = db.Obligations.Where(o => o.DesignationId == designationId && o.Kind == ObligationKind.ConstructionSummary && o.Status != ObligationStatus.Open);
        var summary = designation.AcceptanceSummaryId is { } summaryId
            ? await summaries.SingleOrDefaultAsync(o => o.Id == summaryId)
            : await summaries.Where(o => o.Year == designation.TermEndsOn.Year).OrderByDescending(o => o.FiledAtUtc).FirstOrDefaultAsync(); // not an extended pilot's earlier round
        if (summary is null)
        {
            return false;
        }
        Designation = designation;
        Summary = summary;
        var filed = summary.FiledAtUtc ?? DateTime.MinValue;
        Evaluation = await db.SiteVisits
            .Where(v => v.SubjectId == designationId && v.Purpose == SiteVisitPurpose.AcceptanceEvaluation && v.ScheduledAtUtc >= filed)
            .OrderByDescending(v => v.ScheduledAtUtc).FirstOrDefaultAsync();
        var files = await db.StoredFiles.AsNoTracking().Where(f => f.DesignationId == designationId && f.DeletedAtUtc == null).ToListAsync();
        SummaryDocuments = [.. files.Where(f => f.OwnerId == summary.Id)];
        Minutes = Evaluation?.MinutesFileId is { } minutesId ? files.SingleOrDefault(f => f.Id == minutesId) : null;
        Decisions = await db.Decisions.AsNoTracking().Where(d => d.DesignationId == designationId).OrderByDescending(d => d.ProposedAtUtc).ToListAsync();
        History = await db.HistoryOfAsync(designationId);
        if (CanSchedule)
        {
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == designation.OrganisationId);
            Pool = await db.TeamPoolAsync(designation.OrganisationId, organisation.Profile.KeyFields, Now);
        }
        return true;
    }
}
