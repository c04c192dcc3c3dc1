using System.Net;
using System.Text.Json;
using Guohe.Tests.Support;

namespace Guohe.Tests.Features.Api;

/// <summary>
/// The OpenAPI document of /api/v1 (issue 8): generated from the code at /openapi/v1.json, every operation described with a
/// summary, a description, a tag and its error responses as problem+json; the bearer scheme on every non-public operation;
/// the browsable reference page served from the vendored Scalar with no inline script, linked from the footer.
/// </summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task Every_endpoint_has_a_summary_description_tag_and_problem_json_error_responses()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var anonymous = app.Api(null);
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var (parsed, diagnostic) = Microsoft.OpenApi.OpenApiDocument.Parse(text, "json");
        Assert.NotNull(parsed);
        Assert.True(diagnostic is null || diagnostic.Errors.Count == 0, "the document does not validate: " + string.Join("; ", diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        var document = JsonDocument.Parse(text).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("国合孵化基地管理系统 API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken").GetProperty("scheme").GetString());

        var operations = new List<string>();
        var lacking = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                operations.Add(name);
                lacking.AddRange(Problems(name, path.Name, operation.Value));
            }
        }
        Assert.True(lacking.Count == 0, string.Join("\n", lacking));
        // Every endpoint mapped under /api is in the document.
        string[] expected =
        [
            "GET /api/v1/applications", "GET /api/v1/applications/{id}", "GET /api/v1/designations", "GET /api/v1/designations/{id}",
            "GET /api/v1/obligations", "GET /api/v1/obligations/{id}", "GET /api/v1/organisations", "GET /api/v1/organisations/{id}",
            "GET /api/v1/public/units",
            // Filing (scope file) and the lifecycle verbs (scope office).
            "POST /api/v1/applications", "GET /api/v1/applications/{id}/form", "PUT /api/v1/applications/{id}/form",
            "PUT /api/v1/applications/{id}/documents/{kind}", "POST /api/v1/applications/{id}/submit",
            "POST /api/v1/applications/{id}/recommendation", "POST /api/v1/applications/{id}/review",
            "GET /api/v1/applications/{id}/site-visit/candidates", "POST /api/v1/applications/{id}/site-visit",
            "GET /api/v1/site-visits", "GET /api/v1/site-visits/{id}", "POST /api/v1/site-visits/{id}/declaration", "POST /api/v1/site-visits/{id}/opinion",
            "GET /api/v1/decisions", "GET /api/v1/decisions/{id}", "POST /api/v1/decisions/{id}/confirmation", "POST /api/v1/decisions/{id}/rejection",
            // Forms 2–4 (scope file), their review (scope office), the directory, announcements and statistics (scope read).
            "GET /api/v1/obligations/{id}/form", "PUT /api/v1/obligations/{id}/form", "PUT /api/v1/obligations/{id}/documents/{kind}",
            "POST /api/v1/obligations/{id}/file", "POST /api/v1/obligations/{id}/review", "POST /api/v1/obligations/{id}/extension",
            "GET /api/v1/institutions", "GET /api/v1/announcements", "GET /api/v1/public/announcements", "GET /api/v1/statistics",
            "POST /api/v1/designations/{id}/decisions",
            // Acceptance (scope office), amending an opinion, an announcement's detail and objections.
            "GET /api/v1/designations/{id}/acceptance", "GET /api/v1/designations/{id}/acceptance/candidates",
            "POST /api/v1/designations/{id}/acceptance/review", "POST /api/v1/designations/{id}/acceptance/evaluation",
            "POST /api/v1/designations/{id}/acceptance/proceedings", "POST /api/v1/designations/{id}/acceptance/proposal",
            "POST /api/v1/site-visits/{id}/opinion/amendment",
            "GET /api/v1/announcements/{id}", "GET /api/v1/announcements/{id}/objections",
            "POST /api/v1/announcements/{id}/objections/{objectionId}/handling", "GET /api/v1/public/announcements/{id}",
            // Grading and commending a base (Art. 14, scope office).
            "GET /api/v1/designations/{id}/grades", "POST /api/v1/designations/{id}/grades", "POST /api/v1/designations/{id}/commendations",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), operations.Order(StringComparer.Ordinal));

        // The scope in each security requirement is the policy of the endpoint's route group (read from the endpoints).
        var scopes = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("security", out _))
            .ToDictionary(o => o.Value.GetProperty("operationId").GetString()!, o => o.Value.GetProperty("security")[0].GetProperty("ApiToken")[0].GetString());
        Assert.Equal("read", scopes["ListApplications"]);
        Assert.Equal("read", scopes["GetAnnouncement"]);
        Assert.Equal("file", scopes["SaveApplicationForm"]);
        Assert.Equal("office", scopes["ProposeAcceptanceOutcome"]);
        Assert.Equal("office", scopes["HandleObjection"]);
        Assert.Equal("office", scopes["AmendExpertOpinion"]);
        Assert.Equal("office", scopes["RecordDesignationGrade"]);
        Assert.Equal("office", scopes["GetDesignationGrades"]);
        Assert.DoesNotContain("GetPublicAnnouncement", scopes.Keys);
    }

    /// <summary>What an operation lacks: a summary, a description, a tag, an example, or error responses as problem+json.</summary>
    private static IEnumerable<string> Problems(string name, string path, JsonElement operation)
    {
        foreach (var field in new[] { "summary", "description", "operationId" })
        {
            if (!operation.TryGetProperty(field, out var value) || string.IsNullOrWhiteSpace(value.GetString()))
            {
                yield return $"{name}: no {field}";
            }
        }
        if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
        {
            yield return $"{name}: no tag";
        }
        var responses = operation.GetProperty("responses");
        var errors = responses.EnumerateObject().Where(r => r.Name.StartsWith('4')).ToList();
        if (errors.Count == 0)
        {
            yield return $"{name}: no error response";
        }
        foreach (var error in errors)
        {
            if (!error.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem))
            {
                yield return $"{name}: error {error.Name} is not application/problem+json";
            }
            else if (!problem.TryGetProperty("example", out var example) || !HasChinese(example))
            {
                yield return $"{name}: error {error.Name} has no Chinese example";
            }
        }
        var isPublic = path.StartsWith("/api/v1/public", StringComparison.Ordinal);
        if (!isPublic && !responses.TryGetProperty("401", out _))
        {
            yield return $"{name}: no 401 response";
        }
        if (!isPublic && !operation.TryGetProperty("security", out _))
        {
            yield return $"{name}: no security requirement";
        }
        if (!responses.TryGetProperty("429", out _))
        {
            yield return $"{name}: no 429 response";
        }
        if (!(responses.TryGetProperty("200", out var ok) || responses.TryGetProperty("201", out ok)) || !ok.TryGetProperty("content", out var okContent)
            || !okContent.TryGetProperty("application/json", out var json) || !json.TryGetProperty("example", out _))
        {
            yield return $"{name}: no example of its 200 response";
        }
    }

    private static bool HasChinese(JsonElement example) => example.ToString().Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public async Task Reference_page_loads_the_vendored_scalar_without_inline_script_and_is_linked_from_the_footer()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var anonymous = app.Api(null);
        var response = await anonymous.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var scripts = page.QuerySelectorAll("script").ToList();
        Assert.All(scripts, s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline script on /api/reference"));
        Assert.All(scripts, s => Assert.StartsWith("/", s.GetAttribute("src")!, StringComparison.Ordinal)); // nothing from another site
        Assert.Contains(scripts, s => s.GetAttribute("src")!.StartsWith("/lib/scalar/standalone.js", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.GetAttribute("src")!.StartsWith("/js/api-reference.js", StringComparison.Ordinal));
        Assert.Equal("/openapi/v1.json", page.QuerySelector("#api-reference")!.GetAttribute("data-url"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lib/scalar/standalone.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/js/api-reference.js")).StatusCode);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "src", "Guohe.Web", "wwwroot", "lib", "scalar", "LICENSE")));

        var root = await anonymous.GetAsync("/api");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/api/reference", root.Headers.Location?.OriginalString);

        var home = await app.Browse().GetAsync("/Units");
        Assert.NotNull(home.Html.QuerySelector("footer a[href='/api/reference']"));
    }
}
