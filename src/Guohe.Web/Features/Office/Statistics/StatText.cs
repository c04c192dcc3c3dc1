using System.Globalization;
using System.Text.Json;
using Guohe.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// A statistics table in the reader's language, the same way on the page, in the spreadsheet and in the report: row labels,
/// numbers, the spreadsheet's columns and the chart's data.
/// </summary>
public static class StatText
{
    public static string Label(StatTable table, StatRow row, IStringLocalizer l) => table.Labels switch
    {
        LabelKind.Text => l[row.Label],
        LabelKind.Country => Countries.Name(row.Label),
        _ => row.Label,
    };

    /// <summary>The period in the reader's language: 全部年度 / all years, 2025年 / 2025, 2024—2026年 / 2024–2026.</summary>
    public static string Period(Period period, IStringLocalizer l) =>
        period.IsAll ? l["全部年度"] : Cultures.IsEnglish ? period.Zh.Replace("年", string.Empty, StringComparison.Ordinal).Replace('—', '–') : period.Zh;

    /// <summary>A number as shown: amounts with two decimals, counts and years as whole numbers.</summary>
    public static string Number(StatTable table, int column, decimal value) =>
        table.IsMoney(column)
            ? value.ToString("N2", CultureInfo.InvariantCulture)
            : table.Columns[column] == "年度" ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The spreadsheet's columns: the label, for countries the code and the Belt and Road mark, then every value.</summary>
    public static IReadOnlyList<Column<StatRow>> Columns(StatTable table, IStringLocalizer l)
    {
        var columns = new List<Column<StatRow>> { new(l[table.LabelHeader], r => Label(table, r, l)) };
        if (table.Labels == LabelKind.Country)
        {
            columns.Add(new(l["国别代码"], r => r.Label));
            columns.Add(new(l["共建“一带一路”国家"], r => r.Marked ? l["是"].Value : l["否"].Value));
        }
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = i;
            columns.Add(new(l[table.Columns[i]], r => r.Values[column]));
        }
        return columns;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All), // Chinese as text; the attribute is HTML-encoded anyway
    };

    /// <summary>A bar or line chart's data for statistics.js: category labels and one series per value column.</summary>
    public static string ChartJson(StatTable table, IStringLocalizer l) => JsonSerializer.Serialize(new
    {
        kind = table.Chart == ChartKind.Line ? "line" : "bar",
        labels = table.Shown.Select(r => Label(table, r, l)),
        series = table.Columns.Select((c, i) => new { name = l[c].Value, data = table.Shown.Select(r => r.Values[i]) }),
    }, Json);

    /// <summary>The China map's data: per province on the map, the pilot units and bases of today and the applications.</summary>
    public static string ChinaJson(StatTable provinces, IStringLocalizer l) => JsonSerializer.Serialize(new
    {
        series = new[] { l["现有试点单位"].Value, l["现有基地"].Value, l["申请数"].Value },
        regions = provinces.Rows.Where(r => Provinces.All.Contains(r.Label)).Select(r => new
        {
            name = MapNames.China(r.Label),
            label = l[r.Label].Value,
            value = r.Values[1] + r.Values[2],
            values = new[] { r.Values[1], r.Values[2], r.Values[0] },
        }),
    }, Json);

    /// <summary>The world map's data: per partner country on the map, wanted and actual institutions, the Belt and Road mark and the link to its institutions.</summary>
    public static string WorldJson(StatTable countries, Period period, IStringLocalizer l) => JsonSerializer.Serialize(new
    {
        series = countries.Columns.Select(c => l[c].Value),
        beltAndRoad = l["共建“一带一路”国家"].Value,
        regions = countries.Rows.Where(r => MapNames.Country(r.Label) is not null).Select(r => new
        {
            name = MapNames.Country(r.Label),
            code = r.Label,
            label = Countries.Name(r.Label),
            values = r.Values,
            marked = r.Marked,
            link = $"/Office/Statistics/Country?code={r.Label}&{period.Query}",
        }),
    }, Json);
}
