using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Features.Applicant;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Api;

/// <summary>The answer to an upload: the stored file.</summary>
public sealed record UploadedFile(Guid Id, DocumentKind Kind, string Name, long Size, DateTime UploadedAtUtc);

/// <summary>
/// What a unit files through /api/v1 (scope <c>file</c>, applicants only): start a Form 1 draft, read and replace it, upload
/// its filing documents, submit it (Art. 11(1)–(2)). Every endpoint calls the code the page calls
/// (<see cref="Form1Filing"/>, <see cref="ApplicationDocuments"/>); changes to the application need <c>If-Match</c>.
/// </summary>
public static class ApiFiling
{
    public static void MapGuoheFiling(this RouteGroupBuilder v1)
    {
        var file = v1.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.File).ForRoles(Role.Applicant)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        const string tag = "报送 Filing";

        file.MapPost("/applications", StartAsync).WithName("StartApplication").WithTags(tag)
            .WithSummary("新建申请草稿（申请表）").WithDescription("在当前开放的申报批次中为本单位新建申请草稿（《办法》第十一条第（二）项），与网页“开始填写申请表”相同。每个单位同时只能有一份未结束的申请：已有时返回409，detail 中给出其编号。没有开放批次或账号不属于任何单位时返回409，detail 说明原因。响应头 ETag 为版本号，Location 为申请地址。")
            .Produces<ApplicationItem>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        file.MapGet("/applications/{id:guid}/form", FormAsync).WithName("GetApplicationForm").WithTags(tag)
            .WithSummary("读取申请表（附件1）").WithDescription("申请表的全部栏目，字段与网页表单相同（JSON 字段名为驼峰式）。可见范围同“单个申请”；响应头 ETag 为申请的版本号，修改时放在 If-Match 中。")
            .Produces<Form1Input>().ProducesProblem(StatusCodes.Status404NotFound);
        file.MapPut("/applications/{id:guid}/form", SaveAsync).WithName("SaveApplicationForm").WithTags(tag)
            .WithSummary("保存申请表草稿").WithDescription("以请求内容替换申请表（草稿或退回修改的申请）。须带 If-Match（缺少返回428，版本不符返回412）。格式错误的字段逐项返回400（problem+json，errors 以字段路径为键，如 profile.website、mainPersons[0].mobile），此时不保存任何内容；完整性在提交时检查。请求中的 version 字段不使用。")
            .Accepts<Form1Input>("application/json").Produces<Form1Input>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        file.MapPut("/applications/{id:guid}/documents/{kind}", UploadAsync).WithName("UploadApplicationDocument").WithTags(tag)
            .WithSummary("上传申请附件").WithDescription("multipart/form-data，字段 file。kind 为 BusinessLicence（营业执照复印件）、LegalRepresentativeId（法人代表身份证复印件）、OrganisationIntroduction（组织机构简介）或 SignedFormScan（签字盖章的申请表扫描件）；同类新文件替换旧文件（旧文件留作记录）。只接受 PDF、JPEG、PNG、DOCX，检查与网页相同（内容与扩展名一致、无宏、无外部链接）。只能上传到草稿或退回修改的申请；附件不改变申请的版本号，无需 If-Match。")
            .Accepts<IFormFile>("multipart/form-data").Produces<UploadedFile>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).DisableAntiforgery();
        file.MapPost("/applications/{id:guid}/submit", SubmitAsync).WithName("SubmitApplication").WithTags(tag)
            .WithSummary("提交申请").WithDescription("提交申请表：自行申请的送交办公室，推荐申请的送交所选推荐单位（《办法》第十一条第（一）、（二）项）。提交前检查与网页相同，缺项逐项返回400（errors 以字段路径为键，非字段问题的键为空字符串），如禁止申请期内的单位。提交成功后申请表中的单位信息成为单位档案。须带 If-Match。")
            .Produces<ApplicationItem>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    /// <summary>The unit's own application (drafts included) — a unit never reaches another's.</summary>
    private static Task<Domain.Applications.Application?> OwnAsync(GuoheDbContext db, HttpContext context, Guid id)
    {
        var organisation = context.User.Organisation();
        return db.Applications.SingleOrDefaultAsync(a => a.Id == id && a.OrganisationId == organisation, context.RequestAborted);
    }

    private static async Task<IResult> ItemAsync(HttpContext context, GuoheDbContext db, Guid id, int status = StatusCodes.Status200OK)
    {
        var item = await ApiEndpoints.ApplicationItems(db, db.Applications.AsNoTracking().Where(a => a.Id == id)).SingleAsync(context.RequestAborted);
        ApiWrites.SetETag(context, item.Version);
        return status == StatusCodes.Status201Created
            ? TypedResults.Created($"/api/v1/applications/{id}", item)
            : TypedResults.Ok(item);
    }

    private static async Task<IResult> StartAsync(HttpContext context, GuoheDbContext db)
    {
        var organisation = context.User.Organisation();
        if (await Form1Filing.CurrentAsync(db, organisation) is { IsOpen: true } existing)
        {
            return ApiProblems.Problem(context, StatusCodes.Status409Conflict, "本单位已有未结束的申请（{0}），请继续填写该申请。", existing.Number ?? existing.Id.ToString());
        }
        var (application, created, refusal) = await Form1Filing.StartAsync(db, context.User.Actor(), organisation, ApiWrites.Now(context));
        if (application is null || !created)
        {
            return ApiProblems.Problem(context, StatusCodes.Status409Conflict, refusal ?? Form1Filing.NoOpenBatch); // created in between: the open one exists
        }
        return await ItemAsync(context, db, application.Id, StatusCodes.Status201Created);
    }

    private static async Task<IResult> FormAsync(HttpContext context, GuoheDbContext db, Guid id)
    {
        var visible = await ApplicationAccess.ListedApplicationsAsync(db, context.User, id, context.RequestAborted);
        if (await visible.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, context.RequestAborted) is not { } application)
        {
            return ApiProblems.NotFound(context);
        }
        ApiWrites.SetETag(context, application.Version);
        return TypedResults.Ok(Form1Input.From(application.Form(), application.Version));
    }

    /// <summary>The unit's own application, still editable and at the version the caller read — or why not (404, 428/412, 409).</summary>
    private static async Task<(Domain.Applications.Application Application, IResult? Refused)> EditableAsync(GuoheDbContext db, HttpContext context, Guid id)
    {
        if (await OwnAsync(db, context, id) is not { } application)
        {
            return (null!, ApiProblems.NotFound(context));
        }
        return (application, ApiWrites.IfMatch(context, application.Version)
            ?? (Form1Filing.Editable(application) ? null : ApiProblems.Problem(context, StatusCodes.Status409Conflict, "该申请已提交或已结束，不能再修改。")));
    }

    private static async Task<IResult> SaveAsync(HttpContext context, GuoheDbContext db, Guid id, Form1Input? body)
    {
        var (application, refused) = await EditableAsync(db, context, id);
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
        Form1Filing.Validate(body, await Form1Input.RecommendersAsync(db),
            (field, zh, args) => ApiWrites.Add(errors, ApiWrites.JsonPath(field), ApiProblems.Text(context, zh, args)));
        if (errors.Count > 0)
        {
            return ApiWrites.Invalid(context, errors); // nothing stored: the request is refused whole
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            if (Form1Filing.EditDraft(application, context.User.Actor(), ApiWrites.Now(context), body.ToForm()))
            {
                await db.SaveChangesAsync(context.RequestAborted);
            }
            ApiWrites.SetETag(context, application.Version);
            return TypedResults.Ok(Form1Input.From(application.Form(), application.Version));
        });
    }

    private static async Task<IResult> UploadAsync(HttpContext context, GuoheDbContext db, FileStore store, Guid id, string kind, IFormFile? file)
    {
        var organisation = context.User.Organisation();
        if (!await db.Applications.AnyAsync(a => a.Id == id && a.OrganisationId == organisation, context.RequestAborted))
        {
            return ApiProblems.NotFound(context);
        }
        if (!Enum.TryParse<DocumentKind>(kind, ignoreCase: true, out var documentKind) || !DocumentKinds.OfApplication.Contains(documentKind) || int.TryParse(kind, out _))
        {
            return ApiWrites.Invalid(context, new() { ["kind"] = [ApiProblems.Text(context, "“{0}”的值无效，可选：{1}。", "kind", string.Join(", ", DocumentKinds.OfApplication))] });
        }
        if (await ApplicationDocuments.EditableApplicationIdAsync(db, organisation) != id)
        {
            return ApiProblems.Problem(context, StatusCodes.Status409Conflict, "该申请已提交或已结束，不能再修改。");
        }
        var result = await Uploads.SaveAsync(store, FileOwner.OfApplication(id), documentKind, file, UploadRule.Any(store), context.User.Id(), cancellationToken: context.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            var (zh, args) = Uploads.Refused(refusal, UploadRule.Any(store));
            return ApiWrites.Invalid(context, new() { ["file"] = [ApiProblems.Text(context, zh, args)] });
        }
        var stored = result.File!;
        return TypedResults.Ok(new UploadedFile(stored.Id, stored.Kind, stored.OriginalName, stored.Size, stored.UploadedAtUtc));
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, GuoheDbContext db, Notifications.Notifier notifier, Guid id)
    {
        var (application, refused) = await EditableAsync(db, context, id);
        if (refused is not null)
        {
            return refused;
        }
        return await ApiWrites.RunAsync(context, async () =>
        {
            var problems = await Form1Filing.SubmitAsync(db, notifier, application, context.User.Actor(), ApiWrites.Now(context));
            if (problems.Count > 0)
            {
                return ApiProblems.Validation(context, problems
                    .GroupBy(p => p.Field is null ? string.Empty : ApiWrites.JsonPath(p.Field))
                    .ToDictionary(g => g.Key, g => g.Select(p => p.In(Infrastructure.Cultures.IsEnglish)).ToArray()));
            }
            return await ItemAsync(context, db, id);
        });
    }
}
