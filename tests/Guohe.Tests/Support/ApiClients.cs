using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Guohe.Domain.Common;
using Guohe.Web.Identity;

namespace Guohe.Tests.Support;

/// <summary>The REST API through the front door: sign in, create a token on 个人访问令牌, call /api/v1 with it.</summary>
public static class ApiClients
{
    /// <summary>A signed-in account of the role (staff with an authenticator, as the second-factor rule demands).</summary>
    public static async Task<(GuoheUser User, PageClient Client)> SignedInAsync(this GuoheApp app, Role role)
    {
        var staff = Roles.StaffRoles.Contains(role);
        var user = await app.CreateAsync(role, twoFactor: staff);
        return (user, await app.SignInAsync(user, staff));
    }

    public static async Task<PageClient> SignInAsync(this GuoheApp app, GuoheUser user, bool twoFactor)
    {
        var client = app.Browse();
        var page = await client.SignInAsync(user.Email!, totpKey: twoFactor ? await app.AuthenticatorKeyAsync(user.Id) : null);
        Assert.DoesNotContain("/Account/Login", page.Path, StringComparison.Ordinal);
        return client;
    }

    /// <summary>Posts the create form of /Account/Manage/Tokens with these scopes; returns the page answered.</summary>
    public static async Task<Page> CreateTokenPageAsync(this PageClient client, string name, int days, params string[] scopes)
    {
        var page = await client.GetAsync("/Account/Manage/Tokens");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        var form = page.Html.QuerySelector("form[action*='handler=Create']") as IHtmlFormElement
            ?? throw new InvalidOperationException("No create form on the tokens page.");
        var fields = Buttons.Fields(form).Where(f => f.Key is not ("Input.Name" or "Input.Days" or "Input.Scopes")).ToList();
        fields.Add(new("Input.Name", name));
        fields.Add(new("Input.Days", days.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fields.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Input.Scopes", s)));
        return await client.PostAsync(form.GetAttribute("action")!, fields);
    }

    /// <summary>Creates a token through the page and returns it as shown once.</summary>
    public static async Task<string> CreateTokenAsync(this PageClient client, string name = "测试令牌", int days = 90, params string[] scopes)
    {
        var page = await client.CreateTokenPageAsync(name, days, scopes.Length == 0 ? ["read"] : scopes);
        var token = page.Html.QuerySelector("#new-token")?.TextContent.Trim();
        Assert.True(token is not null, $"No token shown: {page.Errors}");
        return token;
    }

    public static HttpClient Api(this GuoheApp app, string? token, string language = "zh-CN")
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json answer with the status; returns the problem.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The ids of every item of every page of a list.</summary>
    public static async Task<List<JsonElement>> AllAsync(this HttpClient api, string url)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await api.GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}page={page}&size=100");
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var json = await response.JsonAsync();
            items.AddRange(json.GetProperty("items").EnumerateArray());
            if (page >= json.GetProperty("pages").GetInt32())
            {
                return items;
            }
        }
    }
}
