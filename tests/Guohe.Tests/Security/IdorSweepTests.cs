using System.Net;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9, insecure direct object references (ASVS 8.2.2; PIPL Art. 51; MLPS 访问控制): signed in as an applicant unit (and as a
/// recommender and an expert who have nothing to do with the target), every
/// page handler and API endpoint of the route table that takes an id (a Guid route value, handler parameter or bound property)
/// is called with every id of another unit's application, files, visit and opinions, decision, designation, obligations, fee,
/// token and notifications. Each answer is a refusal (403 by the folder conventions, 404 for someone else's object) when the id
/// is in the route, never a 500, and never shows the other unit's name, number, code, invoice or e-mail; the other unit's rows
/// are the same afterwards.
/// </summary>
public sealed class IdorSweepTests(ITestOutputHelper output)
{
    /// <summary>The roles that see only their own objects (an office, association or auditor account sees every unit by design).</summary>
    private static readonly Role[] Attackers = [Role.Applicant, Role.Recommender, Role.Expert];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_units_ids_open_nothing_leak_nothing_and_change_nothing(string provider)
    {
        await using var cast = await Cast.StartAsync(provider);
        var app = cast.App;
        var ownApplication = await app.SubmittedAsync(cast.Members[Role.Applicant].User);
        var other = await OtherUnit.CreateAsync(app); // self-applied; its visit's experts are not the cast's expert
        var callables = (await RouteTable.DiscoverAsync(app))
            .Where(c => c.TakesAnId && AccessTable.RuleFor(c) is { } rule && rule is not (AccessTable.Anyone or AccessTable.SecondStep))
            .ToList();
        var before = (await Fingerprint.TakeAsync(app)).Touching(other.Ids.Values);

        var leaks = new List<string>();
        var wrong = new List<string>();
        foreach (var role in Attackers)
        {
            var (_, client, token) = cast.Members[role];
            using var api = app.Api(await client.CreateTokenAsync("越权测试", 30,
                [.. Guohe.Web.Api.ApiTokens.Each(Guohe.Web.Api.ApiTokens.AllowedFor(role)).Select(Guohe.Web.Api.ApiTokens.Name)]));
            var calls = 0;
            var statuses = new Dictionary<int, int>();
            var answered = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var callable in callables)
            {
                var rule = AccessTable.RuleFor(callable)!;
                var http = rule is AccessTable.Token ? api : client.Http;
                var idInRoute = callable.RouteParameters.Any(Callable.IsIdParameter);
                foreach (var (kind, id, letter) in other.Ids.SelectMany(i => callable.Kinds.Select(k => (i.Key, i.Value, k))))
                {
                    // A POST carries the id in its form too: MVC binds form values before route values, so a form field is as good an attack.
                    var formIds = callable.RouteParameters.Where(Callable.IsIdParameter).Concat(callable.GuidInputs)
                        .Select(name => new KeyValuePair<string, string>(name, id.ToString()));
                    using var response = await Outcomes.SendAsync(http, callable.Verb, callable.Url(id, kind: letter), rule is AccessTable.Token ? null : token, formIds, callable.Accepts);
                    // The body and the headers (a download names its file after the unit in Content-Disposition).
                    var body = await response.Content.ReadAsStringAsync() + "\n" + Uri.UnescapeDataString(string.Join("\n",
                        response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")));
                    calls++;
                    var status = (int)response.StatusCode;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status is >= 200 and < 400)
                    {
                        answered.Add($"{callable.Name} ({status})");
                    }
                    var found = other.LeaksIn(body);
                    if (found.Count > 0)
                    {
                        leaks.Add($"{role}: {callable.Name} with the other unit's {kind}: shows {string.Join(", ", found)}");
                    }
                    if (status >= 500 || (idInRoute && status is not (403 or 404)))
                    {
                        wrong.Add($"{role}: {callable.Name} with the other unit's {kind}: {status} {response.Headers.Location}");
                    }
                }
            }
            output.WriteLine($"[{provider}] IDOR sweep as {role}: {callables.Count} handlers/endpoints taking an id × {other.Ids.Count} ids of another unit "
                + $"(× 4 letter kinds on /Files/Letter) = {calls} calls; statuses: {string.Join(", ", statuses.OrderBy(x => x.Key).Select(x => $"{x.Key}×{x.Value}"))}");
            output.WriteLine($"  handlers the role may open (refused per object, not per folder): " + string.Join("; ",
                callables.Where(c => AccessTable.RuleFor(c) is AccessTable.Token || AccessTable.RuleFor(c)!.Expected(role, c).Contains(Outcome.Reached)).Select(c => c.Name)));
            output.WriteLine("  answered without a refusal (the id is a query or form value the page ignores or scopes): " + string.Join("; ", answered));
        }
        var after = (await Fingerprint.TakeAsync(app)).Touching(other.Ids.Values);
        var changed = Fingerprint.Differences(before, after);

        // The control: the applicant opens its own file, so the refusals above are the scoping and not a broken session.
        var ownFile = await app.WithDbAsync((db, _) => db.StoredFiles.Where(f => f.ApplicationId == ownApplication).Select(f => f.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await cast.Members[Role.Applicant].Client.Http.GetAsync($"/Files/{ownFile}")).StatusCode);

        output.WriteLine($"[{provider}] IDOR total: leaks {leaks.Count}, wrong answers {wrong.Count}, other unit's rows changed in {changed.Count} tables; "
            + "ids: " + string.Join(", ", other.Ids.Keys));
        foreach (var line in leaks.Concat(wrong).Concat(changed))
        {
            output.WriteLine("PROBLEM " + line);
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(changed.Count == 0, string.Join("\n", changed));
        Assert.True(callables.Count > 20, "too few handlers take an id: the route table was not read");
    }
}
