using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Api;

/// <summary>
/// Errors under /api as <c>application/problem+json</c> (RFC 9457), titles and details in the request's language
/// (<c>Accept-Language</c>, zh-CN first; the Chinese text is the resource key, docs/decisions/0004).
/// </summary>
public static class ApiProblems
{
    public static string Text(HttpContext context, string zh, params object[] args) =>
        context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()[zh, args].Value;

    /// <summary>The title of each status the API answers with.</summary>
    public static string TitleZh(int status) => status switch
    {
        400 => "请求有误。",
        401 => "需要有效的访问令牌。",
        403 => "无权执行此操作。",
        404 => "未找到。",
        405 => "不支持此请求方法。",
        409 => "与当前状态冲突。",
        412 => "数据已被他人修改。",
        415 => "不支持此内容类型。",
        428 => "缺少前提条件。",
        429 => "请求过于频繁。",
        _ when status >= 500 => "服务器内部错误，请稍后重试。",
        _ => "请求未能完成。",
    };

    public static ProblemHttpResult Problem(HttpContext context, int status, string? detailZh = null, params object[] args) =>
        TypedResults.Problem(
            title: Text(context, TitleZh(status)),
            detail: detailZh is null ? null : Text(context, detailZh, args),
            statusCode: status);

    public static ProblemHttpResult NotFound(HttpContext context) => Problem(context, 404, "没有这条记录，或您无权查看。");

    /// <summary>A 400 with the field errors (each field's messages in the request's language).</summary>
    public static ValidationProblem Validation(HttpContext context, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Text(context, "请求参数有误。"));

    public static Task WriteAsync(HttpContext context, int status, string? detailZh = null, params object[] args) =>
        Problem(context, status, detailZh, args).ExecuteAsync(context);
}

/// <summary>
/// Under /api: no HTML status pages; every error without a body (an unknown route, a wrong method, a refused binding) and
/// every unhandled exception becomes problem+json.
/// </summary>
public sealed partial class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiProblems.WriteAsync(context, e.StatusCode, "请求格式不正确：请检查参数和请求内容。");
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            Failed(logger, e, context.Request.Method, context.Request.Path.Value ?? "/");
            context.Response.Clear();
            await ApiProblems.WriteAsync(context, StatusCodes.Status500InternalServerError);
            return;
        }
        if (!context.Response.HasStarted && context.Response.StatusCode >= 400
            && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await ApiProblems.WriteAsync(context, context.Response.StatusCode);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string path);
}
