using AngleSharp.Html.Parser;
using Microsoft.Playwright;

namespace Guohe.Tests.Browser;

/// <summary>
/// What a demanding office checks on every page a walk visits (issue 10): axe-core (vendored from npm, see axe/VERSION) finds no
/// serious or critical accessibility violation, the HTML as served parses without error, the document declares its language,
/// and the page is saved as a full-page screenshot under the test output's <c>screenshots/&lt;walk&gt;/</c>, numbered in order.
/// Problems are collected so that one run reports all of them; <see cref="AssertNoProblems"/> ends the walk.
/// </summary>
public sealed class Screenshots(string walk)
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "axe", "axe.min.js")));
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(ScreenshotTests.Folder, walk)).FullName;
    private readonly List<string> _problems = [];

    public int PagesChecked { get; private set; }

    public IReadOnlyList<string> Problems => _problems;

    public async Task TakeAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(_folder, name + ".png"), FullPage = true });
        var where = $"{name} ({new Uri(page.Url).PathAndQuery})";
        PagesChecked++;

        if (string.IsNullOrWhiteSpace(await page.GetAttributeAsync("html", "lang")))
        {
            _problems.Add($"{where}: <html> has no lang attribute");
        }

        // axe runs in the page through the DevTools protocol (not a <script> tag, which the CSP would rightly refuse).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(Axe.Value);
        }
        var violations = await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id} — ${v.help}: ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')}`)
            """);
        _problems.AddRange(violations.Select(v => $"{where}: axe {v}"));

        // The HTML exactly as served, through a parser that reports every error a browser would silently repair.
        var response = await page.Context.APIRequest.GetAsync(page.Url);
        if (response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal))
        {
            _problems.AddRange(HtmlErrors(await response.TextAsync()).Select(e => $"{where}: HTML {e}"));
        }
    }

    /// <summary>Every error the HTML parser meets (unclosed or misnested elements, stray end tags, bad attributes).</summary>
    public static IReadOnlyList<string> HtmlErrors(string html)
    {
        var parser = new HtmlParser();
        var errors = new List<string>();
        parser.Error += (_, e) =>
        {
            var error = (AngleSharp.Html.Dom.Events.HtmlErrorEvent)e;
            errors.Add($"{error.Message} at line {error.Position.Line}, column {error.Position.Column}");
        };
        parser.ParseDocument(html);
        return errors;
    }

    public void AssertNoProblems() =>
        Assert.True(_problems.Count == 0, $"{_problems.Count} problem(s) on {PagesChecked} pages:\n" + string.Join("\n", _problems));
}
