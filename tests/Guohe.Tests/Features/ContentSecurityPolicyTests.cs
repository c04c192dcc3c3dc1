using System.Text.RegularExpressions;
using Guohe.Tests.Support;

namespace Guohe.Tests.Features;

/// <summary>
/// The CSP (QUALITY.md, headers: no inline script) also allows no inline style, so a view with <c>style="…"</c> or an inline
/// <c>&lt;script&gt;</c> renders wrongly in every browser without anyone noticing. This check reads every view.
/// </summary>
public sealed partial class ContentSecurityPolicyTests
{
    [Fact]
    public void No_view_has_an_inline_style_or_script()
    {
        var features = Path.Combine(Repository.Root, "src", "Guohe.Web", "Features");
        var offences = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => InlineStyle().IsMatch(x.line) || InlineScript().IsMatch(x.line) || EventHandler().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(features, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.True(offences.Count == 0, "Blocked by the Content-Security-Policy; use a class in site.css or a file in wwwroot/js:\n" + string.Join("\n", offences));
    }

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son(click|submit|change|load|input)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
