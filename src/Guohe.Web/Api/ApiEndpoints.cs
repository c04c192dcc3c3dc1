using System.Security.Cryptography;
using System.Text.Json;
using Guohe.Domain.Applications;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Features.Office;
using Guohe.Web.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Api;

public sealed record ApplicationItem(
    Guid Id, string? Number, Guid OrganisationId, string OrganisationName, string BatchName, ApplicationStatus Status, ApplicationRoute Route,
    DateTime CreatedAtUtc, DateTime? SubmittedAtUtc, int Version);

public sealed record DesignationItem(
    Guid Id, Guid OrganisationId, string OrganisationName, DesignationStatus Status, DateOnly RecognitionDate, DateOnly TermEndsOn,
    DateOnly? BaseGrantedOn, DateOnly? EndedOn);

public sealed record ObligationItem(
    Guid Id, Guid DesignationId, ObligationKind Kind, int Year, DateOnly DueDate, ObligationStatus Status, DateTime? FiledAtUtc,
    ReviewConclusion? ReviewConclusion, int Version);

/// <summary>A designated unit as the public list /Units shows it; <c>Stage</c> is <c>pilot</c> or <c>base</c>.</summary>
public sealed record PublicUnit(string Name, string Province, UnitType? Type, UnitLevel? Level, IReadOnlyList<KeyFields> KeyFields, string Stage, DateOnly RecognitionDate);

/// <summary>
/// /api/v1 (docs/decisions/0008-rest-api.md): minimal APIs with typed results. Every list and item is read through the same
/// scoping as the pages (<see cref="ApplicationAccess"/>), so a token never shows more than its user's pages.
/// </summary>
public static class ApiEndpoints
{
    public const string RateLimit = "api";

    public static void MapGuoheApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireRateLimiting(RateLimit);
        var read = v1.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        read.MapGet("/organisations", Organisations).WithName("ListOrganisations").WithTags("单位 Organisations")
            .WithSummary("单位列表").WithDescription("办公室看到全部注册单位，申请单位只看到本单位，其他角色为空（与网页“单位”一致）。可按名称或统一社会信用代码搜索（search），排序 name、-registered、registered。")
            .ProducesValidationProblem();
        read.MapGet("/organisations/{id:guid}", Organisation).WithName("GetOrganisation").WithTags("单位 Organisations")
            .WithSummary("单个单位").WithDescription("与列表相同的可见范围；看不到的单位返回404。").ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/applications", Applications).WithName("ListApplications").WithTags("申请 Applications")
            .WithSummary("申请列表").WithDescription("可见范围同网页：办公室、两协会、审计员看到全部已提交的申请；申请单位看到本单位的申请（含草稿）；推荐单位看到推荐给它的申请；专家只看到已声明无利益冲突的实地调研对象。筛选 status、search（单位名称或编号）；排序 submitted、-submitted、name、number。")
            .ProducesValidationProblem();
        read.MapGet("/applications/{id:guid}", Application).WithName("GetApplication").WithTags("申请 Applications")
            .WithSummary("单个申请").WithDescription("与列表相同的可见范围；看不到的申请返回404。响应头 ETag 为申请的版本号。").ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/designations", Designations).WithName("ListDesignations").WithTags("资格 Designations")
            .WithSummary("资格列表（试点单位和基地）").WithDescription("办公室、两协会、审计员看到全部资格；申请单位看到本单位的资格；专家只看到已声明无利益冲突的验收评估对象。筛选 status、year（认定年份）；排序 -recognised、recognised、name。")
            .ProducesValidationProblem();
        read.MapGet("/designations/{id:guid}", Designation).WithName("GetDesignation").WithTags("资格 Designations")
            .WithSummary("单个资格").WithDescription("与列表相同的可见范围；看不到的资格返回404。").ProducesProblem(StatusCodes.Status404NotFound);

        read.MapGet("/obligations", Obligations).WithName("ListObligations").WithTags("年度材料 Obligations")
            .WithSummary("年度材料列表（计划、总结、建设工作总结）").WithDescription("可见范围为可见资格的年度材料（《办法》第十二条至第十四条）。筛选 designationId、kind、status、year；排序 due、-due、-year、year。")
            .ProducesValidationProblem();
        read.MapGet("/obligations/{id:guid}", Obligation).WithName("GetObligation").WithTags("年度材料 Obligations")
            .WithSummary("单项年度材料").WithDescription("与列表相同的可见范围；看不到的材料返回404。响应头 ETag 为材料的版本号。").ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGuoheFiling();
        v1.MapGuoheLifecycle();
        v1.MapGuoheObligations();
        v1.MapGuoheDirectory();
        v1.MapGuoheAcceptance();
        v1.MapGuoheGrading();

        v1.MapGet("/public/units", PublicUnits).AllowAnonymous().WithName("ListPublicUnits").WithTags("公开 Public")
            .WithSummary("试点单位和国合孵化基地名单（公开）").WithDescription("无需令牌。与公开网页 /Units 相同的单位和字段（《办法》第十一条第（七）项），不含个人信息。筛选 search、stage（pilot、base）、province；按认定日期从新到旧。带 Cache-Control 和 ETag；If-None-Match 相同时返回304。")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).Produces(StatusCodes.Status304NotModified);
    }

    private static async Task<Results<Ok<ApiPage<OrganisationsModel.Row>>, ValidationProblem>> Organisations(
        HttpContext context, GuoheDbContext db, string? search, string? page, string? size, string? sort)
    {
        var list = new ApiListQuery(context).Read(page, size, sort, "name", "-registered", "registered");
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var query = OrganisationsModel.Searched(ApplicationAccess.Organisations(db, context.User), search);
        query = list.Sort switch
        {
            "-registered" => query.OrderByDescending(o => o.RegisteredAtUtc).ThenBy(o => o.Id),
            "registered" => query.OrderBy(o => o.RegisteredAtUtc).ThenBy(o => o.Id),
            _ => query.OrderBy(o => o.Name).ThenBy(o => o.Id),
        };
        return TypedResults.Ok(await list.ReadAsync(OrganisationsModel.Rows(query)));
    }

    private static async Task<Results<Ok<OrganisationsModel.Row>, ProblemHttpResult>> Organisation(HttpContext context, GuoheDbContext db, Guid id) =>
        await OrganisationsModel.Rows(ApplicationAccess.Organisations(db, context.User).Where(o => o.Id == id)).SingleOrDefaultAsync(context.RequestAborted) is { } row
            ? TypedResults.Ok(row)
            : ApiProblems.NotFound(context);

    internal static IQueryable<ApplicationItem> ApplicationItems(GuoheDbContext db, IQueryable<Application> applications) =>
        from a in applications
        join b in db.Batches.AsNoTracking() on a.BatchId equals b.Id
        select new ApplicationItem(a.Id, a.Number, a.OrganisationId, a.OrganisationName, b.Name, a.Status, a.Route, a.CreatedAtUtc, a.SubmittedAtUtc, a.Version);

    private static async Task<Results<Ok<ApiPage<ApplicationItem>>, ValidationProblem>> Applications(
        HttpContext context, GuoheDbContext db, string? status, string? search, string? page, string? size, string? sort)
    {
        var list = new ApiListQuery(context).Read(page, size, sort, "submitted", "-submitted", "name", "number");
        var state = list.Enum<ApplicationStatus>("status", status);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var query = await ApplicationAccess.ListedApplicationsAsync(db, context.User, cancellationToken: context.RequestAborted);
        if (state is { } s)
        {
            query = query.Where(a => a.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim(); // as the office's queue searches
            query = query.Where(a => a.OrganisationName.Contains(text) || (a.Number != null && a.Number.Contains(text)));
        }
        query = list.Sort switch
        {
            "-submitted" => query.OrderByDescending(a => a.SubmittedAtUtc).ThenByDescending(a => a.CreatedAtUtc).ThenBy(a => a.Id),
            "name" => query.OrderBy(a => a.OrganisationName).ThenBy(a => a.Id),
            "number" => query.OrderBy(a => a.Number).ThenBy(a => a.Id),
            _ => query.OrderBy(a => a.SubmittedAtUtc).ThenBy(a => a.CreatedAtUtc).ThenBy(a => a.Id),
        };
        return TypedResults.Ok(await list.ReadAsync(ApplicationItems(db, query)));
    }

    private static async Task<Results<Ok<ApplicationItem>, ProblemHttpResult>> Application(HttpContext context, GuoheDbContext db, Guid id)
    {
        var visible = await ApplicationAccess.ListedApplicationsAsync(db, context.User, id, context.RequestAborted);
        if (await ApplicationItems(db, visible.Where(a => a.Id == id)).SingleOrDefaultAsync(context.RequestAborted) is not { } item)
        {
            return ApiProblems.NotFound(context);
        }
        context.Response.Headers.ETag = $"\"{item.Version}\"";
        return TypedResults.Ok(item);
    }

    private static IQueryable<DesignationItem> DesignationItems(IQueryable<Designation> designations) =>
        designations.Select(d => new DesignationItem(d.Id, d.OrganisationId, d.OrganisationName, d.Status, d.RecognitionDate, d.TermEndsOn, d.BaseGrantedOn, d.EndedOn));

    private static async Task<Results<Ok<ApiPage<DesignationItem>>, ValidationProblem>> Designations(
        HttpContext context, GuoheDbContext db, string? status, string? year, string? page, string? size, string? sort)
    {
        var list = new ApiListQuery(context).Read(page, size, sort, "-recognised", "recognised", "name");
        var stage = list.Enum<DesignationStatus>("status", status);
        var recognised = list.Number("year", year, 2000, 2100);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var query = await ApplicationAccess.DesignationsAsync(db, context.User, cancellationToken: context.RequestAborted);
        if (stage is { } s)
        {
            query = query.Where(d => d.Status == s);
        }
        if (recognised is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y + 1, 1, 1);
            query = query.Where(d => d.RecognitionDate >= from && d.RecognitionDate < to);
        }
        query = list.Sort switch
        {
            "recognised" => query.OrderBy(d => d.RecognitionDate).ThenBy(d => d.OrganisationName).ThenBy(d => d.Id),
            "name" => query.OrderBy(d => d.OrganisationName).ThenBy(d => d.Id),
            _ => query.OrderByDescending(d => d.RecognitionDate).ThenBy(d => d.OrganisationName).ThenBy(d => d.Id),
        };
        return TypedResults.Ok(await list.ReadAsync(DesignationItems(query)));
    }

    private static async Task<Results<Ok<DesignationItem>, ProblemHttpResult>> Designation(HttpContext context, GuoheDbContext db, Guid id) =>
        await DesignationItems((await ApplicationAccess.DesignationsAsync(db, context.User, id, context.RequestAborted)).Where(d => d.Id == id))
            .SingleOrDefaultAsync(context.RequestAborted) is { } item
            ? TypedResults.Ok(item)
            : ApiProblems.NotFound(context);

    internal static IQueryable<ObligationItem> ObligationItems(IQueryable<Obligation> obligations) =>
        obligations.Select(o => new ObligationItem(o.Id, o.DesignationId, o.Kind, o.Year, o.DueDate, o.Status, o.FiledAtUtc, o.ReviewConclusion, o.Version));

    private static async Task<Results<Ok<ApiPage<ObligationItem>>, ValidationProblem>> Obligations(
        HttpContext context, GuoheDbContext db, string? designationId, string? kind, string? status, string? year, string? page, string? size, string? sort)
    {
        var list = new ApiListQuery(context).Read(page, size, sort, "due", "-due", "-year", "year");
        var designation = list.Id("designationId", designationId);
        var k = list.Enum<ObligationKind>("kind", kind);
        var s = list.Enum<ObligationStatus>("status", status);
        var y = list.Number("year", year, 2000, 2100);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var query = await ApplicationAccess.ObligationsAsync(db, context.User, context.RequestAborted);
        if (designation is { } d)
        {
            query = query.Where(o => o.DesignationId == d);
        }
        if (k is { } kk)
        {
            query = query.Where(o => o.Kind == kk);
        }
        if (s is { } ss)
        {
            query = query.Where(o => o.Status == ss);
        }
        if (y is { } yy)
        {
            query = query.Where(o => o.Year == yy);
        }
        query = list.Sort switch
        {
            "-due" => query.OrderByDescending(o => o.DueDate).ThenBy(o => o.Id),
            "-year" => query.OrderByDescending(o => o.Year).ThenByDescending(o => o.DueDate).ThenBy(o => o.Id),
            "year" => query.OrderBy(o => o.Year).ThenBy(o => o.DueDate).ThenBy(o => o.Id),
            _ => query.OrderBy(o => o.DueDate).ThenBy(o => o.Id),
        };
        return TypedResults.Ok(await list.ReadAsync(ObligationItems(query)));
    }

    private static async Task<Results<Ok<ObligationItem>, ProblemHttpResult>> Obligation(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await ObligationItems((await ApplicationAccess.ObligationsAsync(db, context.User, context.RequestAborted)).Where(o => o.Id == id))
            .SingleOrDefaultAsync(context.RequestAborted) is not { } item)
        {
            return ApiProblems.NotFound(context);
        }
        ApiWrites.SetETag(context, item.Version);
        return TypedResults.Ok(item);
    }

    private static async Task<Results<Ok<ApiPage<PublicUnit>>, ValidationProblem, StatusCodeHttpResult>> PublicUnits(
        HttpContext context, GuoheDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        string? search, string? stage, string? province, string? page, string? size)
    {
        var list = new ApiListQuery(context).Read(page, size, null, "-recognised");
        if (!string.IsNullOrEmpty(stage) && stage is not ("pilot" or "base"))
        {
            list.Error("stage", "“{0}”的值无效，可选：{1}。", "stage", "pilot, base");
        }
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var rows = await list.ReadAsync(Features.Units.PublicUnits.Filter(db, search, stage, province));
        var body = new ApiPage<PublicUnit>(
            [.. rows.Items.Select(r => new PublicUnit(r.Name, r.Province, r.Type, r.Level, [.. KeyFieldNames.Of(r.Fields).Select(f => f.Field)],
                r.IsBase ? "base" : "pilot", r.RecognitionDate))],
            rows.Page, rows.Size, rows.Total, rows.Pages);
        if (NotModified(context, body, json.Value.SerializerOptions))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(body);
    }

    /// <summary>
    /// The caching of a public list: <c>Cache-Control: public, max-age=300</c>, a strong ETag over the JSON it sends,
    /// <c>Vary: Accept-Language</c>; true when <c>If-None-Match</c> names that ETag (answer 304).
    /// </summary>
    internal static bool NotModified<T>(HttpContext context, T body, JsonSerializerOptions options)
    {
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, options)))[..32] + "\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers.Vary = "Accept-Language";
        return context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"));
    }
}
