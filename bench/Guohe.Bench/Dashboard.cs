namespace Guohe.Bench;

/// <summary>
/// The statistics dashboard's bars (QUALITY.md, Speed): cached R ≥ 0.2 with the cache as configured (60 s); uncached p95 ≤ 150
/// ms on a second server whose statistics cache is off (<c>Statistics:CacheSeconds=0</c>), so every request counts afresh.
/// Other pages of the table (issue 10) are further <see cref="PageMeasure"/>s, in a run of their own or in the first.
/// </summary>
public static class Dashboard
{
    public const string Path = "/Office/Statistics";

    public static IReadOnlyList<ServerRun> Runs(string data) =>
    [
        new("statistics cache on (60 s)", new Dictionary<string, string>(), [new("the statistics dashboard, cached", Path, data, MinRatio: 0.2, MaxP95Milliseconds: null)]),
        new("statistics cache off", new Dictionary<string, string> { ["Statistics__CacheSeconds"] = "0" },
            [new("the statistics dashboard, uncached", Path, data, MinRatio: null, MaxP95Milliseconds: 150)]),
    ];
}

/// <summary>The <c>--name value</c> options of a command.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{list[i]}'.");
            }
            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            options._values[name] = hasValue ? list[++i] : "true";
        }
        return options;
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public int Number(string name, int fallback) => _values.TryGetValue(name, out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);
}
