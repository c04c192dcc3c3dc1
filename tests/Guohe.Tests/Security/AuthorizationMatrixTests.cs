using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9 (QUALITY.md, separation of duties; MLPS 访问控制; ASVS 8.2): every page handler and every API endpoint of the route
/// table, called as an anonymous visitor and as each of the seven roles, lands in the outcome class the table below expects.
/// A new page that is in no row of the table, or whose metadata says nothing about authorization, fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    /// <summary>Sign-out ends the session the rest of the sweep uses: it goes last.</summary>
    private static int Order(Callable c) => c.Route == "/Account/Logout" ? 1 : 0;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_handler_and_endpoint_answers_each_role_as_the_table_says(string provider)
    {
        await using var cast = await Cast.StartAsync(provider);
        var callables = await RouteTable.DiscoverAsync(cast.App);
        var mismatches = new List<string>();

        // Nothing without an explicit decision about who may call it.
        foreach (var callable in callables.Where(c => !c.HasExplicitAuthorization))
        {
            mismatches.Add($"{callable.Name}: no [Authorize], policy, folder convention or [AllowAnonymous] in its metadata");
        }
        foreach (var callable in callables.Where(c => AccessTable.RuleFor(c) is null))
        {
            mismatches.Add($"{callable.Name}: in no row of the expected-access table");
        }
        // An [AllowAnonymous] inside a role folder would silently open it.
        foreach (var callable in callables.Where(c => c.AllowsAnonymous && AccessTable.RuleFor(c) is not (AccessTable.Anyone or AccessTable.SecondStep or null)))
        {
            mismatches.Add($"{callable.Name}: [AllowAnonymous] on a page the table restricts");
        }

        // API tokens, one per role with every scope the role may have, made on the tokens page as a user would.
        var tokens = new Dictionary<Role, HttpClient>();
        foreach (var (role, member) in cast.Members)
        {
            var scopes = Guohe.Web.Api.ApiTokens.Each(Guohe.Web.Api.ApiTokens.AllowedFor(role)).Select(Guohe.Web.Api.ApiTokens.Name).ToArray();
            tokens[role] = cast.App.Api(await member.Client.CreateTokenAsync("矩阵", 30, scopes));
        }

        var calls = 0;
        var tally = new Dictionary<Outcome, int>();
        foreach (var callable in callables.Where(c => AccessTable.RuleFor(c) is not null).OrderBy(Order))
        {
            var rule = AccessTable.RuleFor(callable)!;
            var url = callable.Url(Guid.NewGuid());
            var callers = new List<(string Who, Role? Role, HttpClient Http, string? Token, IReadOnlySet<Outcome> Expected)>
            {
                ("anonymous", null, cast.Anonymous.Http, cast.AnonymousToken, rule.Expected(null, callable)),
            };
            foreach (var (role, member) in cast.Members)
            {
                callers.Add((role.ToString(), role, member.Client.Http, member.Token, rule.Expected(role, callable)));
                if (rule is AccessTable.Token api)
                {
                    callers.Add((role + " (token)", role, tokens[role], null, api.WithToken(role)));
                }
            }
            foreach (var (who, role, http, token, expected) in callers)
            {
                using var response = await Outcomes.SendAsync(http, callable.Verb, url, token, accepts: callable.Accepts);
                var outcome = Outcomes.Of(response);
                calls++;
                tally[outcome] = tally.GetValueOrDefault(outcome) + 1;
                // A redirect that lets a role in must stay in what it may open: never into another role's folder.
                if (outcome == Outcome.Reached && response.Headers.Location is { } location && role is { } r
                    && Guohe.Web.Identity.Roles.All.Where(other => other != r).Any(other =>
                        (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith(Guohe.Web.Identity.Roles.Folder(other) + "/", StringComparison.OrdinalIgnoreCase)
                        || (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).Equals(Guohe.Web.Identity.Roles.Folder(other), StringComparison.OrdinalIgnoreCase)))
                {
                    mismatches.Add($"{callable.Name} as {who}: redirected into another role's folder ({location})");
                }
                if (!expected.Contains(outcome))
                {
                    mismatches.Add($"{callable.Name} as {who}: {outcome} ({(int)response.StatusCode} {response.Headers.Location}), expected {string.Join("/", expected)}");
                }
            }
        }
        foreach (var client in tokens.Values)
        {
            client.Dispose();
        }

        output.WriteLine($"[{provider}] authorization matrix: {callables.Select(c => c.Route).Distinct().Count()} routes, "
            + $"{callables.Count} handlers/endpoints ({callables.Count(c => c.IsPage)} page handlers, {callables.Count(c => !c.IsPage)} other endpoints), "
            + $"{calls} calls, mismatches {mismatches.Count}");
        output.WriteLine("outcomes: " + string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}")));
        foreach (var mismatch in mismatches)
        {
            output.WriteLine("MISMATCH " + mismatch);
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(callables.Count(c => c.IsPage) > 100, "the route table was not read: too few page handlers");
    }
}
