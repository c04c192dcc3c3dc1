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

    /// <summary>
    /// /api/v1: only a bearer token counts, never a session cookie (so no CSRF). With a token (every scope its role may have,
    /// docs/decisions/0008-rest-api.md) the roles named get in (scoped per object inside); every other role gets 403. No roles
    /// named: every role's token gets in.
    /// </summary>
    internal sealed record Token(params Role[] Roles) : Rule
    {
        public override IReadOnlySet<Outcome> Expected(Role? caller, Callable callable) => new HashSet<Outcome> { Outcome.Unauthorized };

        public IReadOnlySet<Outcome> WithToken(Role role) => Roles.Length == 0 || Roles.Contains(role) ? In : new HashSet<Outcome> { Outcome.Forbidden };
    }

    /// <summary>Rows for one verb and route template exactly ("POST /api/v1/applications"), looked up before the prefixes.</summary>
    private static readonly Dictionary<string, Rule> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/v1/applications"] = new Token(Role.Applicant),
        ["GET /api/v1/applications/{id:guid}/form"] = new Token(Role.Applicant),
        ["PUT /api/v1/applications/{id:guid}/form"] = new Token(Role.Applicant),
        ["PUT /api/v1/applications/{id:guid}/documents/{kind}"] = new Token(Role.Applicant),
        ["POST /api/v1/applications/{id:guid}/submit"] = new Token(Role.Applicant),
        ["POST /api/v1/applications/{id:guid}/recommendation"] = new Token(Role.Recommender),
        ["POST /api/v1/applications/{id:guid}/review"] = new Token(Role.Office),
        ["GET /api/v1/applications/{id:guid}/site-visit/candidates"] = new Token(Role.Office),
        ["POST /api/v1/applications/{id:guid}/site-visit"] = new Token(Role.Office),
        ["GET /api/v1/site-visits"] = new Token(Role.Expert),
        ["GET /api/v1/site-visits/{id:guid}"] = new Token(Role.Office, Role.Expert),
        ["POST /api/v1/site-visits/{id:guid}/declaration"] = new Token(Role.Expert),
        ["POST /api/v1/site-visits/{id:guid}/opinion"] = new Token(Role.Expert),
        ["GET /api/v1/decisions"] = new Token(Role.Office, Role.Association),
        ["GET /api/v1/decisions/{id:guid}"] = new Token(Role.Office, Role.Association),
        ["POST /api/v1/designations/{id:guid}/decisions"] = new Token(Role.Office),
        ["POST /api/v1/decisions/{id:guid}/confirmation"] = new Token(Role.Association),
        ["POST /api/v1/decisions/{id:guid}/rejection"] = new Token(Role.Association),
        ["PUT /api/v1/obligations/{id:guid}/form"] = new Token(Role.Applicant),
        ["PUT /api/v1/obligations/{id:guid}/documents/{kind}"] = new Token(Role.Applicant),
        ["POST /api/v1/obligations/{id:guid}/file"] = new Token(Role.Applicant),
        ["POST /api/v1/obligations/{id:guid}/review"] = new Token(Role.Office),
        ["POST /api/v1/obligations/{id:guid}/extension"] = new Token(Role.Office),
        ["GET /api/v1/institutions"] = new Token(Role.Office),
        ["GET /api/v1/statistics"] = new Token(Role.Office),
        ["GET /api/v1/designations/{id:guid}/acceptance"] = new Token(Role.Office),
        ["GET /api/v1/designations/{id:guid}/acceptance/candidates"] = new Token(Role.Office),
        ["POST /api/v1/designations/{id:guid}/acceptance/review"] = new Token(Role.Office),
        ["POST /api/v1/designations/{id:guid}/acceptance/evaluation"] = new Token(Role.Office),
        ["POST /api/v1/designations/{id:guid}/acceptance/proceedings"] = new Token(Role.Office),
        ["POST /api/v1/designations/{id:guid}/acceptance/proposal"] = new Token(Role.Office),
        ["GET /api/v1/designations/{id:guid}/grades"] = new Token(Role.Office),
        ["POST /api/v1/designations/{id:guid}/grades"] = new Token(Role.Office),
        ["POST /api/v1/designations/{id:guid}/commendations"] = new Token(Role.Office),
        ["POST /api/v1/site-visits/{id:guid}/opinion/amendment"] = new Token(Role.Expert),
        ["GET /api/v1/announcements/{id:guid}/objections"] = new Token(Role.Office),
        ["POST /api/v1/announcements/{id:guid}/objections/{objectionId:guid}/handling"] = new Token(Role.Office),
    };

    private static readonly (string Prefix, Rule Rule)[] Table =
    [
        ("/api/v1/public", new Anyone()),
        ("/api/v1", new Token()), // the reads: every role, each seeing what its pages show
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
        if (Exact.TryGetValue($"{callable.Verb} {callable.Route}", out var exact))
        {
            return exact;
        }
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
