using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Institutions;
using Guohe.Web.Features.Office.Statistics;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Api;

/// <summary>A partner institution in the directory: its country, name and how many units named it.</summary>
public sealed record InstitutionItem(Guid Id, string CountryCode, string Country, string Name, int Units);

/// <summary>An announcement (公示) in a list; <c>Objections</c> and <c>Unhandled</c> only for the office.</summary>
public sealed record AnnouncementItem(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, AnnouncementPhase Phase, int? Objections, int? Unhandled);

/// <summary>How one objection was handled, as the public sees it after closing: its number, outcome and the office's text (no objector's data).</summary>
public sealed record HandledObjectionItem(int Number, ObjectionOutcome? Outcome, string? Handling);

/// <summary>
/// One announcement (公示). For the office also drafts, <c>Objections</c>/<c>Unhandled</c> and <c>Version</c> (its ETag); for everyone
/// else only a published or closed one, and <c>Outcomes</c> once closed, as the public page shows it.
/// </summary>
public sealed record AnnouncementDetailItem(
    Guid Id, string Title, string Body, DateOnly StartsOn, DateOnly EndsOn, AnnouncementStatus Status, AnnouncementPhase Phase,
    DateTime? PublishedAtUtc, DateTime? ClosedAtUtc, string? ClosingStatement, IReadOnlyList<HandledObjectionItem> Outcomes,
    int? Objections, int? Unhandled, int? Version);

/// <summary>An objection as the office reads it (personal data: the office only), numbered in filing order.</summary>
public sealed record ObjectionItem(
    Guid Id, int Number, string Name, string Contact, string Text, DateTime SubmittedAtUtc, bool HasFile,
    ObjectionOutcome? Outcome, string? Handling, string? HandledByName, DateTime? HandledAtUtc, int Version);

public sealed record HandlingBody(
    [property: Required(ErrorMessage = "请选择处理结果。")] ObjectionOutcome? Outcome,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(4000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "处理情况")] string? Handling);

public sealed record FigureItem(string Key, string Label, decimal Value);

/// <summary>A row: <c>Label</c> as stored (a country's code for the country tables), <c>Text</c> as the page shows it.</summary>
public sealed record StatRowItem(string Label, string Text, IReadOnlyList<decimal> Values, bool Marked);

public sealed record StatTableItem(string Key, string Title, string Note, string LabelHeader, IReadOnlyList<string> Columns, IReadOnlyList<StatRowItem> Rows);

public sealed record StatisticsItem(int? From, int? To, DateTime AsOfUtc, IReadOnlyList<FigureItem> Figures, IReadOnlyList<StatTableItem> Tables);

/// <summary>
/// The read endpoints of the office's directory and dashboard and of the announcements (docs/decisions/0008-rest-api.md):
/// the partner institution directory (Art. 9(2)–(3)) and the statistics (Art. 7(5)) for the office, as its pages show them;
/// the announcements (Art. 11(7)) for every signed-in role (the office's list with drafts and objection counts for the office)
/// and, anonymously and cacheable, as the public page /Announcements shows them.
/// </summary>
public static class ApiDirectory
{
    public static void MapGuoheDirectory(this RouteGroupBuilder v1)
    {
        var read = v1.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        read.MapGet("/institutions", InstitutionsAsync).ForRoles(Role.Office).WithName("ListInstitutions").WithTags("合作机构 Institutions")
            .WithSummary("合作机构名录").WithDescription("国外合作机构名录（《办法》第九条第（二）、（三）项），与网页“合作机构”相同：不含已合并的条目，按填报单位数从多到少。search 按名称或别名，country 为两位国别代码。仅办公室。")
            .Produces<ApiPage<InstitutionItem>>().ProducesValidationProblem();
        read.MapGet("/announcements", AnnouncementsAsync).WithName("ListAnnouncements").WithTags("公示 Announcements")
            .WithSummary("公示列表").WithDescription("办公室看到全部公示（含草稿）及异议数和待处理异议数，与网页“公示管理”相同；其他角色看到已发布的公示，与公开网页“公示”相同（《办法》第十一条第（七）项）。")
            .Produces<ApiPage<AnnouncementItem>>().ProducesValidationProblem();
        read.MapGet("/statistics", StatisticsAsync).ForRoles(Role.Office).WithName("GetStatistics").WithTags("统计 Statistics")
            .WithSummary("统计分析").WithDescription("与网页“统计分析”相同的关键数字和各统计表（《办法》第七条第（五）项），含导出文件中的全部行；from、to 为年度（2000–2100），缺省为全部年度。数字最多缓存60秒，确认决定后立即重新统计。仅办公室。")
            .Produces<StatisticsItem>().ProducesValidationProblem();

        read.MapGet("/announcements/{id:guid}", AnnouncementAsync).WithName("GetAnnouncement").WithTags("公示 Announcements")
            .WithSummary("单项公示").WithDescription("办公室看到任一公示（含草稿）、异议数、待处理异议数，响应头 ETag 为公示的版本号，与网页“公示管理”相同；其他角色只看到已发布或已办结的公示，办结后含各件异议的处理结果（不含异议人信息），与公开网页相同（《办法》第十一条第（七）项）。")
            .Produces<AnnouncementDetailItem>().ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/announcements/{id:guid}/objections", ObjectionsAsync).ForRoles(Role.Office).WithName("ListObjections").WithTags("公示 Announcements")
            .WithSummary("办公室：公示的异议").WithDescription("按提交时间排序、编号的异议，含异议人姓名、联系方式和内容（个人信息，仅办公室），及处理结果、处理人和时间；分页 page、size。每件的 version 为记录处理时 If-Match 的值。异议只能在公开网页提交（须回答验算问题防止滥用），接口不提供提交。")
            .Produces<ApiPage<ObjectionItem>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapPost("/announcements/{id:guid}/objections/{objectionId:guid}/handling", HandleAsync).RequireAuthorization(ApiPolicies.Office).ForRoles(Role.Office)
            .WithName("HandleObjection").WithTags("公示 Announcements")
            .WithSummary("办公室：记录异议处理情况").WithDescription("记录或更正一件异议的处理情况（《办法》第十一条第（七）项）：outcome 为 Upheld（成立）、PartlyUpheld（部分成立）或 NotUpheld（不成立），handling 为处理情况（办结后公开，不含异议人信息）；处理人和时间自动记录，与网页“公示管理”相同。公示办结后返回409。须带 If-Match（该异议的 version）。")
            .Accepts<HandlingBody>("application/json").Produces<ObjectionItem>().WithWriteErrors()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);

        v1.MapGet("/public/announcements/{id:guid}", PublicAnnouncementAsync).AllowAnonymous().WithName("GetPublicAnnouncement").WithTags("公开 Public")
            .WithSummary("单项公示（公开）").WithDescription("无需令牌。与公开网页 /Announcements/{id} 相同：已发布或已办结的公示全文和公示期，办结后各件异议的处理结果和办公室的说明，不含异议人的姓名、联系方式或异议内容。异议只能在该网页提交（须回答验算问题），接口不提供。带 Cache-Control 和 ETag；If-None-Match 相同时返回304。")
            .Produces<AnnouncementDetailItem>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces(StatusCodes.Status304NotModified);
        v1.MapGet("/public/announcements", PublicAnnouncementsAsync).AllowAnonymous().WithName("ListPublicAnnouncements").WithTags("公开 Public")
            .WithSummary("公示列表（公开）").WithDescription("无需令牌。与公开网页 /Announcements 相同的公示（《办法》第十一条第（七）项），按公示期从新到旧。带 Cache-Control 和 ETag；If-None-Match 相同时返回304。")
            .Produces<ApiPage<AnnouncementItem>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces(StatusCodes.Status304NotModified);
    }

    private static async Task<Results<Ok<ApiPage<InstitutionItem>>, ValidationProblem>> InstitutionsAsync(
        HttpContext context, GuoheDbContext db, string? search, string? country, string? page, string? size)
    {
        var list = new ApiListQuery(context).Read(page, size, null, "-units");
        if (!string.IsNullOrWhiteSpace(country) && !Countries.IsKnown(country.Trim()))
        {
            list.Error("country", "请从列表中选择国家。");
        }
        if (list.HasErrors)
        {
            return list.Problem();
        }
        // The directory is read whole, as the page does (partner rows are a JSON column; hundreds of units).
        var rows = Features.Office.Institutions.IndexModel.Rows(await PartnerNetwork.ReadAsync(db), search, country?.Trim());
        var items = rows.Skip((list.Page - 1) * list.Size).Take(list.Size)
            .Select(r => new InstitutionItem(r.Institution.Id, r.Institution.CountryCode, Countries.Name(r.Institution.CountryCode), r.Institution.Name, r.Units))
            .ToList();
        return TypedResults.Ok(new ApiPage<InstitutionItem>(items, list.Page, list.Size, rows.Count, Math.Max(1, (rows.Count + list.Size - 1) / list.Size)));
    }

    private static async Task<Results<Ok<ApiPage<AnnouncementItem>>, ValidationProblem>> AnnouncementsAsync(
        HttpContext context, GuoheDbContext db, string? page, string? size)
    {
        var list = new ApiListQuery(context).Read(page, size, null, "-period");
        if (list.HasErrors)
        {
            return list.Problem();
        }
        if (context.User.Role() != Role.Office)
        {
            return TypedResults.Ok(await PublishedAsync(context, db, list));
        }
        var now = ApiWrites.Now(context);
        var rows = await list.ReadAsync(Features.Office.Announcements.IndexModel.Query(db));
        return TypedResults.Ok(new ApiPage<AnnouncementItem>(
            [.. rows.Items.Select(a => new AnnouncementItem(a.Id, a.Title, a.StartsOn, a.EndsOn, Announcement.Phase(a.Status, a.StartsOn, a.EndsOn, now), a.Objections, a.Unhandled))],
            rows.Page, rows.Size, rows.Total, rows.Pages));
    }

    private static async Task<ApiPage<AnnouncementItem>> PublishedAsync(HttpContext context, GuoheDbContext db, ApiListQuery list)
    {
        var now = ApiWrites.Now(context);
        var rows = await list.ReadAsync(Features.Announcements.IndexModel.Published(db));
        return new ApiPage<AnnouncementItem>(
            [.. rows.Items.Select(a => new AnnouncementItem(a.Id, a.Title, a.StartsOn, a.EndsOn, Announcement.Phase(a.Status, a.StartsOn, a.EndsOn, now), null, null))],
            rows.Page, rows.Size, rows.Total, rows.Pages);
    }

    private static async Task<Results<Ok<ApiPage<AnnouncementItem>>, ValidationProblem, StatusCodeHttpResult>> PublicAnnouncementsAsync(
        HttpContext context, GuoheDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, string? page, string? size)
    {
        var list = new ApiListQuery(context).Read(page, size, null, "-period");
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var body = await PublishedAsync(context, db, list);
        return ApiEndpoints.NotModified(context, body, json.Value.SerializerOptions)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(body);
    }

    /// <summary>The announcement as the user's page shows it: the office's page for the office, the public page for everyone else.</summary>
    private static async Task<AnnouncementDetailItem?> DetailAsync(HttpContext context, GuoheDbContext db, Guid id, bool office)
    {
        var now = ApiWrites.Now(context);
        if (office)
        {
            if (await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted) is not { } all)
            {
                return null;
            }
            var counts = await db.Objections.Where(o => o.AnnouncementId == id).GroupBy(o => 1)
                .Select(g => new { Total = g.Count(), Unhandled = g.Count(o => o.Outcome == null) }).SingleOrDefaultAsync(context.RequestAborted);
            return Detail(all, now, [], counts?.Total ?? 0, counts?.Unhandled ?? 0, all.Version);
        }
        if (await Features.Announcements.DetailModel.PublishedAsync(db, id, context.RequestAborted) is not { } announcement)
        {
            return null;
        }
        var outcomes = await Features.Announcements.DetailModel.OutcomesAsync(db, announcement, now, context.RequestAborted);
        return Detail(announcement, now, [.. outcomes.Select(o => new HandledObjectionItem(o.Number, o.Outcome, o.Handling))], null, null, null);
    }

    private static AnnouncementDetailItem Detail(Announcement a, DateTime now, IReadOnlyList<HandledObjectionItem> outcomes, int? objections, int? unhandled, int? version) =>
        new(a.Id, a.Title, a.Body, a.StartsOn, a.EndsOn, a.Status, a.PhaseAt(now), a.PublishedAtUtc, a.ClosedAtUtc, a.ClosingStatement, outcomes, objections, unhandled, version);

    private static async Task<IResult> AnnouncementAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        var office = context.User.Role() == Role.Office;
        if (await DetailAsync(context, db, id, office) is not { } item)
        {
            return ApiProblems.NotFound(context);
        }
        if (item.Version is { } version)
        {
            ApiWrites.SetETag(context, version);
        }
        return TypedResults.Ok(item);
    }

    private static async Task<IResult> PublicAnnouncementAsync(HttpContext context, GuoheDbContext db, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, Guid id)
    {
        if (await DetailAsync(context, db, id, office: false) is not { } item)
        {
            return ApiProblems.NotFound(context);
        }
        return ApiEndpoints.NotModified(context, item, json.Value.SerializerOptions)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(item);
    }

    private static IQueryable<ObjectionItem> ObjectionItems(GuoheDbContext db, IQueryable<Objection> objections, int first) =>
        objections.Select(o => new ObjectionItem(o.Id, first, o.Name, o.Contact, o.Text, o.SubmittedAtUtc,
            db.StoredFiles.Any(f => f.OwnerId == o.Id && f.Kind == Files.DocumentKind.ObjectionAttachment && f.DeletedAtUtc == null),
            o.Outcome, o.Handling, o.HandledByName, o.HandledAtUtc, o.Version));

    private static async Task<IResult> ObjectionsAsync(HttpContext context, GuoheDbContext db, Guid id, string? page, string? size)
    {
        var list = new ApiListQuery(context).Read(page, size, null, "submitted");
        if (list.HasErrors)
        {
            return list.Problem();
        }
        if (!await db.Announcements.AnyAsync(a => a.Id == id, context.RequestAborted))
        {
            return ApiProblems.NotFound(context);
        }
        var rows = await list.ReadAsync(ObjectionItems(db, Features.Office.Announcements.DetailModel.ObjectionsOf(db, id).AsNoTracking(), 0));
        var first = (rows.Page - 1) * rows.Size + 1;
        return TypedResults.Ok(rows with { Items = [.. rows.Items.Select((o, i) => o with { Number = first + i })] });
    }

    private static async Task<IResult> HandleAsync(HttpContext context, GuoheDbContext db, Guid id, Guid objectionId, HandlingBody? body)
    {
        if (await Features.Office.Announcements.DetailModel.ObjectionAsync(db, id, objectionId) is not var (announcement, objection))
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, objection.Version, body, async b =>
        {
            await Features.Office.Announcements.DetailModel.HandleAsync(db, announcement, objection, context.User.Actor(), ApiWrites.Now(context), b.Outcome, b.Handling);
            // Its number in filing order (two objections in the same tick are not told apart here; the list orders them by id).
            var number = 1 + await db.Objections.CountAsync(o => o.AnnouncementId == id && o.SubmittedAtUtc < objection.SubmittedAtUtc, context.RequestAborted);
            var item = await ObjectionItems(db, db.Objections.AsNoTracking().Where(o => o.Id == objectionId), number).SingleAsync(context.RequestAborted);
            ApiWrites.SetETag(context, item.Version);
            return TypedResults.Ok(item);
        });
    }

    private static async Task<Results<Ok<StatisticsItem>, ValidationProblem>> StatisticsAsync(
        HttpContext context, GuoheDbContext db, StatisticsCache statistics, IStringLocalizer<SharedResource> l, string? from, string? to)
    {
        var list = new ApiListQuery(context);
        var low = list.Number("from", from, 2000, 2100);
        var high = list.Number("to", to, 2000, 2100);
        if (list.HasErrors)
        {
            return list.Problem();
        }
        var data = await statistics.GetAsync(db, Period.Of(low, high), context.RequestAborted);
        return TypedResults.Ok(new StatisticsItem(data.Period.From, data.Period.To, data.AsOfUtc,
            [.. data.Figures.Select(f => new FigureItem(f.Key, l[f.Label].Value, f.Value))],
            [.. data.Tables.Select(t => new StatTableItem(t.Key, l[t.Title].Value, l[t.Note].Value, l[t.LabelHeader].Value,
                [.. t.Columns.Select(c => l[c].Value)],
                [.. t.Rows.Select(r => new StatRowItem(r.Label, StatText.Label(t, r, l), r.Values, r.Marked))]))]));
    }
}
