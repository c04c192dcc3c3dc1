using System.Globalization;
using Guohe.Domain.Common;
using Guohe.Web.Documents;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// The periodic report the office sends to the Guidance Office (Art. 7(5)): the key figures, then every statistics table of
/// the period with its note and, where a chart helps, a native Word bar chart. In Chinese, as an official report is.
/// </summary>
public static class StatisticsReport
{
    /// <summary>At most this many rows go into a chart (the largest first for countries); the table keeps them all.</summary>
    private const int MaxChartRows = 15;

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];

    public static byte[] Write(StatisticsData data)
    {
        var word = new WordBuilder()
            .Title("国际科技合作孵化基地统计报告")
            .Paragraph($"统计期间：{data.Period.Zh}", align: Align.Centre)
            .Paragraph($"报送：国际科技合作孵化基地指导办公室　　编制：办公室　　统计时间：{ChinaTime.Zh(ChinaTime.DateOf(data.AsOfUtc))}", WordBuilder.TableSize, align: Align.Centre)
            .Paragraph(string.Empty)
            .Paragraph("依据《国际科技合作孵化基地管理办法（试行版）》第七条第（五）项，现将本期统计情况报告如下。", WordBuilder.TableSize)
            .Paragraph($"{Numerals[0]}、主要数据", bold: true);
        var figures = word.Table(WordBuilder.TextWidth * 2 / 3, WordBuilder.TextWidth / 3);
        foreach (var figure in data.Figures)
        {
            figures.Row(new WordCell(figure.Label), new WordCell(Whole(figure.Value), Align: Align.Right));
        }
        var section = 1;
        foreach (var table in data.Tables)
        {
            word.Paragraph(string.Empty).Paragraph($"{Numerals[section++]}、{table.Title}", bold: true).Paragraph(table.Note, WordBuilder.TableSize);
            if (table.Rows.Count == 0)
            {
                word.Paragraph("本期没有数据。", WordBuilder.TableSize);
                continue;
            }
            Table(word, table);
            if (table.Chart != ChartKind.None && table.Key != "experts")
            {
                Chart(word, table);
            }
        }
        return word.ToBytes();
    }

    /// <summary>A row label in Chinese: the key itself, or a country's Chinese name with ★ for a Belt and Road partner.</summary>
    public static string Label(StatTable table, StatRow row) => table.Labels == LabelKind.Country
        ? Countries.Zh(row.Label) + (row.Marked ? "★" : string.Empty)
        : row.Label;

    private static void Table(WordBuilder word, StatTable table)
    {
        var labelWidth = WordBuilder.TextWidth * 3 / 10;
        var width = (WordBuilder.TextWidth - labelWidth) / table.Columns.Count;
        var grid = word.Table([labelWidth, .. table.Columns.Select(_ => width)]);
        grid.Row([WordCell.Label(table.LabelHeader), .. table.Columns.Select(c => WordCell.Label(c))]);
        foreach (var row in table.Rows)
        {
            grid.Row([new WordCell(Label(table, row)), .. row.Values.Select((v, i) => new WordCell(StatText.Number(table, i, v), Align: Align.Right))]);
        }
        if (table.Summable && table.Rows.Count > 1)
        {
            grid.Row([new WordCell("合计", Bold: true), .. table.Totals().Select((v, i) => new WordCell(StatText.Number(table, i, v), Bold: true, Align: Align.Right))]);
        }
    }

    private static void Chart(WordBuilder word, StatTable table)
    {
        var rows = table.Labels == LabelKind.Country ? [.. table.Rows.Take(MaxChartRows)] : table.Rows.Take(MaxChartRows * 3).ToList();
        var series = table.Columns.Select((c, i) => new WordBuilder.ChartSeries(c, [.. rows.Select(r => r.Values[i])]));
        if (table.MoneyFrom is { } from)
        {
            series = series.Skip(from); // amounts only: a count beside sums of yuan would not show
        }
        word.BarChart([.. rows.Select(r => Label(table, r))], [.. series]);
    }

    private static string Whole(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
