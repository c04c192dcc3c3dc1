using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Api;

/// <summary>
/// What every write endpoint shares (docs/decisions/0008-rest-api.md): the role check on top of the scope, optimistic
/// concurrency by <c>ETag</c>/<c>If-Match</c> (the aggregate's Version; missing → 428, stale → 412), the validation of a
/// JSON body by the same attributes as the page's form, and turning what the domain refuses into problem+json.
/// </summary>
public static class ApiWrites
{
    /// <summary>An endpoint filter: 403 problem+json unless the token's user has one of the roles (the page's role folder).</summary>
    public static TBuilder ForRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.Role() is Role role && roles.Contains(role)
                ? await next(context)
                : ApiProblems.Problem(context.HttpContext, StatusCodes.Status403Forbidden, "您的角色不能执行此操作。"));

    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>The request's moment, from the injected clock (as the pages take it).</summary>
    public static DateTime Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>The body's annotation errors (a missing body is one error); null when valid.</summary>
    public static IResult? Invalid(HttpContext context, object? body)
    {
        if (body is null)
        {
            return ApiProblems.Problem(context, StatusCodes.Status400BadRequest, "请求格式不正确：请检查参数和请求内容。");
        }
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Validate(context, body, errors);
        return errors.Count > 0 ? Invalid(context, errors) : null;
    }

    public static void SetETag(HttpContext context, int version) => context.Response.Headers.ETag = ETag(version);

    /// <summary>
    /// The <c>If-Match</c> check of a change to an existing aggregate: null when it names the current version (or is <c>*</c>),
    /// otherwise 428 (missing) or 412 (another version). The save still compares the version, so a change in between is a 412 too.
    /// </summary>
    public static IResult? IfMatch(HttpContext context, int currentVersion)
    {
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0 || values.All(string.IsNullOrWhiteSpace))
        {
            return ApiProblems.Problem(context, StatusCodes.Status428PreconditionRequired, "修改须带 If-Match 请求头，其值为读取时得到的 ETag。");
        }
        var current = ETag(currentVersion);
        var tags = values.SelectMany(v => (v ?? string.Empty).Split(',')).Select(t => t.Trim());
        return tags.Any(t => t == "*" || t == current)
            ? null
            : Stale(context);
    }

    public static IResult Stale(HttpContext context) =>
        ApiProblems.Problem(context, StatusCodes.Status412PreconditionFailed, "数据已被他人修改，请重新读取（GET）后用新的 ETag 再试。");

    /// <summary>
    /// A change to an existing aggregate in one call: the <c>If-Match</c> check against the version it was loaded with (428/412),
    /// the body's annotations when the endpoint takes one (400), then <see cref="RunAsync"/>. The
    /// change reloads what it answers and sets the new ETag.
    /// </summary>
    public static async Task<IResult> ChangeAsync(HttpContext context, int version, Func<Task<IResult>> change) =>
        IfMatch(context, version) ?? await RunAsync(context, change);

    /// <inheritdoc cref="ChangeAsync(HttpContext, int, Func{Task{IResult}})"/>
    public static async Task<IResult> ChangeAsync<TBody>(HttpContext context, int version, TBody? body, Func<TBody, Task<IResult>> change) where TBody : class =>
        IfMatch(context, version) ?? Invalid(context, body) ?? await RunAsync(context, () => change(body!));

    /// <summary>
    /// Runs a change: a refusal of the domain becomes 400 (field problems, fields in the body's names) or 409 (the state does
    /// not allow it), a stale version 412, a unique number or key taken in between 409. Any other failure of the save is a real
    /// error (500 problem+json, logged). Nothing is half-stored: the domain refuses before the save.
    /// </summary>
    public static async Task<IResult> RunAsync(HttpContext context, Func<Task<IResult>> change)
    {
        try
        {
            return await change();
        }
        catch (DomainException e)
        {
            return Refused(context, e.Problems.Count > 0 ? e.Problems : [e.Problem]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(context);
        }
        catch (DbUpdateException e) when (GuoheDbContext.IsUniqueViolation(e))
        {
            return ApiProblems.Problem(context, StatusCodes.Status409Conflict, "保存时发生冲突（可能是编号被占用或数据刚被修改），请重新读取后再试。");
        }
    }

    /// <summary>Problems of the domain: 400 with field errors when any names a field, else 409 with every problem in the detail.</summary>
    public static IResult Refused(HttpContext context, IReadOnlyList<Problem> problems)
    {
        if (problems.Any(p => p.Field is not null))
        {
            return ApiProblems.Validation(context, problems
                .GroupBy(p => p.Field is null ? string.Empty : JsonPath(p.Field))
                .ToDictionary(g => g.Key, g => g.Select(p => p.In(Cultures.IsEnglish)).ToArray()));
        }
        return TypedResults.Problem(
            title: ApiProblems.Text(context, ApiProblems.TitleZh(StatusCodes.Status409Conflict)),
            detail: string.Join(" ", problems.Select(p => p.In(Cultures.IsEnglish))),
            statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>A property path of the C# form (<c>MainPersons[0].Mobile</c>) as the JSON body names it (<c>mainPersons[0].mobile</c>).</summary>
    public static string JsonPath(string path) =>
        string.Join('.', path.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));

    /// <summary>
    /// The data annotations of a body and of every object and list inside it, messages in the request's language (the same
    /// resource keys as the page's form). Adds to <paramref name="errors"/> under JSON paths.
    /// </summary>
    public static void Validate(HttpContext context, object body, Dictionary<string, List<string>> errors, string prefix = "")
    {
        foreach (var property in body.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }
            var value = property.GetValue(body);
            var path = prefix + JsonPath(property.Name);
            var name = property.GetCustomAttribute<DisplayAttribute>()?.Name is { } display ? ApiProblems.Text(context, display) : property.Name;
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.IsValid(value))
                {
                    continue;
                }
                object[] args = attribute switch
                {
                    RangeAttribute range => [name, range.Minimum, range.Maximum],
                    StringLengthAttribute length => [name, length.MaximumLength, length.MinimumLength],
                    _ => [name],
                };
                Add(errors, path, ApiProblems.Text(context, attribute.ErrorMessage ?? "{0}的值无效。", args));
            }
            if (value is string || value is null || property.PropertyType.IsValueType)
            {
                continue;
            }
            if (value is System.Collections.IEnumerable list)
            {
                var i = 0;
                foreach (var item in list)
                {
                    if (item is not null && item is not string && !item.GetType().IsValueType)
                    {
                        Validate(context, item, errors, $"{path}[{i}].");
                    }
                    i++;
                }
            }
            else if (property.PropertyType.Namespace?.StartsWith("Guohe", StringComparison.Ordinal) == true)
            {
                Validate(context, value, errors, path + ".");
            }
        }
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    public static IResult Invalid(HttpContext context, Dictionary<string, List<string>> errors) =>
        ApiProblems.Validation(context, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
