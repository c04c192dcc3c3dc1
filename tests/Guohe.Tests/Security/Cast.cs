using System.Data.Common;
using System.Globalization;
using System.Text;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Security;

/// <summary>
/// The app with one signed-in account of every role (staff with their authenticator, as the second-factor rule demands) and an
/// anonymous visitor, each with its own cookies and antiforgery token. Rate limits are raised so the sweeps measure
/// authorization, not throttling (the limits have tests of their own).
/// </summary>
public sealed class Cast : IAsyncDisposable
{
    private Cast(GuoheApp app) => App = app;

    public GuoheApp App { get; }

    public PageClient Anonymous { get; private set; } = null!;

    public string AnonymousToken { get; private set; } = string.Empty;

    public Dictionary<Role, (GuoheUser User, PageClient Client, string Token)> Members { get; } = [];

    public static async Task<Cast> StartAsync(string provider, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Security:SignInRequestsPerMinutePerIp"] = "100000",
            ["Api:RequestsPerMinutePerToken"] = "100000",
            ["Announcements:ObjectionsPerHourPerIp"] = "100000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        var app = await GuoheApp.StartAsync(provider, settings: all);
        var cast = new Cast(app);
        cast.Anonymous = app.Browse();
        cast.AnonymousToken = (await cast.Anonymous.GetAsync("/Account/Login")).InputValue("__RequestVerificationToken")!;
        foreach (var role in Roles.All)
        {
            var (user, client) = await app.SignedInAsync(role);
            cast.Members[role] = (user, client, await TokenAsync(client, Roles.Folder(role)));
        }
        return cast;
    }

    /// <summary>The antiforgery token of the signed-in session, from the sign-out form of a page it may open.</summary>
    public static async Task<string> TokenAsync(PageClient client, string page) =>
        (await client.GetAsync(page)).InputValue("__RequestVerificationToken") ?? throw new InvalidOperationException($"No antiforgery token on {page}.");

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        foreach (var member in Members.Values)
        {
            member.Client.Dispose();
        }
        await App.DisposeAsync();
    }
}

/// <summary>What came back, in the classes the expected-access table speaks of.</summary>
public enum Outcome
{
    /// <summary>2xx, or a redirect somewhere other than the sign-in page, or a refusal of the input (400/409/422): the handler ran.</summary>
    Reached,

    /// <summary>404: the caller got in; the object (a random id) does not exist for them.</summary>
    NotFound,

    /// <summary>302 to /Account/Login.</summary>
    Login,

    /// <summary>401 (the API without a bearer token).</summary>
    Unauthorized,

    Forbidden,

    /// <summary>5xx: never expected.</summary>
    Error,
}

public static class Outcomes
{
    public static Outcome Of(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 500 => Outcome.Error,
            401 => Outcome.Unauthorized,
            403 => Outcome.Forbidden,
            404 => Outcome.NotFound,
            >= 300 and < 400 when response.Headers.Location is { } location
                && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) => Outcome.Login,
            _ => Outcome.Reached,
        };
    }

    /// <summary>
    /// Sends a request as a form would, or — for an endpoint that accepts only JSON or multipart (<paramref name="accepts"/>) —
    /// with an empty body of that type, so that routing does not refuse it with 415 before authorization has its say.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string verb, string url, string? token, IEnumerable<KeyValuePair<string, string>>? extra = null, IReadOnlyList<string>? accepts = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(verb), url);
        if (verb != "GET" && accepts is { Count: > 0 } types && !types.Contains("application/x-www-form-urlencoded"))
        {
            request.Content = types.Contains("application/json")
                ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                : new MultipartFormDataContent { { new StringContent(string.Empty), "empty" } };
        }
        else if (verb != "GET")
        {
            var fields = new List<KeyValuePair<string, string>>(extra ?? []);
            if (token is not null)
            {
                fields.Add(new("__RequestVerificationToken", token));
            }
            request.Content = new FormUrlEncodedContent(fields);
        }
        return await http.SendAsync(request);
    }
}

/// <summary>
/// The whole database as text, table by table, to prove that refused requests changed nothing. Left out: the data-protection
/// keys, and the audit log, whose purpose is to record requests, refused ones and token uses included (ADR 0010). <see cref="Touching"/> keeps only the rows that mention one of a set of ids.
/// </summary>
public static class Fingerprint
{
    public static Task<Dictionary<string, List<string>>> TakeAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) =>
        {
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
                .Where(t => t is not ("DataProtectionKeys" or "AuditRecords" or "AuditHead" or "AuditAnchors")).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var result = new Dictionary<string, List<string>>();
            foreach (var table in tables)
            {
                await using DbCommand command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    var row = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i);
                        row.Append(reader.GetName(i)).Append('=').Append(value switch
                        {
                            byte[] bytes => Convert.ToBase64String(bytes),
                            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                            _ => value.ToString(),
                        }).Append(';');
                    }
                    rows.Add(row.ToString());
                }
                rows.Sort(StringComparer.Ordinal);
                result[table] = rows;
            }
            return result;
        });

    public static Dictionary<string, List<string>> Touching(this Dictionary<string, List<string>> fingerprint, IEnumerable<Guid> ids)
    {
        var needles = ids.Select(i => i.ToString()).ToList();
        return fingerprint.ToDictionary(t => t.Key, t => t.Value.Where(r => needles.Any(n => r.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList());
    }

    /// <summary>The tables whose rows differ, with the first differing row of each, or an empty list.</summary>
    public static List<string> Differences(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => !before.GetValueOrDefault(t, []).SequenceEqual(after.GetValueOrDefault(t, [])))
            .Select(t => $"{t}: {before.GetValueOrDefault(t, []).Count} → {after.GetValueOrDefault(t, []).Count} rows; first new: "
                + (after.GetValueOrDefault(t, []).Except(before.GetValueOrDefault(t, [])).FirstOrDefault() ?? "-")
                + " | first gone: " + (before.GetValueOrDefault(t, []).Except(after.GetValueOrDefault(t, [])).FirstOrDefault() ?? "-"))];
}
