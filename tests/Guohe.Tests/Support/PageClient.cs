using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Guohe.Tests.Support;

/// <summary>A page as a user got it: final address, status and parsed HTML.</summary>
public sealed record Page(Uri Url, HttpStatusCode Status, IHtmlDocument Html, string Text)
{
    public string Path => Url.AbsolutePath;

    /// <summary>The visible text of the page.</summary>
    public string Body => Html.Body?.TextContent ?? string.Empty;

    /// <summary>The value of the input named <paramref name="name"/>, as the page shows it.</summary>
    public string? InputValue(string name) => (Html.QuerySelector($"input[name='{name}']") as IHtmlInputElement)?.Value;

    /// <summary>The messages a user sees: validation summary, field errors and alerts.</summary>
    public string Errors => string.Join(" | ", Html.QuerySelectorAll(".alert-danger li, .text-danger, .alert-danger")
        .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).Distinct());
}

/// <summary>
/// Goes through the front door like a browser without JavaScript: GET a page, fill its form (hidden fields and
/// the antiforgery token included), POST it, follow redirects. Cookies are kept between requests.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public Task<Page> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>
    /// Submits the form of <paramref name="page"/> chosen by <paramref name="formSelector"/> (default: the first form with a
    /// submit button inside main), with <paramref name="values"/> overriding the form's own fields.
    /// </summary>
    public Task<Page> SubmitAsync(Page page, IReadOnlyDictionary<string, string>? values = null, string? formSelector = null)
    {
        var form = (formSelector is null
            ? page.Html.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault()
            : page.Html.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}: {page.Text[..Math.Min(500, page.Text.Length)]}");
        var fields = Buttons.Fields(form);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name && !f.Key.StartsWith("__", StringComparison.Ordinal));
            fields.Add(new(name, value));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(page.Url, action);
        return PostAsync(target.PathAndQuery, fields);
    }

    public Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });

    private async Task<Page> SendAsync(HttpRequestMessage request)
    {
        for (var hops = 0; ; hops++)
        {
            using var response = await Http.SendAsync(request);
            var location = response.Headers.Location;
            if ((int)response.StatusCode is >= 300 and < 400 && location is not null && hops < 10)
            {
                request = new HttpRequestMessage(HttpMethod.Get, location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
                continue;
            }
            var url = new Uri(Http.BaseAddress!, request.RequestUri!);
            var text = await response.Content.ReadAsStringAsync();
            return new Page(url, response.StatusCode, Parser.ParseDocument(text), text);
        }
    }

    public void Dispose() => Http.Dispose();
}
