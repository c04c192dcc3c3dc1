using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Institutions;
using Guohe.Web.Features.Office.Statistics;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Api;

/// <summary>A partner institution in the directory: its country, name and how many units named it.</summary>
public sealed record InstitutionItem(Guid Id, string CountryCode, string Country, string Name, int Units);

/// <summary>An announcement (公示) in a list; <c>Objections</c> and <c>Unhandled</c> only for the office.</summary>
public sealed record AnnouncementItem(Guid Id, string Title, DateOnly StartsOn, DateOnly EndsOn, AnnouncementPhase Phase, int? Objections, int? Unhandled);

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
