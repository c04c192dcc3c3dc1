using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Acceptance;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Api;

public sealed record AcceptanceReviewBody(
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "初审意见")] string? Opinion);

public sealed record AcceptanceProposalBody(
    [property: Required(ErrorMessage = "请选择验收结论。")] DecisionKind? Kind,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "书面理由")] string? Reason);

/// <summary>The form of the proceedings (multipart/form-data), for the OpenAPI document.</summary>
public sealed record ProceedingsForm(DateOnly WorkReportOn, DateOnly InspectionOn, DateOnly ReviewMeetingOn, IFormFile? Minutes);

public sealed record AmendmentBody(
    [property: Required(ErrorMessage = "请填写{0}。")] ScoresBody? Scores,
    [property: Required(ErrorMessage = "请选择{0}。"), Display(Name = "总体意见")] OverallRecommendation? Recommendation,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "书面意见")] string? Text,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "修订理由")] string? Reason);

/// <summary>An expert's written opinion (one revision): scores on the four conditions of Art. 10, the overall recommendation, the text.</summary>
public sealed record OpinionItem(
    Guid ExpertUserId, string ExpertName, int Revision, int GoalsAndModel, int ChannelsAndTeam, int TechnologyTransfer, int Platforms,
    OverallRecommendation Recommendation, string Text, string? AmendmentReason, DateTime FiledAtUtc);

/// <summary>
/// One acceptance round of a pilot unit (Art. 13) as the office's page shows it: the construction summary and its review, the
/// on-site evaluation with its team and proceedings, the experts' current opinions, a pending decision, and what may be done
/// next. <c>Version</c> is the designation's (the ETag of this resource), <c>SummaryVersion</c> and <c>Evaluation.Version</c>
/// those of the summary and of the evaluation.
/// </summary>
public sealed record AcceptanceItem(
    Guid DesignationId, string OrganisationName, DesignationStatus Status, DateOnly TermEndsOn,
    Guid SummaryId, ObligationStatus SummaryStatus, DateTime? SummaryFiledAtUtc, string? ReviewOpinion, int SummaryVersion,
    SiteVisitItem? Evaluation, DateOnly? WorkReportOn, DateOnly? InspectionOn, DateOnly? ReviewMeetingOn, bool MinutesFiled,
    IReadOnlyList<OpinionItem> Opinions, DecisionKind? PendingDecision, bool CanSchedule, bool CanPropose, int Version);

/// <summary>
/// Acceptance through /api/v1 (scope <c>office</c>, docs/decisions/0008-rest-api.md), through the page's own code
/// (<see cref="AcceptanceEvaluating"/>): the office reviews the construction summary, schedules the on-site evaluation with its
/// team, records its proceedings with the minutes and proposes the outcome (Art. 13(2)–(3)); the experts declare, file and amend
/// their evaluation opinions on the existing /site-visits endpoints; the associations confirm with /decisions/{id}/confirmation.
/// </summary>
public static class ApiAcceptance
{
    private const string Tag = "验收 Acceptance";

    public static void MapGuoheAcceptance(this RouteGroupBuilder v1)
    {
        var office = v1.MapGroup("/designations/{id:guid}").RequireAuthorization(ApiPolicies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        office.MapGet("/acceptance", GetAsync).ForRoles(Role.Office).WithName("GetAcceptance").WithTags(Tag)
            .WithSummary("办公室：验收情况").WithDescription("已提交建设工作总结的试点单位的本轮验收（《办法》第十三条），与网页“验收评估”相同：总结及初审、现场评估及专家组、过程记录、专家书面评估意见（当前版本）、待确认的决定，以及能否安排评估、能否提出结论。响应头 ETag 为资格的版本号；summaryVersion、evaluation.version 为总结和评估的版本号。没有已提交的建设工作总结时返回404。")
            .Produces<AcceptanceItem>().ProducesProblem(StatusCodes.Status404NotFound);
        office.MapGet("/acceptance/candidates", CandidatesAsync).ForRoles(Role.Office).WithName("ListAcceptanceCandidates").WithTags(Tag)
            .WithSummary("办公室：可选的评估专家").WithDescription("能安排现场评估时（总结已初审、单位在验收中、本轮尚未安排）可选的专家及其与单位的利益冲突；有冲突的专家须在 overrides 中写明理由才能入组。其他时候返回409。")
            .Produces<IReadOnlyList<CandidateItem>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        office.MapPost("/acceptance/review", ReviewAsync).ForRoles(Role.Office).WithName("ReviewConstructionSummary").WithTags(Tag)
            .WithSummary("办公室：建设工作总结初审").WithDescription("办公室对建设工作总结出具初审意见（《办法》第十三条第（二）项），通知单位。须带 If-Match，其值为总结的 ETag（summaryVersion）；响应头 ETag 为总结的新版本号。已初审时返回409。")
            .Accepts<AcceptanceReviewBody>("application/json").Produces<AcceptanceItem>().WithWriteErrors();
        office.MapPost("/acceptance/evaluation", ScheduleAsync).ForRoles(Role.Office).WithName("ScheduleAcceptanceEvaluation").WithTags(Tag)
            .WithSummary("办公室：安排现场评估和专家组").WithDescription("总结初审后安排现场评估（《办法》第十三条第（二）项）：日期、地点、说明、专家组（team、leader，有冲突的专家须在 overrides 中写明理由），与网页相同的检查，通知专家和单位。须带 If-Match（资格的 ETag）；返回201，响应头 ETag 为评估（实地调研）的版本号。")
            .Accepts<SiteVisitBody>("application/json").Produces<AcceptanceItem>(StatusCodes.Status201Created).WithWriteErrors();
        office.MapPost("/acceptance/proceedings", ProceedingsAsync).ForRoles(Role.Office).WithName("RecordAcceptanceProceedings").WithTags(Tag)
            .WithSummary("办公室：记录现场评估过程").WithDescription("multipart/form-data：workReportOn（单位负责人工作汇报）、inspectionOn（现场考察）、reviewMeetingOn（评审会，不早于前两者）和评审会纪要 minutes（首次必传，PDF、JPEG、PNG 或 DOCX），《办法》第十三条第（二）项。须带 If-Match，其值为评估的 ETag（evaluation.version）；响应头 ETag 为评估的新版本号。")
            .Accepts<ProceedingsForm>("multipart/form-data").Produces<AcceptanceItem>().WithWriteErrors().DisableAntiforgery();
        office.MapPost("/acceptance/proposal", ProposeAsync).ForRoles(Role.Office).WithName("ProposeAcceptanceOutcome").WithTags(Tag)
            .WithSummary("办公室：提出验收结论").WithDescription("过程记录和全部专家的书面评估意见齐备后，办公室提出验收结论（《办法》第十三条第（三）项）：kind 为 GrantBase（授予国合孵化基地）、Extend（延长试点建设期一年）或 CancelPilot（取消试点建设资格），reason 为书面理由。生成待两协会确认的决定（以 /decisions/{id}/confirmation 确认），每个单位同时只能有一项。须带 If-Match（资格的 ETag）；返回201和决定，ETag 为决定的版本号。")
            .Accepts<AcceptanceProposalBody>("application/json").Produces<DecisionItem>(StatusCodes.Status201Created).WithWriteErrors();
    }

    /// <summary>The round as the office's page shows it, read fresh (after a change: the stored state).</summary>
    private static async Task<AcceptanceItem?> ItemAsync(GuoheDbContext db, Guid id)
    {
        db.ChangeTracker.Clear();
        if (await AcceptanceEvaluating.LoadAsync(db, id) is not { } round)
        {
            return null;
        }
        var visit = round.Evaluation;
        return new AcceptanceItem(round.Designation.Id, round.Designation.OrganisationName, round.Designation.Status, round.Designation.TermEndsOn,
            round.Summary.Id, round.Summary.Status, round.Summary.FiledAtUtc, round.Summary.ReviewOpinion, round.Summary.Version,
            visit is null ? null : ApiLifecycle.Item(visit, null), visit?.WorkReportOn, visit?.InspectionOn, visit?.ReviewMeetingOn, visit?.MinutesFileId is not null,
            visit is null ? [] : [.. visit.CurrentOpinions().Select(Opinion)], round.PendingDecision, round.CanSchedule, round.CanPropose, round.Designation.Version);
    }

    public static OpinionItem Opinion(ExpertOpinion o) => new(o.ExpertUserId, o.ExpertName, o.Revision, o.GoalsAndModel, o.ChannelsAndTeam, o.TechnologyTransfer, o.Platforms,
        o.Recommendation, o.Text, o.AmendmentReason, o.FiledAtUtc);

    /// <summary>The stored round as the answer of a change, with the ETag of the aggregate the change touched.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, GuoheDbContext db, Guid id, Func<AcceptanceItem, int> etag, int status = StatusCodes.Status200OK)
    {
        var item = (await ItemAsync(db, id))!;
        ApiWrites.SetETag(context, etag(item));
        return status == StatusCodes.Status201Created ? TypedResults.Created($"/api/v1/designations/{id}/acceptance", item) : TypedResults.Ok(item);
    }

    private static async Task<IResult> GetAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await ItemAsync(db, id) is not { } item)
        {
            return ApiProblems.NotFound(context);
        }
        ApiWrites.SetETag(context, item.Version);
        return TypedResults.Ok(item);
    }

    private static IResult Refused(HttpContext context, string field, string zh, params object[] args) =>
        field.Length == 0
            ? ApiProblems.Problem(context, StatusCodes.Status409Conflict, zh, args)
            : ApiWrites.Invalid(context, new() { [ApiWrites.JsonPath(field)] = [ApiProblems.Text(context, zh, args)] });

    private static async Task<IResult> CandidatesAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await AcceptanceEvaluating.LoadAsync(db, id, context.RequestAborted) is not { } round)
        {
            return ApiProblems.NotFound(context);
        }
        if (!round.CanSchedule)
        {
            return Refused(context, string.Empty, "完成初审且单位进入验收后，才能安排现场评估。");
        }
        var pool = await AcceptanceEvaluating.PoolAsync(db, round.Designation, ApiWrites.Now(context));
        return TypedResults.Ok(pool.Candidates.Select(c => new CandidateItem(c.UserId, c.Name, c.Organisation,
            [.. Enum.GetValues<Domain.Organisations.KeyFields>().Where(f => f != Domain.Organisations.KeyFields.None && c.Fields.HasFlag(f))], c.Conflicts)).ToList());
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, AcceptanceReviewBody? body)
    {
        if (await AcceptanceEvaluating.LoadAsync(db, id, context.RequestAborted) is not { } round)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, round.Summary.Version, body, async b =>
        {
            await AcceptanceEvaluating.ReviewAsync(db, notifier, round, context.User.Actor(), ApiWrites.Now(context), b.Opinion);
            return await AnswerAsync(context, db, id, item => item.SummaryVersion);
        });
    }

    private static async Task<IResult> ScheduleAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, SiteVisitBody? body)
    {
        if (await AcceptanceEvaluating.LoadAsync(db, id, context.RequestAborted) is not { } round)
        {
            return ApiProblems.NotFound(context);
        }
        if ((ApiWrites.IfMatch(context, round.Designation.Version) ?? ApiWrites.Invalid(context, body)) is { } refused)
        {
            return refused;
        }
        var team = body!.Team ?? [];
        var pool = round.CanSchedule ? await AcceptanceEvaluating.PoolAsync(db, round.Designation, ApiWrites.Now(context)) : null;
        var problems = AcceptanceEvaluating.CheckSchedule(round, pool, body.Date, [.. team], body.Leader).ToList();
        if (problems.FirstOrDefault(p => p.Field.Length == 0) is { Zh: not null } state)
        {
            return Refused(context, string.Empty, state.Zh);
        }
        if (problems.Count > 0)
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (field, zh) in problems)
            {
                ApiWrites.Add(errors, ApiWrites.JsonPath(field), ApiProblems.Text(context, zh));
            }
            return ApiWrites.Invalid(context, errors);
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            await AcceptanceEvaluating.ScheduleAsync(db, notifier, round, pool!, context.User.Actor(), ApiWrites.Now(context),
                body.Date!.Value, body.Place, body.Notes, [.. team], body.Leader, expert => body.Overrides?.GetValueOrDefault(expert));
            return await AnswerAsync(context, db, id, item => item.Evaluation!.Version, StatusCodes.Status201Created);
        });
    }

    private static async Task<IResult> ProceedingsAsync(
        HttpContext context, GuoheDbContext db, Files.FileStore store, Guid id,
        [Microsoft.AspNetCore.Mvc.FromForm] string? workReportOn, [Microsoft.AspNetCore.Mvc.FromForm] string? inspectionOn,
        [Microsoft.AspNetCore.Mvc.FromForm] string? reviewMeetingOn, IFormFile? minutes)
    {
        if (await AcceptanceEvaluating.LoadAsync(db, id, context.RequestAborted) is not { } round)
        {
            return ApiProblems.NotFound(context);
        }
        if (round.Evaluation is not { } visit)
        {
            return Refused(context, string.Empty, "请先安排现场评估。");
        }
        if (ApiWrites.IfMatch(context, visit.Version) is { } precondition)
        {
            return precondition;
        }
        var list = new ApiListQuery(context);
        var work = list.Date("workReportOn", workReportOn);
        var inspection = list.Date("inspectionOn", inspectionOn);
        var meeting = list.Date("reviewMeetingOn", reviewMeetingOn);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        if (AcceptanceEvaluating.CheckProceedings(round, work, inspection, meeting, minutes is { Length: > 0 }) is { } problem)
        {
            return Refused(context, problem.Field, problem.Zh);
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            Guid? minutesId = null;
            if (minutes is { Length: > 0 })
            {
                var (fileId, refusal, args) = await AcceptanceEvaluating.SaveMinutesAsync(store, round, minutes, context.User.Id(), context.RequestAborted);
                if (refusal is not null)
                {
                    return Refused(context, "minutes", refusal, args);
                }
                minutesId = fileId;
            }
            await AcceptanceEvaluating.RecordProceedingsAsync(db, round, context.User.Actor(), ApiWrites.Now(context), work!.Value, inspection!.Value, meeting!.Value, minutesId);
            return await AnswerAsync(context, db, id, item => item.Evaluation!.Version);
        });
    }

    private static async Task<IResult> ProposeAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, AcceptanceProposalBody? body)
    {
        if (await AcceptanceEvaluating.LoadAsync(db, id, context.RequestAborted) is not { } round)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, round.Designation.Version, body, async b =>
        {
            if (AcceptanceEvaluating.CheckProposal(round, b.Kind, b.Reason) is { } problem)
            {
                return Refused(context, problem.Field, problem.Zh);
            }
            var decision = await AcceptanceEvaluating.ProposeAsync(db, notifier, round, context.User.Actor(), ApiWrites.Now(context), b.Kind!.Value, b.Reason!);
            var item = await ApiLifecycle.DecisionItems(db.Decisions.AsNoTracking().Where(d => d.Id == decision.Id)).SingleAsync(context.RequestAborted);
            ApiWrites.SetETag(context, item.Version);
            return TypedResults.Created($"/api/v1/decisions/{item.Id}", item);
        });
    }
}
