namespace Guohe.Web.Identity;

/// <summary>
/// Refusals by the folder conventions (a signed-in user opening another role's pages): logged at Warning with who, which
/// role and what, so every refused attempt leaves a trace. Refusals by data scoping (404) are logged by the page that
/// refuses (Files/Download, Expert/Assignment, Recommender/Review).
/// </summary>
public static partial class AccessLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Access refused (403): user {UserId} ({Role}) asked for {Method} {Path}")]
    public static partial void Forbidden(ILogger logger, Guid userId, string role, string method, string path);

    /// <summary>Logs the 403 of the current request: its user, role, method and path (never the query string).</summary>
    public static void Forbidden(HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccessLog));
        var user = context.User;
        Forbidden(logger, user.Id(), user.Role()?.ToString() ?? "-", context.Request.Method, context.Request.Path.Value ?? "/");
    }
}
