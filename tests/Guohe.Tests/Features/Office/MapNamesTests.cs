using System.Text.Json;
using System.Text.RegularExpressions;
using Guohe.Tests.Support;
using Guohe.Web.Infrastructure;

namespace Guohe.Tests.Features.Office;

/// <summary>
/// The names the statistics give the vendored maps' regions: every province of the list is a region of the China map, and
/// every partner country is on the world map under the name the mapping gives it, except the few too small to be drawn.
/// </summary>
public sealed partial class MapNamesTests
{
    private static readonly string Maps = Path.Combine(Repository.Root, "src", "Guohe.Web", "wwwroot", "lib", "maps");

    [GeneratedRegex("\"name\":\"([^\"]+)\"")]
    private static partial Regex FeatureName();

    [Fact]
    public void Every_province_is_a_region_of_the_china_map()
    {
        var regions = FeatureName().Matches(File.ReadAllText(Path.Combine(Maps, "china.js"))).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(34, regions.Count);
        var named = Provinces.All.Select(MapNames.China).ToList();
        Assert.Equal(regions.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        Assert.Equal("内蒙古", MapNames.China("内蒙古自治区"));
        Assert.Equal("新疆", MapNames.China("新疆维吾尔自治区"));
        Assert.Equal("香港", MapNames.China("香港特别行政区"));
    }

    [Fact]
    public void Every_partner_country_is_named_as_on_the_world_map_but_a_few_too_small_to_draw()
    {
        using var world = JsonDocument.Parse(File.ReadAllText(Path.Combine(Maps, "world.zh.json")));
        var features = world.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties"))
            .Select(p => (Code: p.GetProperty("iso_a2").GetString()!, Name: p.GetProperty("name").GetString()!))
            .ToList();
        foreach (var code in Countries.AllCodes)
        {
            if (MapNames.Country(code) is { } name)
            {
                Assert.Contains((code, name), features);
            }
        }
        Assert.Equal(["BQ", "BV", "CC", "GF", "GI", "GP", "MQ", "RE", "SJ", "TK", "XK", "YT"], Countries.AllCodes.Where(c => MapNames.Country(c) is null));
        Assert.Equal("澳大利亚", MapNames.Country("AU")); // its main feature, not the Ashmore and Cartier Islands
        Assert.Equal("德国", MapNames.Country("DE"));
    }
}
