using Guohe.Web.Identity;

namespace Guohe.Web.Audit;

/// <summary>Who did it, from where: the user, their role and IP, or the system for background jobs and commands.</summary>
public sealed record AuditActor(Guid? UserId, string UserName, string Role, string Ip)
{
    public static readonly AuditActor System = new(null, "system", "System", string.Empty);
}

/// <summary>An event to record with the next save (<see cref="Data.GuoheDbContext.AddAuditEvent"/>).</summary>
internal sealed record PendingAuditEvent(AuditEvent Event, string Target, AuditResult Result, string Detail, AuditActor? Actor)
{
    /// <summary>The objects written in the same save (<see cref="AuditRecord.Changes"/>).</summary>
    public string Changes { get; init; } = string.Empty;
}

/// <summary>
/// The scoped source of the actor and the time of audit records: the signed-in user, role and IP of the current request, or
/// <see cref="AuditActor.System"/> outside a request (jobs, commands).
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock)
{
    public TimeProvider Clock { get; } = clock;

    public AuditActor Current()
    {
        if (http.HttpContext is not { } context)
        {
            return AuditActor.System;
        }
        var ip = Ip(context);
        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            ? new AuditActor(user.Id() is var id && id != Guid.Empty ? id : null, user.Identity.Name ?? string.Empty, user.Role()?.ToString() ?? string.Empty, ip)
            : new AuditActor(null, string.Empty, string.Empty, ip);
    }

    /// <summary>An account that is not (yet) the request's user: the one signing in, or a token's owner.</summary>
    public async Task<AuditActor> ForAsync(Microsoft.AspNetCore.Identity.UserManager<GuoheUser> users, GuoheUser user) =>
        new(user.Id, user.UserName ?? user.Email ?? string.Empty, (await users.GetRolesAsync(user)).FirstOrDefault() ?? string.Empty, Ip());

    /// <summary>A sign-in with an e-mail that names no account: what was typed.</summary>
    public AuditActor Unknown(string typed) => new(null, typed, string.Empty, Ip());

    /// <summary>The current request's IP, for a record whose user is not the signed-in one (a sign-in, a token).</summary>
    public string Ip() => http.HttpContext is { } context ? Ip(context) : string.Empty;

    private static string Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
}
