using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9, cross-site request forgery (ASVS 3.5.1; OWASP CSRF): every POST handler of the route table, called by a user the
/// table lets in, is refused with 400 when the antiforgery token is missing, is garbage, or belongs to another session, and
/// nothing in the database changes. The API takes no cookie (bearer tokens only), so it has no CSRF to refuse.
/// </summary>
public sealed class CsrfTests(ITestOutputHelper output)
{
    /// <summary>POST handlers that take no token on purpose, each with why that is safe.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        // UseStatusCodePagesWithReExecute re-executes a failed POST (a refused token included) as a POST to the status page;
        // it only renders the error text and writes nothing.
        ["POST /Status/{code:int}"] = "error page of a re-executed POST, read-only",
    };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_post_without_a_valid_antiforgery_token_is_refused_and_changes_nothing(string provider)
    {
        await using var cast = await Cast.StartAsync(provider);
        var app = cast.App;
        await app.SubmittedAsync(cast.Members[Role.Applicant].User); // something to change, were a forged post let through
        var other = await OtherUnit.CreateAsync(app);
        var posts = (await RouteTable.DiscoverAsync(app)).Where(c => c.Verb != "GET").ToList();
        var pagePosts = posts.Where(c => c.IsPage).ToList();
        var before = await Fingerprint.TakeAsync(app);

        var calls = 0;
        var failures = new List<string>();
        var exempt = 0;
        foreach (var callable in pagePosts)
        {
            if (Exempt.ContainsKey(callable.Name))
            {
                exempt++;
                continue;
            }
            var rule = AccessTable.RuleFor(callable);
            // A caller the table lets in, so the refusal is the token's and not the folder's.
            var (who, client, foreign) = rule switch
            {
                AccessTable.Only only => (only.Role.ToString(), cast.Members[only.Role].Client, cast.AnonymousToken),
                AccessTable.SignedIn => (nameof(Role.Applicant), cast.Members[Role.Applicant].Client, cast.AnonymousToken),
                _ => ("anonymous", cast.Anonymous, cast.Members[Role.Applicant].Token),
            };
            // The id of a real object, so a handler reached would have something to act on.
            var url = callable.Url(other.Ids["application"]);
            foreach (var (variant, token) in new[] { ("no token", (string?)null), ("garbage token", "CfDJ8forged"), ("another session's token", foreign) })
            {
                using var response = await Outcomes.SendAsync(client.Http, callable.Verb, url, token, [new("Input.Name", "伪造"), new("trigger", "Withdraw")]);
                calls++;
                if ((int)response.StatusCode != 400)
                {
                    failures.Add($"{callable.Name} as {who} with {variant}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }
        var changed = Fingerprint.Differences(before, await Fingerprint.TakeAsync(app));

        output.WriteLine($"[{provider}] CSRF: {pagePosts.Count} POST handlers × 3 (no token, garbage, another session's) = {calls} calls ({exempt} exempt: {string.Join("; ", Exempt.Select(e => e.Key + " — " + e.Value))}); "
            + $"not refused with 400: {failures.Count}; tables changed: {changed.Count}; API non-GET endpoints (bearer only): {posts.Count - pagePosts.Count}");
        foreach (var line in failures.Concat(changed))
        {
            output.WriteLine("PROBLEM " + line);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(changed.Count == 0, string.Join("\n", changed));
        Assert.True(pagePosts.Count > 50, "too few POST handlers: the route table was not read");
        // The API's endpoints accept only the bearer scheme, never the cookie (ApiPolicies).
        Assert.All(posts.Where(c => !c.IsPage && c.Route.StartsWith("/api/v1", StringComparison.Ordinal)), c =>
            Assert.Contains(c.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>(), a => a.Policy?.StartsWith("api:", StringComparison.Ordinal) == true));
    }
}
