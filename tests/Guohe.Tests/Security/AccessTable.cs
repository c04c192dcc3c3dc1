using Guohe.Domain.Common;
using Guohe.Web.Identity;

namespace Guohe.Tests.Security;

/// <summary>
/// The expected-access table of issue 9: who may call which page or endpoint, by route prefix. The authorization matrix checks
/// every callable of the route table against it; the IDOR and CSRF sweeps use it to pick a caller allowed in.
/// </summary>
internal static class AccessTable
{
    /// <summary>Who may call what: the first row whose prefix matches the route (by path segment) decides.</summary>
    internal abstract record Rule
    {
        public abstract IReadOnlySet<Outcome> Expected(Role? caller, Callable callable);
    }

    internal static readonly IReadOnlySet<Outcome> In = new HashSet<Outcome> { Outcome.Reached, Outcome.NotFound };

    /// <summary>Public pages (Art. 11(7) lists, announcements, sign-in): everybody gets in.</summary>
    internal sealed record Anyone : Rule
    {
        public override IReadOnlySet<Outcome> Expected(Role? caller, Callable callable) => In;
    }

    /// <summary>Pages of one's own account, notifications and file downloads (scoped per object inside).</summary>
    internal sealed record SignedIn : Rule
    {
        public override IReadOnlySet<Outcome> Expected(Role? caller, Callable callable) =>
            caller is null ? new HashSet<Outcome> { Outcome.Login }
            // The second factor is mandatory for staff (QUALITY.md, MLPS 身份鉴别 d): they may not switch it off.
            : callable.Handler == "Disable" && callable.Route == "/Account/TwoFactor" && Roles.StaffRoles.Contains(caller.Value) ? new HashSet<Outcome> { Outcome.Forbidden }
            : In;
    }

    /// <summary>A role's folder: that role only (SPEC §1; the admin cannot review, the auditor only reads).</summary>
    internal sealed record Only(Role Role) : Rule
    {
        public override IReadOnlySet<Outcome> Expected(Role? caller, Callable callable) =>
            caller is null ? new HashSet<Outcome> { Outcome.Login } : caller == Role ? In : new HashSet<Outcome> { Outcome.Forbidden };
    }

    /// <summary>The second step of a sign-in: open to all, and back to the sign-in page when no first step is in progress.</summary>
    internal sealed record SecondStep : Rule
    {
        public override IReadOnlySet<Outcome> Expected(Role? caller, Callable callable) => new HashSet<Outcome> { Outcome.Reached, Outcome.Login };
    }

    /// <summary>/api/v1: a bearer token of any role (scoped inside); a session cookie does not count (so no CSRF).</summary>
    internal sealed record Token : Rule
    {
        public override IReadOnlySet<Outcome> Expected(Role? caller, Callable callable) => new HashSet<Outcome> { Outcome.Unauthorized };
    }

    private static readonly (string Prefix, Rule Rule)[] Table =
    [
        ("/api/v1/public", new Anyone()),
        ("/api/v1", new Token()),
        ("/Applicant", new Only(Role.Applicant)),
        ("/Recommender", new Only(Role.Recommender)),
        ("/Office", new Only(Role.Office)),
        ("/Expert", new Only(Role.Expert)),
        ("/Association", new Only(Role.Association)),
        ("/Admin", new Only(Role.Admin)),
        ("/Audit", new Only(Role.Auditor)),
        ("/Account/Manage", new SignedIn()),
        ("/Account/ChangePassword", new SignedIn()),
        ("/Account/TwoFactor", new SignedIn()),
        ("/Account/LoginWith2fa", new SecondStep()),
        ("/Account", new Anyone()), // sign-in, registration, password reset, sign-out
        ("/Notifications", new SignedIn()),
        ("/Files", new SignedIn()),
        ("/Units", new Anyone()),
        ("/Stories", new Anyone()),
        ("/Announcements", new Anyone()),
        ("/Templates", new Anyone()),
        ("/Status", new Anyone()),
        ("/Culture", new Anyone()),
        ("/api/reference", new Anyone()),
        ("=/api", new Anyone()), // redirect to the reference
        ("/openapi", new Anyone()),
        ("=/healthz", new Anyone()),
        ("=/", new Anyone()), // the home page (a signed-in user is sent to their folder)
    ];

    internal static Rule? RuleFor(Callable callable)
    {
        foreach (var (prefix, rule) in Table)
        {
            var matches = prefix.StartsWith('=')
                ? string.Equals(callable.Route, prefix[1..], StringComparison.OrdinalIgnoreCase)
                : callable.Route.Equals(prefix, StringComparison.OrdinalIgnoreCase) || callable.Route.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return rule;
            }
        }
        return null;
    }

}
