using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Guohe.Web.Infrastructure;

/// <summary>Foreign countries (ISO 3166-1 alpha-2) with Chinese and English names, from tools/countries/extract.sh.</summary>
public static class Countries
{
    public sealed record Country(string Code, string Zh, string En)
    {
        public string Name => Cultures.IsEnglish ? En : Zh;
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static readonly Lazy<IReadOnlyDictionary<string, Country>> ByCode = new(Load);

    /// <summary>Sorted as the reader expects: by pinyin for Chinese, alphabetically for English.</summary>
    public static IEnumerable<Country> All => Cultures.IsEnglish
        ? ByCode.Value.Values.OrderBy(c => c.En, StringComparer.Ordinal)
        : ByCode.Value.Values.OrderBy(c => c.Zh, StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), false));

    public static bool IsKnown(string code) => ByCode.Value.ContainsKey(code);

    /// <summary>Every code, in code order.</summary>
    public static IEnumerable<string> AllCodes => ByCode.Value.Keys.Order(StringComparer.Ordinal);

    public static string Name(string code) => ByCode.Value.TryGetValue(code, out var country) ? country.Name : code;

    /// <summary>The Chinese name whatever the reader's language, as the official forms print it.</summary>
    public static string Zh(string code) => ByCode.Value.TryGetValue(code, out var country) ? country.Zh : code;

    /// <summary>The code of a country written by name (Chinese or English, any case) or as its code; null when unknown.</summary>
    public static string? Code(string nameOrCode)
    {
        var text = nameOrCode.Trim();
        if (ByCode.Value.ContainsKey(text.ToUpperInvariant()) && text.Length == 2)
        {
            return text.ToUpperInvariant();
        }
        return ByName.Value.TryGetValue(text, out var code) ? code : null;
    }

    private static readonly Lazy<Dictionary<string, string>> ByName = new(() =>
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var country in ByCode.Value.Values)
        {
            names.TryAdd(country.Zh, country.Code);
            names.TryAdd(country.En, country.Code);
        }
        return names;
    });

    private static Dictionary<string, Country> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Guohe.Web.Infrastructure.countries.json")
            ?? throw new InvalidOperationException("countries.json is not embedded");
        var rows = JsonSerializer.Deserialize<List<Country>>(stream, Json) ?? [];
        return rows.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }
}

/// <summary>The 31 provincial-level divisions of the mainland plus Hong Kong, Macao and Taiwan (GB/T 2260); Chinese names are the resource keys.</summary>
public static class Provinces
{
    public static readonly IReadOnlyList<string> All =
    [
        "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
        "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
        "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
        "香港特别行政区", "澳门特别行政区", "台湾省",
    ];
}
