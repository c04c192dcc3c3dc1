using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Features.Applicant.Obligations;
using Guohe.Web.Features.Office.Obligations;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Api;

public sealed record ObligationReviewBody(
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "审核意见")] string? Opinion,
    ReviewConclusion? Conclusion);

public sealed record ExtensionBody(
    [property: Required(ErrorMessage = "请填写{0}。"), Display(Name = "新的截止日期")] DateOnly? NewDueDate,
    [property: Required(ErrorMessage = "请填写{0}。"), StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。"), Display(Name = "延期理由")] string? Reason);

/// <summary>
/// Forms 2–4 through /api/v1 (Art. 12(1), 12(3), 13(1), 14): a unit (scope <c>file</c>) reads and replaces its obligation's form,
/// uploads the document and files it; the office (scope <c>office</c>) reviews it or extends the due date (Art. 12(1), 12(3),
/// 12(4), 13(2)). Every endpoint calls the code the page calls (<see cref="ObligationFiling"/>, <see cref="ObligationReviewing"/>);
/// a change needs <c>If-Match</c> with the obligation's ETag.
/// </summary>
public static class ApiObligations
{
    public static void MapGuoheObligations(this RouteGroupBuilder v1)
    {
        const string tag = "年度材料 Obligations";
        v1.MapGet("/obligations/{id:guid}/form", FormAsync).RequireAuthorization(ApiPolicies.Read).WithName("GetObligationForm").WithTags(tag)
            .WithSummary("读取年度材料的表（附件2–4）").WithDescription("年度工作计划表、年度工作总结表或建设工作总结表的内容：制表人、正文、主要成果、合作机构和带类别（《办法》第九条）与重点领域（第十五条）的事项。可见范围同“单项年度材料”（与网页下载的表相同）。响应头 ETag 为材料的版本号，修改时放在 If-Match 中。")
            .Produces<ObligationInput>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var file = v1.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.File).ForRoles(Role.Applicant)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        file.MapPut("/obligations/{id:guid}/form", SaveAsync).WithName("SaveObligationForm").WithTags(tag)
            .WithSummary("保存年度材料草稿").WithDescription("以请求内容替换本单位待提交的计划或总结（草稿可不完整）。每个事项须选建设内容类别（items[i].category），国别须为列表中的两位代码；空行按错误处理；各类行最多100行。格式错误逐项返回400（errors 以字段路径为键，如 preparer.mobile、partners[0].countryCode），此时不保存任何内容。须带 If-Match（缺少返回428，版本不符返回412）；已提交的返回409。请求中的 version 字段不使用。")
            .Accepts<ObligationInput>("application/json").Produces<ObligationInput>().WithWriteErrors();
        file.MapPut("/obligations/{id:guid}/documents/{kind}", UploadAsync).WithName("UploadObligationDocument").WithTags(tag)
            .WithSummary("上传计划或总结文档").WithDescription("multipart/form-data，字段 file；kind 只能是 ObligationDocument。只接受 PDF 或 DOCX，检查与网页相同；新文件替换旧文件（旧文件留作记录）。有文档时正文可不填。只能上传到待提交的材料；不改变版本号，无需 If-Match。")
            .Accepts<IFormFile>("multipart/form-data").Produces<UploadedFile>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).DisableAntiforgery();
        file.MapPost("/obligations/{id:guid}/file", FileAsync).WithName("FileObligation").WithTags(tag)
            .WithSummary("提交年度材料").WithDescription("提交已保存的计划或总结（逾期可提交，标为逾期）。缺项逐项返回400（errors 以字段路径为键）；建设工作总结在试点期届满前提交返回409（《办法》第十三条第（一）项），提交后进入验收评估。合作机构随即记入合作机构名录。须带 If-Match。")
            .Produces<ObligationItem>().WithWriteErrors();

        var office = v1.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Office).ForRoles(Role.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        office.MapPost("/obligations/{id:guid}/review", ReviewAsync).WithName("ReviewObligation").WithTags(tag)
            .WithSummary("办公室：审核计划或总结").WithDescription("对已提交的计划或总结出具书面审核意见（《办法》第十二条第（一）、（三）项，第十三条第（二）项）；年度工作总结须给出年度复核结论 conclusion：Pass（通过）或 PlanNotExecuted（工作计划未执行，第十二条第（四）项）。与网页“审核”相同，单位将收到通知。未提交或已审核的返回409。须带 If-Match。")
            .Accepts<ObligationReviewBody>("application/json").Produces<ObligationItem>().WithWriteErrors();
        office.MapPost("/obligations/{id:guid}/extension", ExtendAsync).WithName("ExtendObligation").WithTags(tag)
            .WithSummary("办公室：延长提交期限").WithDescription("为待提交的材料给出更晚的截止日期和理由；新日期须晚于当前截止日期。单位将收到通知。须带 If-Match。")
            .Accepts<ExtensionBody>("application/json").Produces<ObligationItem>().WithWriteErrors();
    }

    private static async Task<IResult> ItemAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        var item = await ApiEndpoints.ObligationItems(db.Obligations.AsNoTracking().Where(o => o.Id == id)).SingleAsync(context.RequestAborted);
        ApiWrites.SetETag(context, item.Version);
        return TypedResults.Ok(item);
    }

    private static async Task<IResult> FormAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        var visible = await ApplicationAccess.ObligationsAsync(db, context.User, context.RequestAborted);
        if (await visible.SingleOrDefaultAsync(o => o.Id == id, context.RequestAborted) is not { } obligation)
        {
            return ApiProblems.NotFound(context);
        }
        ApiWrites.SetETag(context, obligation.Version);
        return TypedResults.Ok(ObligationInput.From(obligation));
    }

    /// <summary>The unit's own form, still a draft and at the version the caller read — or why not (404, 428/412, 409).</summary>
    private static async Task<(Obligation Obligation, IResult? Refused)> EditableAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        if (await ObligationFiling.Own(db, context.User.Organisation()).SingleOrDefaultAsync(o => o.Id == id, context.RequestAborted) is not { } obligation)
        {
            return (null!, ApiProblems.NotFound(context));
        }
        return (obligation, ApiWrites.IfMatch(context, obligation.Version)
            ?? (ObligationFiling.Editable(obligation) ? null : ApiProblems.Problem(context, StatusCodes.Status409Conflict, "该表已提交，不能再修改。")));
    }

    private static async Task<IResult> SaveAsync(HttpContext context, GuoheDbContext db, Guid id, ObligationInput? body)
    {
        var (obligation, refused) = await EditableAsync(context, db, id);
        if (refused is not null)
        {
            return refused;
        }
        if (body is null)
        {
            return ApiProblems.Problem(context, StatusCodes.Status400BadRequest, "请求格式不正确：请检查参数和请求内容。");
        }
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        ApiWrites.Validate(context, body, errors);
        foreach (var (field, count) in new[] { ("items", body.Items.Count), ("partners", body.Partners.Count) })
        {
            if (count > ObligationInput.MaxRows)
            {
                ApiWrites.Add(errors, field, ApiProblems.Text(context, "最多{0}行。", ObligationInput.MaxRows));
            }
        }
        for (var i = 0; i < body.Partners.Count; i++)
        {
            if (body.Partners[i].IsBlank)
            {
                ApiWrites.Add(errors, $"partners[{i}]", ApiProblems.Text(context, "空行：请删去或填写。"));
            }
        }
        ObligationFiling.Validate(body, obligation.Kind, (field, zh, args) => ApiWrites.Add(errors, ApiWrites.JsonPath(field),
            ApiProblems.Text(context, zh, [.. args.Select(a => a is string key ? ApiProblems.Text(context, key) : a)])));
        if (errors.Count > 0)
        {
            return ApiWrites.Invalid(context, errors); // nothing stored: the request is refused whole
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            obligation.SaveDraft(context.User.Actor(), ApiWrites.Now(context), body.ToForm());
            await db.SaveChangesAsync(context.RequestAborted);
            ApiWrites.SetETag(context, obligation.Version);
            return TypedResults.Ok(ObligationInput.From(obligation));
        });
    }

    private static async Task<IResult> UploadAsync(HttpContext context, GuoheDbContext db, FileStore store, Guid id, string kind, IFormFile? file)
    {
        if (await ObligationFiling.Own(db, context.User.Organisation()).AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.RequestAborted) is not { } obligation)
        {
            return ApiProblems.NotFound(context);
        }
        if (!string.Equals(kind, nameof(DocumentKind.ObligationDocument), StringComparison.OrdinalIgnoreCase))
        {
            return ApiWrites.Invalid(context, new() { ["kind"] = [ApiProblems.Text(context, "“{0}”的值无效，可选：{1}。", "kind", nameof(DocumentKind.ObligationDocument))] });
        }
        if (!ObligationFiling.Editable(obligation))
        {
            return ApiProblems.Problem(context, StatusCodes.Status409Conflict, "该表已提交，不能再修改。");
        }
        var (stored, refusal, args) = await ObligationFiling.UploadAsync(store, obligation, file, context.User.Id(), context.RequestAborted);
        if (refusal is not null)
        {
            return ApiWrites.Invalid(context, new() { ["file"] = [ApiProblems.Text(context, refusal, args)] });
        }
        return TypedResults.Ok(new UploadedFile(stored!.Id, stored.Kind, stored.OriginalName, stored.Size, stored.UploadedAtUtc));
    }

    private static async Task<IResult> FileAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id)
    {
        var (obligation, refused) = await EditableAsync(context, db, id);
        if (refused is not null)
        {
            return refused;
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            var form = ObligationInput.From(obligation).ToForm(); // the stored draft
            var problems = await ObligationFiling.FileAsync(db, notifier, obligation, context.User.Actor(), ApiWrites.Now(context), form, context.RequestAborted);
            return problems.Count > 0 ? ApiWrites.Refused(context, problems) : await ItemAsync(context, db, id);
        });
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, ObligationReviewBody? body)
    {
        if (await db.Obligations.SingleOrDefaultAsync(o => o.Id == id, context.RequestAborted) is not { } obligation)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, obligation.Version, body, async _ =>
        {
            await ObligationReviewing.ReviewAsync(db, notifier, obligation, context.User.Actor(), ApiWrites.Now(context), body!.Opinion, body.Conclusion, context.RequestAborted);
            return await ItemAsync(context, db, id);
        });
    }

    private static async Task<IResult> ExtendAsync(HttpContext context, GuoheDbContext db, Notifier notifier, Guid id, ExtensionBody? body)
    {
        if (await db.Obligations.SingleOrDefaultAsync(o => o.Id == id, context.RequestAborted) is not { } obligation)
        {
            return ApiProblems.NotFound(context);
        }
        return await ApiWrites.ChangeAsync(context, obligation.Version, body, async _ =>
        {
            await ObligationReviewing.ExtendAsync(db, notifier, obligation, context.User.Actor(), ApiWrites.Now(context), body!.NewDueDate, body.Reason, context.RequestAborted);
            return await ItemAsync(context, db, id);
        });
    }
}
