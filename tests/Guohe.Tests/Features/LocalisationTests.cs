using System.Text.RegularExpressions;
using System.Xml.Linq;
using Guohe.Tests.Support;

namespace Guohe.Tests.Features;

/// <summary>Every Chinese text the interface shows has its English line (DESIGN.md: zh-CN first, English second).</summary>
public sealed partial class LocalisationTests
{
    [Fact]
    public void Each_text_has_one_english_entry()
    {
        var resx = XDocument.Load(Path.Combine(Repository.Root, "src", "Guohe.Web", "Resources", "SharedResource.en.resx"));
        var duplicates = resx.Root!.Elements("data").GroupBy(d => (string?)d.Attribute("name")).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Duplicate keys (run tools/i18n/dedupe.py after merging branches):\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Every_interface_text_has_an_english_translation()
    {
        var web = Path.Combine(Repository.Root, "src", "Guohe.Web");
        var english = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                     .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match match in KeyPattern().Matches(text))
            {
                var key = match.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
                if (Chinese().IsMatch(key))
                {
                    used.Add(Regex.Unescape(key));
                }
            }
        }

        var missing = used.Where(k => !english.ContainsKey(k) || string.IsNullOrWhiteSpace(english[k])).ToList();
        Assert.True(missing.Count == 0, "Add to Resources/SharedResource.en.resx (tools/i18n/keys.py --missing lists them):\n" + string.Join("\n", missing));
        Assert.True(used.Count > 100, $"only {used.Count} keys found: the scan is broken");
    }

    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)*)"|ErrorMessage = "((?:[^"\\]|\\.)*)"|Name = "((?:[^"\\]|\\.)*)"|Roles\.Label[^"]*"([^"]*)"|=> \("([^"]+)", "([^"]+)"\)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();
}
