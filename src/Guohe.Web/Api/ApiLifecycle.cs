using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Features.Association;
using Guohe.Web.Features.Expert;
using Guohe.Web.Features.Office.Applications;
using Guohe.Web.Features.Office.Statistics;
using Guohe.Web.Features.Recommender;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Api;

public sealed record RecommendationBody(
    [property: Required(ErrorMessage = "请填写{0}。")] bool? Endorse,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "推荐意见")] string? Opinion);

public sealed record ReviewBody(
    [property: Required(ErrorMessage = "请填写{0}。")] ApplicationTrigger? Action,
    [property: StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "意见")] string? Opinion,
    DateOnly? ReceivedOn);

public sealed record SiteVisitBody(
    [property: Required(ErrorMessage = "请填写{0}。"), Display(Name = "调研日期")] DateOnly? Date,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "调研地点")] string? Place,
    [property: StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "安排说明")] string? Notes,
    IReadOnlyList<Guid>? Team,
    Guid? Leader,
    IReadOnlyDictionary<Guid, string>? Overrides);

public sealed record ScoresBody(
    [property: Required(ErrorMessage = "请填写{0}。"), Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。"), Display(Name = "第十条第（一）项")] int? GoalsAndModel,
    [property: Required(ErrorMessage = "请填写{0}。"), Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。"), Display(Name = "第十条第（二）项")] int? ChannelsAndTeam,
    [property: Required(ErrorMessage = "请填写{0}。"), Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。"), Display(Name = "第十条第（三）项")] int? TechnologyTransfer,
    [property: Required(ErrorMessage = "请填写{0}。"), Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。"), Display(Name = "第十条第（四）项")] int? Platforms);

public sealed record OpinionBody(
    [property: Required(ErrorMessage = "请填写{0}。")] ScoresBody? Scores,
    [property: Required(ErrorMessage = "请选择{0}。"), Display(Name = "总体意见")] OverallRecommendation? Recommendation,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "书面意见")] string? Text);

public sealed record DecisionBody(
    [property: StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "审批意见")] string? Opinion);

/// <summary>The form of a proposal (multipart/form-data), for the OpenAPI document.</summary>
public sealed record ProposalForm(DecisionKind Kind, Guohe.Domain.Designations.RevocationGround? Ground, string Reason, IFormFile? Facts);

public sealed record TeamMemberItem(Guid ExpertUserId, string Name, bool IsLeader, bool Declared, bool OpinionFiled);

/// <summary>
/// A site visit or acceptance evaluation; <c>Team</c> only for the office (an expert sees their own part). <c>Opinions</c>: for the
/// office the current revision of every filed opinion, for an expert every revision of their own, newest first (as their pages show).
/// </summary>
public sealed record SiteVisitItem(
    Guid Id, SiteVisitPurpose Purpose, Guid SubjectId, DateOnly Date, string Place, bool AllOpinionsFiled, IReadOnlyList<TeamMemberItem> Team, int Version,
    IReadOnlyList<OpinionItem>? Opinions = null);

public sealed record CandidateItem(Guid UserId, string Name, string Organisation, IReadOnlyList<Domain.Organisations.KeyFields> Fields, ConflictKinds Conflicts);

public sealed record DecisionItem(
    Guid Id, DecisionKind Kind, DecisionStatus Status, Guid? ApplicationId, Guid? DesignationId, string OrganisationName, string Article, string Reason,
    string ProposedByName, DateTime ProposedAtUtc, string? DecidedByName, DateTime? DecidedAtUtc, Guid? OpenedDesignationId, int Version);

/// <summary>
/// The lifecycle verbs of an application through /api/v1 (scope <c>office</c>), each for the role whose page performs it and
/// through that page's code: the recommender's decision (Art. 11(1)), the office's preliminary review and proposal (Art. 11(3),
/// 11(6)), the site visit with its team (Art. 11(4)), the experts' declaration and written opinion (Art. 11(5)), and the
/// associations' confirmation (Art. 11(6); the proposer cannot confirm). Each change needs <c>If-Match</c>.
/// </summary>
public static class ApiLifecycle
{
    public static void MapGuoheLifecycle(this RouteGroupBuilder v1)
    {
        var office = v1.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        const string applications = "办理 Lifecycle";
        const string visits = "实地调研 Site visits";
        const string decisions = "决定 Decisions";

        office.MapPost("/applications/{id:guid}/recommendation", RecommendAsync).ForRoles(Role.Recommender).WithName("RecommendApplication").WithTags(applications)
            .WithSummary("推荐单位：推荐或不予推荐").WithDescription("推荐单位对选择它的申请出具推荐意见（《办法》第十一条第（一）项）：endorse 为 true 送交办公室初审，为 false 退回申请单位。与网页“推荐审核”相同。须带 If-Match（申请的 ETag）。")
            .Accepts<RecommendationBody>("application/json").Produces<ApplicationItem>().WithWriteErrors();
        office.MapPost("/applications/{id:guid}/review", ReviewAsync).ForRoles(Role.Office).WithName("ReviewApplication").WithTags(applications)
            .WithSummary("办公室：初审、纸质材料、建议或不予批准").WithDescription("action 为 PassPreliminaryReview（初审通过）、ReturnForRevision（退回修改）、RejectPreliminaryReview（初审不通过）、RecordPaperCopies（收到纸质材料，须 receivedOn）、ProposeApproval（出具审核意见，建议授予试点单位，生成待两协会确认的决定）或 IssueNonApproval（不予批准）（《办法》第十一条第（三）、（六）项）。当前状态不允许时返回409。须带 If-Match。")
            .Accepts<ReviewBody>("application/json").Produces<ApplicationItem>().WithWriteErrors();
        office.MapGet("/applications/{id:guid}/site-visit/candidates", CandidatesAsync).ForRoles(Role.Office).WithName("ListSiteVisitCandidates").WithTags(visits)
            .WithSummary("可选的调研专家").WithDescription("初审通过的申请可选的专家（专家库中有账号的在库专家）及其重点领域和与申请单位的利益冲突；有冲突的专家须在 overrides 中写明理由才能入组（《办法》第十一条第（四）项）。")
            .Produces<IReadOnlyList<CandidateItem>>().ProducesProblem(StatusCodes.Status404NotFound);
        office.MapPost("/applications/{id:guid}/site-visit", ScheduleAsync).ForRoles(Role.Office).WithName("ScheduleSiteVisit").WithTags(visits)
            .WithSummary("安排实地调研和专家组").WithDescription("为初审通过的申请安排实地调研（《办法》第十一条第（四）项）：日期、地点、说明、专家组（team 为专家账号编号，leader 为组长）。与网页相同的检查；返回调研，其 ETag 为调研的版本号。须带 If-Match（申请的 ETag）。")
            .Accepts<SiteVisitBody>("application/json").Produces<SiteVisitItem>(StatusCodes.Status201Created).WithWriteErrors();
        office.MapGet("/site-visits", SiteVisitsAsync).ForRoles(Role.Expert).WithName("ListMySiteVisits").WithTags(visits)
            .WithSummary("专家：我的调研任务").WithDescription("专家所在专家组的实地调研和验收评估，与网页“我的待办”相同（最近200次安排中）；未提交意见的在前。")
            .Produces<IReadOnlyList<ExpertAssignmentItem>>();
        office.MapGet("/site-visits/{id:guid}", SiteVisitAsync).ForRoles(Role.Office, Role.Expert).WithName("GetSiteVisit").WithTags(visits)
            .WithSummary("单次实地调研").WithDescription("办公室看到全部调研及专家组；专家只看到本人所在的调研，专家组中只含本人。响应头 ETag 为调研的版本号。")
            .Produces<SiteVisitItem>().ProducesProblem(StatusCodes.Status404NotFound);
        office.MapPost("/site-visits/{id:guid}/declaration", DeclareAsync).ForRoles(Role.Expert).WithName("DeclareNoConflict").WithTags(visits)
            .WithSummary("专家：声明无利益冲突").WithDescription("查看申请材料或建设工作总结前，专家声明本人与申请单位（被评估单位）无利益冲突（《办法》第十一条第（四）项、第十三条第（二）项）。须带 If-Match（调研的 ETag）。")
            .Produces<SiteVisitItem>().WithWriteErrors();
        office.MapPost("/site-visits/{id:guid}/opinion", OpinionAsync).ForRoles(Role.Expert).WithName("FileExpertOpinion").WithTags(visits)
            .WithSummary("专家：提交书面意见").WithDescription("实地调研或验收现场评估的书面意见：按《办法》第十条四项条件打分（各0–25）、总体意见和书面意见（第十一条第（五）项、第十三条第（二）项）；须先声明无利益冲突。实地调研的最后一位专家提交后申请进入办公室审核；现场评估的最后一位专家提交后通知办公室提出验收结论。提交后不能修改，更正请用修订接口。须带 If-Match（调研的 ETag）。")
            .Accepts<OpinionBody>("application/json").Produces<SiteVisitItem>().WithWriteErrors();
        office.MapPost("/site-visits/{id:guid}/opinion/amendment", AmendAsync).ForRoles(Role.Expert).WithName("AmendExpertOpinion").WithTags(visits)
            .WithSummary("专家：提交修订意见").WithDescription("修订本人已提交的书面意见（实地调研或验收现场评估）：新的打分、总体意见、书面意见和修订理由 reason（必填），原意见保留在修订记录中，与网页“提交修订意见”相同。尚未提交意见时返回409。须带 If-Match（调研的 ETag）。")
            .Accepts<AmendmentBody>("application/json").Produces<SiteVisitItem>().WithWriteErrors();
        office.MapGet("/decisions", DecisionsAsync).ForRoles(Role.Office, Role.Association).WithName("ListDecisions").WithTags(decisions)
            .WithSummary("决定列表").WithDescription("办公室提出、待两协会确认或已确认的决定（《办法》第十一条第（六）项、第十三条第（三）项、第十四条）。筛选 status（Proposed、Confirmed、Rejected）；按提出时间从新到旧。")
            .Produces<ApiPage<DecisionItem>>().ProducesValidationProblem();
        office.MapGet("/decisions/{id:guid}", DecisionAsync).ForRoles(Role.Office, Role.Association).WithName("GetDecision").WithTags(decisions)
            .WithSummary("单项决定").WithDescription("响应头 ETag 为决定的版本号。").Produces<DecisionItem>().ProducesProblem(StatusCodes.Status404NotFound);
        office.MapPost("/designations/{id:guid}/decisions", ProposeAsync).ForRoles(Role.Office).WithName("ProposeDesignationDecision").WithTags(decisions)
            .WithSummary("办公室：提出对资格的决定").WithDescription("multipart/form-data：kind 为 DisqualifyPilot（取消试点单位资格，《办法》第十二条第（四）项）、PublicNotice（通报）或 RevokeBase（取消基地资格，第十四条）；RevokeBase 须 ground：TwoConsecutiveFails（连续两次年度复核不合格）或 SeriousViolation（严重违纪违规，须同时上传事实材料 facts）；reason 为理由（必填）。与网页“提出决定”相同的检查，每个单位同时只能有一项待确认的决定（否则409）。生成待两协会确认的决定，返回201，ETag 为决定的版本号。")
            .Accepts<ProposalForm>("multipart/form-data").Produces<DecisionItem>(StatusCodes.Status201Created).WithWriteErrors().DisableAntiforgery();
        office.MapPost("/decisions/{id:guid}/confirmation", ConfirmAsync).ForRoles(Role.Association).WithName("ConfirmDecision").WithTags(decisions)
            .WithSummary("两协会：确认决定").WithDescription("确认办公室提出的决定，决定随即生效：授予试点单位时申请获批准、资格以今天为认定日期开始（《办法》第十一条第（六）项）。提出人不能确认（返回409）。须带 If-Match（决定的 ETag）。")
            .Accepts<DecisionBody>("application/json").Produces<DecisionItem>().WithWriteErrors();
        office.MapPost("/decisions/{id:guid}/rejection", RejectAsync).ForRoles(Role.Association).WithName("RejectDecision").WithTags(decisions)
            .WithSummary("两协会：不予确认").WithDescription("不予确认办公室提出的决定，须写明意见，办公室将看到。须带 If-Match（决定的 ETag）。")
            .Accepts<DecisionBody>("application/json").Produces<DecisionItem>().WithWriteErrors();
    }

    /// <summary>The error answers of a change: 400, 404, 409, 412, 428.</summary>
    public static RouteHandlerBuilder WithWriteErrors(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static async Task<IResult> ApplicationAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        var item = await ApiEndpoints.ApplicationItems(db, db.Applications.AsNoTracking().Where(a => a.Id == id)).SingleAsync(context.RequestAborted);
        ApiWrites.SetETag(context, item.Version);
        return TypedResults.Ok(item);
    }

    private static async Task<IResult> RecommendAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, RecommendationBody? body)
    {
        if (await Recommending.Of(db, context.User.Organisation()).SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted) is not { } application)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, application.Version, body, async _ =>
        {
            await Recommending.DecideAsync(db, notifier, application, context.User.Actor(), ApiWrites.Now(context), body!.Endorse!.Value, body.Opinion ?? string.Empty);
            return await ApplicationAsync(context, db, id);
        });
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, ReviewBody? body)
    {
        if (await OfficeReview.Submitted(db).SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted) is not { } application)
        {
            return ApiProblems.NotFound(context);
        }
        if ((ApiWrites.IfMatch(context, application.Version) ?? ApiWrites.Invalid(context, body)) is { } refused)
        {
            return refused;
        }
        if (!Features.Office.Applications.ReviewModel.Handled.Contains(body!.Action!.Value))
        {
            return ApiWrites.Invalid(context, new() { ["action"] = [ApiProblems.Text(context, "“{0}”的值无效，可选：{1}。", "action", string.Join(", ", Features.Office.Applications.ReviewModel.Handled))] });
        }
        return await ApiWrites.RunAsync(context, async () =>
            await OfficeReview.ActAsync(db, notifier, application, body.Action.Value, context.User.Actor(), ApiWrites.Now(context), body.Opinion, body.ReceivedOn) is { } problem
                ? ApiWrites.Refused(context, [problem])
                : await ApplicationAsync(context, db, id));
    }

    private static async Task<IResult> CandidatesAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await SiteVisitScheduling.Waiting(db).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted) is not { } application)
        {
            return ApiProblems.NotFound(context);
        }
        var pool = await SiteVisitScheduling.PoolAsync(db, application, ApiWrites.Now(context));
        return TypedResults.Ok(pool.Candidates.Select(c => new CandidateItem(c.UserId, c.Name, c.Organisation,
            [.. Enum.GetValues<Domain.Organisations.KeyFields>().Where(f => f != Domain.Organisations.KeyFields.None && c.Fields.HasFlag(f))], c.Conflicts)).ToList());
    }

    private static async Task<IResult> ScheduleAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, SiteVisitBody? body)
    {
        if (await SiteVisitScheduling.Waiting(db).SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted) is not { } application)
        {
            return ApiProblems.NotFound(context);
        }
        if ((ApiWrites.IfMatch(context, application.Version) ?? ApiWrites.Invalid(context, body)) is { } refused)
        {
            return refused;
        }
        var team = body!.Team ?? [];
        var pool = await SiteVisitScheduling.PoolAsync(db, application, ApiWrites.Now(context));
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (field, zh) in SiteVisitScheduling.CheckTeam(pool, [.. team], body.Leader))
        {
            ApiWrites.Add(errors, ApiWrites.JsonPath(field), ApiProblems.Text(context, zh));
        }
        if (errors.Count > 0)
        {
            return ApiWrites.Invalid(context, errors);
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            var visit = await SiteVisitScheduling.ScheduleAsync(db, notifier, application, pool, context.User.Actor(), ApiWrites.Now(context),
                body.Date!.Value, body.Place!, body.Notes, [.. team], body.Leader, expert => body.Overrides?.GetValueOrDefault(expert));
            ApiWrites.SetETag(context, visit.Version);
            return TypedResults.Created($"/api/v1/site-visits/{visit.Id}", Item(visit, null));
        });
    }

    /// <summary>The visit as the office (<paramref name="expert"/> null: the whole team) or one expert of it (their own row) sees it.</summary>
    internal static SiteVisitItem Item(SiteVisit visit, Guid? expert) => new(
        visit.Id, visit.Purpose, visit.SubjectId, visit.Date, visit.Place, visit.AllOpinionsFiled,
        [.. visit.Team.Where(t => expert is null || t.ExpertUserId == expert)
            .Select(t => new TeamMemberItem(t.ExpertUserId, t.Name, t.IsLeader, visit.HasDeclaredNoConflict(t.ExpertUserId), visit.CurrentOpinionOf(t.ExpertUserId) is not null))],
        visit.Version,
        expert is null
            ? [.. visit.CurrentOpinions().Select(ApiAcceptance.Opinion)]
            : [.. visit.Opinions.Where(o => o.ExpertUserId == expert).OrderByDescending(o => o.Revision).Select(ApiAcceptance.Opinion)]);

    private static async Task<IResult> SiteVisitsAsync(HttpContext context, GuoheDbContext db) =>
        TypedResults.Ok((await Features.Expert.IndexModel.AssignmentsAsync(db, context.User.Id()))
            .Select(r => new ExpertAssignmentItem(r.VisitId, r.Purpose, r.Number, r.OrganisationName, r.Date, r.Place, r.IsLeader, r.Filed)).ToList());

    /// <summary>The visit as the user may see it: the office any visit, an expert a visit of their team (application reviews and acceptance evaluations).</summary>
    private static async Task<SiteVisit?> VisibleVisitAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        var visit = await db.SiteVisits.SingleOrDefaultAsync(v => v.Id == id, context.RequestAborted);
        return visit is not null && (context.User.Role() == Role.Office || visit.Team.Any(t => t.ExpertUserId == context.User.Id())) ? visit : null;
    }

    private static async Task<IResult> SiteVisitAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await VisibleVisitAsync(context, db, id) is not { } visit)
        {
            return ApiProblems.NotFound(context);
        }
        ApiWrites.SetETag(context, visit.Version);
        return TypedResults.Ok(Item(visit, context.User.Role() == Role.Office ? null : context.User.Id()));
    }

    private static async Task<IResult> DeclareAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await ExpertVisits.OnTeamAsync(db, id, context.User.Id()) is not { } visit)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, visit.Version, async () =>
        {
            await ExpertVisits.DeclareNoConflictAsync(db, visit, context.User.Actor(), ApiWrites.Now(context));
            ApiWrites.SetETag(context, visit.Version);
            return TypedResults.Ok(Item(visit, context.User.Id()));
        });
    }

    private static ExpertScores Scores(ScoresBody s) => new(s.GoalsAndModel!.Value, s.ChannelsAndTeam!.Value, s.TechnologyTransfer!.Value, s.Platforms!.Value);

    /// <summary>
    /// The first opinion on a site visit (the last one moves the application on, Art. 11(5)) or on an acceptance evaluation
    /// (the last one asks the office for the outcome, Art. 13(2)–(3)) — as <c>Expert/Assignment</c> and <c>Expert/Evaluation</c> do.
    /// </summary>
    private static async Task<IResult> OpinionAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, OpinionBody? body)
    {
        var me = context.User.Id();
        if (await ExpertVisits.OnTeamAsync(db, id, me) is not { } visit)
        {
            return ApiProblems.NotFound(context);
        }
        var application = visit.Purpose == SiteVisitPurpose.ApplicationReview
            ? await db.Applications.SingleOrDefaultAsync(a => a.Id == visit.SubjectId, context.RequestAborted) : null;
        var designation = visit.Purpose == SiteVisitPurpose.AcceptanceEvaluation
            ? await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == visit.SubjectId, context.RequestAborted) : null;
        if (application is null && designation is null)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, visit.Version, body, async b =>
        {
            if (!visit.HasDeclaredNoConflict(me))
            {
                return ApiProblems.Problem(context, StatusCodes.Status409Conflict,
                    application is not null ? "请先声明本人与申请单位无利益冲突。" : "请先声明本人与被评估单位无利益冲突。");
            }
            var actor = context.User.Actor();
            if (await ExpertVisits.FileOpinionAsync(db, visit, actor, ApiWrites.Now(context), Scores(b.Scores!), b.Recommendation!.Value, b.Text!,
                    (a, now) => application is null || ExpertVisits.CompleteApplication(application, visit, a, now)))
            {
                await (application is not null
                    ? notifier.ApplicationMovedAsync(application)
                    : ExpertVisits.AnnounceEvaluationCompleteAsync(notifier, designation!));
            }
            ApiWrites.SetETag(context, visit.Version);
            return TypedResults.Ok(Item(visit, me));
        });
    }

    /// <summary>Amends the expert's filed opinion: a new revision with a reason, the earlier kept (as the pages' 提交修订意见).</summary>
    private static async Task<IResult> AmendAsync(HttpContext context, GuoheDbContext db, Guid id, AmendmentBody? body)
    {
        var me = context.User.Id();
        if (await ExpertVisits.OnTeamAsync(db, id, me) is not { } visit)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, visit.Version, body, async b =>
        {
            await ExpertVisits.AmendOpinionAsync(db, visit, context.User.Actor(), ApiWrites.Now(context), Scores(b.Scores!), b.Recommendation!.Value, b.Text!, b.Reason);
            ApiWrites.SetETag(context, visit.Version);
            return TypedResults.Ok(Item(visit, me));
        });
    }

    internal static IQueryable<DecisionItem> DecisionItems(IQueryable<Decision> decisions) =>
        decisions.Select(d => new DecisionItem(d.Id, d.Kind, d.Status, d.ApplicationId, d.DesignationId, d.OrganisationName, d.Article, d.Reason,
            d.ProposedByName, d.ProposedAtUtc, d.DecidedByName, d.DecidedAtUtc, d.OpenedDesignationId, d.Version));

    private static async Task<IResult> DecisionsAsync(HttpContext context, GuoheDbContext db, string? status, string? page, string? size)
    {
        var list = new ApiListQuery(context).Read(page, size, null, "-proposed");
        var state = list.Enum<DecisionStatus>("status", status);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var query = db.Decisions.AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(d => d.Status == s);
        }
        return TypedResults.Ok(await list.ReadAsync(DecisionItems(query.OrderByDescending(d => d.ProposedAtUtc).ThenBy(d => d.Id))));
    }

    private static async Task<IResult> DecisionAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await DecisionItems(db.Decisions.AsNoTracking().Where(d => d.Id == id)).SingleOrDefaultAsync(context.RequestAborted) is not { } item)
        {
            return ApiProblems.NotFound(context);
        }
        ApiWrites.SetETag(context, item.Version);
        return TypedResults.Ok(item);
    }

    private static async Task<IResult> ProposeAsync(
        HttpContext context, GuoheDbContext db, Files.FileStore store, Notifier notifier, Guid id,
        [Microsoft.AspNetCore.Mvc.FromForm] string? kind, [Microsoft.AspNetCore.Mvc.FromForm] string? ground, [Microsoft.AspNetCore.Mvc.FromForm] string? reason,
        IFormFile? facts)
    {
        if (await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, context.RequestAborted) is not { } designation)
        {
            return ApiProblems.NotFound(context);
        }
        var list = new ApiListQuery(context);
        var k = list.Enum<DecisionKind>("kind", kind);
        var g = list.Enum<Domain.Designations.RevocationGround>("ground", ground);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        if (k is not { } decisionKind || !Features.Office.Decisions.DecisionProposing.Offered.Contains(decisionKind))
        {
            ApiWrites.Add(errors, "kind", ApiProblems.Text(context, "“{0}”的值无效，可选：{1}。", "kind", string.Join(", ", Features.Office.Decisions.DecisionProposing.Offered)));
            return ApiWrites.Invalid(context, errors);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            ApiWrites.Add(errors, "reason", ApiProblems.Text(context, "请填写{0}。", ApiProblems.Text(context, "拟定决定的理由")));
        }
        else if (reason.Length > 5000)
        {
            ApiWrites.Add(errors, "reason", ApiProblems.Text(context, "{0}不能超过{1}个字符。", ApiProblems.Text(context, "拟定决定的理由"), 5000));
        }
        if (Features.Office.Decisions.DecisionProposing.NeedsFacts(decisionKind, g) && facts is not { Length: > 0 })
        {
            ApiWrites.Add(errors, "facts", ApiProblems.Text(context, Features.Office.Decisions.DecisionProposing.FactsRequired));
        }
        if (errors.Count > 0)
        {
            return ApiWrites.Invalid(context, errors);
        }
        if (await Features.Office.Decisions.DecisionProposing.PendingAsync(db, id, context.RequestAborted))
        {
            return ApiWrites.Refused(context, [Features.Office.Decisions.DecisionProposing.Pending]);
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            var (decision, refusal, args) = await Features.Office.Decisions.DecisionProposing.ProposeAsync(db, store, notifier, designation,
                context.User.Actor(), context.User.Id(), ApiWrites.Now(context), decisionKind, g, reason, facts, context.RequestAborted);
            if (refusal is not null)
            {
                return ApiWrites.Invalid(context, new() { ["facts"] = [ApiProblems.Text(context, refusal, args)] });
            }
            var item = await DecisionItems(db.Decisions.AsNoTracking().Where(d => d.Id == decision!.Id)).SingleAsync(context.RequestAborted);
            ApiWrites.SetETag(context, item.Version);
            return TypedResults.Created($"/api/v1/decisions/{item.Id}", item);
        });
    }

    private static Task<IResult> ConfirmAsync(HttpContext context, GuoheDbContext db, Notifier notifier, StatisticsCache statistics, Guid id, DecisionBody? body) =>
        DecideAsync(context, db, notifier, statistics, id, body ?? new DecisionBody(null), confirm: true);

    private static Task<IResult> RejectAsync(HttpContext context, GuoheDbContext db, Notifier notifier, StatisticsCache statistics, Guid id, DecisionBody? body) =>
        DecideAsync(context, db, notifier, statistics, id, body, confirm: false);

    private static async Task<IResult> DecideAsync(HttpContext context, GuoheDbContext db, Notifier notifier, StatisticsCache statistics, Guid id, DecisionBody? body, bool confirm)
    {
        if (await Deciding.LoadAsync(db, id) is not { } target)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, target.Decision.Version, body, async _ =>
        {
            if (!await Deciding.DecideAsync(db, notifier, statistics, target, context.User.Actor(), ApiWrites.Now(context), confirm, body!.Opinion))
            {
                return ApiProblems.NotFound(context);
            }
            return await DecisionAsync(context, db, id);
        });
    }
}

public sealed record ExpertAssignmentItem(Guid VisitId, SiteVisitPurpose Purpose, string? Number, string OrganisationName, DateOnly Date, string Place, bool IsLeader, bool Filed);
