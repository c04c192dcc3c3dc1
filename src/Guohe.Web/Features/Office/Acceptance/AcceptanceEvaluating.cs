using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Acceptance;

/// <summary>
/// One acceptance round of a pilot unit (Art. 13) as loaded for a change: the designation, the construction summary (Form 4)
/// of this round, the on-site evaluation scheduled after it (if any) and the kind of a decision still awaiting the associations.
/// </summary>
public sealed record AcceptanceRound(Designation Designation, Obligation Summary, SiteVisit? Evaluation, DecisionKind? PendingDecision)
{
    public bool InAcceptance => Designation.Status == DesignationStatus.AcceptanceReview;

    /// <summary>The evaluation can be scheduled once the summary is reviewed and the unit is in acceptance (Art. 13(2)), once a round.</summary>
    public bool CanSchedule => InAcceptance && Summary.Status == ObligationStatus.Reviewed && Evaluation is null;

    public bool ProceedingsRecorded => Evaluation?.ReviewMeetingOn is not null;

    /// <summary>The outcome can be proposed when the proceedings and every expert's opinion are in and no decision is pending (Art. 13(3)).</summary>
    public bool CanPropose => InAcceptance && Evaluation is { AllOpinionsFiled: true } && ProceedingsRecorded && PendingDecision is null;
}

/// <summary>
/// What the office does in acceptance (Art. 13(2)–(3)), whoever asks — the page <see cref="EvaluateModel"/> or the API
/// (docs/decisions/0008-rest-api.md): load the round, the preliminary review of the construction summary, the on-site
/// evaluation with its team, its proceedings with the minutes, and the proposal of the outcome to the associations; each
/// saves and sends the page's notices. Refusals are (field, Chinese resource key) pairs or the domain's DomainException; a stale
/// version is a DbUpdateConcurrencyException (the caller sets the original value it was given).
/// </summary>
public static class AcceptanceEvaluating
{
    /// <summary>The outcomes of Art. 13(3) the office may propose.</summary>
    public static IReadOnlyList<(DecisionKind Kind, string Zh)> Outcomes { get; } =
    [
        (DecisionKind.GrantBase, "授予国合孵化基地"),
        (DecisionKind.Extend, "延长试点建设期一年"),
        (DecisionKind.CancelPilot, "取消试点建设资格"),
    ];

    /// <summary>The designations with a filed construction summary, tracked; null when there is none (the page and the API answer 404).</summary>
    public static async Task<AcceptanceRound?> LoadAsync(GuoheDbContext db, Guid designationId, CancellationToken cancellationToken = default)
    {
        if (await db.Designations.SingleOrDefaultAsync(d => d.Id == designationId, cancellationToken) is not { } designation)
        {
            return null;
        }
        var summaries = db.Obligations.Where(o => o.DesignationId == designationId && o.Kind == ObligationKind.ConstructionSummary && o.Status != ObligationStatus.Open);
        var summary = designation.AcceptanceSummaryId is { } summaryId
            ? await summaries.SingleOrDefaultAsync(o => o.Id == summaryId, cancellationToken)
            : await summaries.Where(o => o.Year == designation.TermEndsOn.Year).OrderByDescending(o => o.FiledAtUtc).FirstOrDefaultAsync(cancellationToken); // not an extended pilot's earlier round
        if (summary is null)
        {
            return null;
        }
        var filed = summary.FiledAtUtc ?? DateTime.MinValue;
        var evaluation = await db.SiteVisits
            .Where(v => v.SubjectId == designationId && v.Purpose == SiteVisitPurpose.AcceptanceEvaluation && v.ScheduledAtUtc >= filed)
            .OrderByDescending(v => v.ScheduledAtUtc).FirstOrDefaultAsync(cancellationToken);
        var pending = await db.Decisions.AsNoTracking()
            .Where(d => d.DesignationId == designationId && d.Status == DecisionStatus.Proposed)
            .Select(d => (DecisionKind?)d.Kind).FirstOrDefaultAsync(cancellationToken);
        return new AcceptanceRound(designation, summary, evaluation, pending);
    }

    /// <summary>The experts who may evaluate the unit, with their conflicts (only while the evaluation can be scheduled).</summary>
    public static async Task<TeamPool> PoolAsync(GuoheDbContext db, Designation designation, DateTime now)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == designation.OrganisationId);
        return await db.TeamPoolAsync(designation.OrganisationId, organisation.Profile.KeyFields, now);
    }

    /// <summary>The office's preliminary review of the construction summary (Art. 13(2)); saves and tells the unit.</summary>
    public static async Task ReviewAsync(GuoheDbContext db, Notifier notifier, AcceptanceRound round, Actor actor, DateTime now, string? opinion)
    {
        round.Summary.Review(actor, now, opinion ?? string.Empty, null);
        await db.SaveChangesAsync();
        await notifier.UnitAsync(round.Designation.OrganisationId,
            "办公室已完成建设工作总结的初审（《办法》第十三条第（二）项）。", "The office has reviewed the construction summary (Art. 13(2)).", "/Applicant/Obligations");
        await notifier.SaveAsync();
    }

    /// <summary>Why the evaluation cannot be scheduled as asked: (field, Chinese resource key); empty when it can.</summary>
    public static IEnumerable<(string Field, string Zh)> CheckSchedule(AcceptanceRound round, TeamPool? pool, DateOnly? date, IReadOnlyCollection<Guid> team, Guid? leader)
    {
        if (!round.CanSchedule || pool is null)
        {
            yield return (string.Empty, "完成初审且单位进入验收后，才能安排现场评估。");
            yield break;
        }
        if (date is null)
        {
            yield return ("Date", "请填写评估日期。");
        }
        foreach (var problem in Applications.SiteVisitScheduling.CheckTeam(pool, team, leader))
        {
            yield return problem;
        }
    }

    /// <summary>
    /// Schedules the on-site evaluation with its team (Art. 13(2)); the designation's version guards against a second one.
    /// Saves and tells the team and the unit.
    /// </summary>
    public static async Task<SiteVisit> ScheduleAsync(
        GuoheDbContext db, Notifier notifier, AcceptanceRound round, TeamPool pool, Actor actor, DateTime now,
        DateOnly date, string? place, string? notes, IReadOnlyCollection<Guid> team, Guid? leader, Func<Guid, string?> overrideOf)
    {
        var designation = round.Designation;
        var visit = SiteVisit.Schedule(actor, now, SiteVisitPurpose.AcceptanceEvaluation, designation.Id, date, place ?? string.Empty, notes,
            pool.Assignments(team, leader, overrideOf));
        db.SiteVisits.Add(visit);
        db.Entry(designation).Property(d => d.Version).IsModified = true; // the designation's version guards against a second schedule
        await db.SaveChangesAsync();
        await notifier.TeamAsync(visit,
            $"您被指派参加{designation.OrganisationName}的现场评估（{ChinaTime.Iso(visit.Date)}，{visit.Place}）。",
            $"You are on the on-site evaluation of {designation.OrganisationName} ({ChinaTime.Iso(visit.Date)}, {visit.Place}).");
        await notifier.UnitAsync(designation.OrganisationId,
            $"办公室已安排现场评估：{ChinaTime.Iso(visit.Date)}，{visit.Place}（《办法》第十三条第（二）项）。",
            $"The office has scheduled the on-site evaluation: {ChinaTime.Iso(visit.Date)}, {visit.Place} (Art. 13(2)).", "/Applicant/Obligations");
        await notifier.SaveAsync();
        return visit;
    }

    /// <summary>
    /// Why the proceedings cannot be recorded as given (checked before any minutes are stored): (field, Chinese resource key).
    /// <paramref name="minutesSent"/>: a file comes with the request; without one, minutes must already be stored.
    /// </summary>
    public static (string Field, string Zh)? CheckProceedings(AcceptanceRound round, DateOnly? workReportOn, DateOnly? inspectionOn, DateOnly? reviewMeetingOn, bool minutesSent)
    {
        if (round.Evaluation is not { } visit)
        {
            return (string.Empty, "请先安排现场评估。");
        }
        if (workReportOn is null || inspectionOn is null || reviewMeetingOn is null)
        {
            return (string.Empty, "请填写单位负责人工作汇报、现场考察和评审会的日期。");
        }
        if (reviewMeetingOn < workReportOn || reviewMeetingOn < inspectionOn)
        {
            return ("ReviewMeetingOn", "评审会日期不能早于工作汇报和现场考察日期。"); // the domain refuses it too
        }
        return !minutesSent && visit.MinutesFileId is null ? (string.Empty, "请上传评审会纪要。") : null;
    }

    /// <summary>Stores the minutes of the review meeting under the designation and the evaluation; a refusal text (resource key) when the file is refused.</summary>
    public static async Task<(Guid? FileId, string? Refusal, object[] Args)> SaveMinutesAsync(
        FileStore store, AcceptanceRound round, IFormFile minutes, Guid userId, CancellationToken cancellationToken)
    {
        var rule = UploadRule.Any(store);
        var saved = await Uploads.SaveAsync(store, FileOwner.OfDesignation(round.Designation.Id, round.Evaluation!.Id), DocumentKind.EvaluationMinutes,
            minutes, rule, userId, cancellationToken: cancellationToken);
        if (saved.Refusal is { } refusal)
        {
            var (zh, args) = Uploads.Refused(refusal, rule);
            return (null, zh, args);
        }
        return (saved.File!.Id, null, []);
    }

    /// <summary>Records the work report, inspection and review meeting dates and the minutes (Art. 13(2)); saves.</summary>
    public static async Task RecordProceedingsAsync(
        GuoheDbContext db, AcceptanceRound round, Actor actor, DateTime now, DateOnly workReportOn, DateOnly inspectionOn, DateOnly reviewMeetingOn, Guid? minutesId)
    {
        round.Evaluation!.RecordProceedings(actor, now, workReportOn, inspectionOn, reviewMeetingOn, minutesId);
        await db.SaveChangesAsync();
    }

    /// <summary>Why the outcome cannot be proposed as asked: (field, Chinese resource key); null when it can.</summary>
    public static (string Field, string Zh)? CheckProposal(AcceptanceRound round, DecisionKind? kind, string? reason)
    {
        if (kind is not { } k || Outcomes.All(o => o.Kind != k))
        {
            return ("Kind", "请选择验收结论。");
        }
        if (!round.CanPropose)
        {
            return (string.Empty, round.PendingDecision is not null
                ? "该单位已有待两协会确认的决定。"
                : "现场评估的过程记录和全部专家的书面评估意见齐备后，才能提出验收结论。");
        }
        return string.IsNullOrWhiteSpace(reason) ? ("Reason", "请填写书面理由。") : null;
    }

    /// <summary>
    /// The office proposes the outcome with its written reason (Art. 13(3)); one proposal at a time (the designation's version).
    /// Saves and asks the associations to confirm, tells the unit.
    /// </summary>
    public static async Task<Decision> ProposeAsync(GuoheDbContext db, Notifier notifier, AcceptanceRound round, Actor actor, DateTime now, DecisionKind kind, string reason)
    {
        var designation = round.Designation;
        var decision = Decision.Propose(actor, now, kind, designation, reason);
        db.Decisions.Add(decision);
        db.Entry(designation).Property(d => d.Version).IsModified = true; // one proposal at a time
        await db.SaveChangesAsync();
        var label = Outcomes.Single(o => o.Kind == kind).Zh;
        await notifier.RoleAsync(Role.Association, null,
            $"办公室提议对{designation.OrganisationName}“{label}”，请确认（《办法》第十三条第（三）项）。",
            $"The office proposes to {DecisionLifecycle.KindEn(kind)} for {designation.OrganisationName}; please confirm (Art. 13(3)).", $"/Association/Decide/{decision.Id}");
        await notifier.UnitAsync(designation.OrganisationId,
            $"办公室已提出验收结论“{label}”，待两协会确认。", $"The office has proposed the acceptance outcome ({DecisionLifecycle.KindEn(kind)}), awaiting the associations' confirmation.", "/Applicant/Obligations");
        await notifier.SaveAsync();
        return decision;
    }
}
