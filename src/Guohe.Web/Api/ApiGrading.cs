using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Designations;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;

namespace Guohe.Web.Api;

public sealed record GradeBody(
    [property: Required(ErrorMessage = "请填写{0}。"), Range(2000, 2100, ErrorMessage = "{0}必须在{1}和{2}之间。"), Display(Name = "考核年度")] int? Year,
    [property: Required(ErrorMessage = "请选择{0}。"), Display(Name = "考核结果")] Grade? Grade,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "考核意见")] string? Opinion);

public sealed record CommendationBody(
    [property: Required(ErrorMessage = "请填写{0}。"), Range(2000, 2100, ErrorMessage = "{0}必须在{1}和{2}之间。"), Display(Name = "考核年度")] int? Year,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "表彰内容")] string? Text);

public sealed record GradeItem(int Year, Grade Grade, string Opinion, DateTime RecordedAtUtc);

public sealed record CommendationItem(int Year, string Text, DateTime AtUtc);

/// <summary>
/// A designation's yearly grades and commendations (Art. 14) as the office's page 考核与表彰 shows them, newest year first;
/// <c>TwoConsecutiveFails</c>: the last two graded years are consecutive and both <c>Fail</c> (a candidate for a public notice or
/// revocation); <c>CanGrade</c>: the designation is a base. <c>Version</c> is the designation's (the ETag).
/// </summary>
public sealed record GradesItem(
    Guid DesignationId, string OrganisationName, DesignationStatus Status, DateOnly? BaseGrantedOn,
    IReadOnlyList<GradeItem> Grades, IReadOnlyList<CommendationItem> Commendations, bool TwoConsecutiveFails, bool CanGrade, int Version);

/// <summary>
/// 跟踪评价考核 and 表彰 through /api/v1 (Art. 14; scope <c>office</c>, office only, as the page <c>Office/Designations/Grade</c>),
/// through the page's own code (<see cref="DesignationGrading"/>). A change needs <c>If-Match</c> with the designation's ETag.
/// </summary>
public static class ApiGrading
{
    private const string Tag = "资格 Designations";

    public static void MapGuoheGrading(this RouteGroupBuilder v1)
    {
        var office = v1.MapGroup("/designations/{id:guid}").RequireAuthorization(ApiPolicies.Office).ForRoles(Role.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        office.MapGet("/grades", GetAsync).WithName("GetDesignationGrades").WithTags(Tag)
            .WithSummary("办公室：年度考核结果与表彰").WithDescription("资格的跟踪评价考核结果（优秀、合格、不合格）和表彰（《办法》第十四条），与网页“考核与表彰”相同，按年度从新到旧；twoConsecutiveFails 表示最近两个考核年度连续且均为不合格（可提出通报或取消基地资格）；canGrade 表示是国合孵化基地、可以录入。响应头 ETag 为资格的版本号，录入时放在 If-Match 中。")
            .Produces<GradesItem>().ProducesProblem(StatusCodes.Status404NotFound);
        office.MapPost("/grades", GradeAsync).WithName("RecordDesignationGrade").WithTags(Tag)
            .WithSummary("办公室：录入年度考核结果").WithDescription("为国合孵化基地录入一个年度的跟踪评价考核结果（《办法》第十四条）：year（不早于授予基地的年份、不晚于今年）、grade（Excellent 优秀、Pass 合格、Fail 不合格）和考核意见 opinion。每个年度只能录入一次；不是基地或年度已录入时返回409。单位将收到通知。须带 If-Match（资格的 ETag）；响应头 ETag 为资格的新版本号。")
            .Accepts<GradeBody>("application/json").Produces<GradesItem>().WithWriteErrors();
        office.MapPost("/commendations", CommendAsync).WithName("CommendDesignation").WithTags(Tag)
            .WithSummary("办公室：表彰优秀基地").WithDescription("录入对国合孵化基地的年度表彰（《办法》第十四条）：year 和表彰内容 text。不是基地时返回409。单位将收到通知。须带 If-Match（资格的 ETag）；响应头 ETag 为资格的新版本号。")
            .Accepts<CommendationBody>("application/json").Produces<GradesItem>().WithWriteErrors();
    }

    public static GradesItem Item(Designation d) => new(d.Id, d.OrganisationName, d.Status, d.BaseGrantedOn,
        [.. d.Grades.OrderByDescending(g => g.Year).Select(g => new GradeItem(g.Year, g.Grade, g.Opinion, g.RecordedAtUtc))],
        [.. d.Commendations.OrderByDescending(c => c.Year).ThenByDescending(c => c.AtUtc).Select(c => new CommendationItem(c.Year, c.Text, c.AtUtc))],
        d.HasTwoConsecutiveFails(), d.Status == DesignationStatus.Base, d.Version);

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<GradesItem> Answer(HttpContext context, Designation designation)
    {
        ApiWrites.SetETag(context, designation.Version);
        return TypedResults.Ok(Item(designation));
    }

    private static async Task<IResult> GetAsync(HttpContext context, GuoheDbContext db, Guid id) =>
        await DesignationGrading.LoadAsync(db, id, context.RequestAborted) is { } designation ? Answer(context, designation) : ApiProblems.NotFound(context);

    private static async Task<IResult> GradeAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, GradeBody? body)
    {
        if (await DesignationGrading.LoadAsync(db, id, context.RequestAborted) is not { } designation)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, designation.Version, body, async b =>
        {
            await DesignationGrading.RecordGradeAsync(db, notifier, designation, context.User.Actor(), ApiWrites.Now(context), b.Year!.Value, b.Grade!.Value, b.Opinion);
            return Answer(context, designation);
        });
    }

    private static async Task<IResult> CommendAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, CommendationBody? body)
    {
        if (await DesignationGrading.LoadAsync(db, id, context.RequestAborted) is not { } designation)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, designation.Version, body, async b =>
        {
            await DesignationGrading.CommendAsync(db, notifier, designation, context.User.Actor(), ApiWrites.Now(context), b.Year!.Value, b.Text);
            return Answer(context, designation);
        });
    }
}
