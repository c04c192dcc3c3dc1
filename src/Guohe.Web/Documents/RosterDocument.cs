using System.Globalization;
using Guohe.Domain.Common;

namespace Guohe.Web.Documents;

/// <summary>One unit of a batch's roster, in the words printed on it (Chinese).</summary>
public sealed record RosterRow(string Name, string Province, string Type, DateOnly RecognitionDate);

/// <summary>
/// A batch's roster of the units granted the pilot title (Art. 11(6)) as a Word file, for publication on the two
/// associations' and the alliance's websites (Art. 11(7)): the title with the batch, and 序号、单位名称、省份、单位类型、认定日期 —
/// no personal data.
/// </summary>
public static class RosterDocument
{
    public const string Title = "国际科技合作孵化基地试点单位名单";

    public const string None = "（本批次尚无获批单位）";

    public static readonly IReadOnlyList<string> Columns = ["序号", "单位名称", "省份", "单位类型", "认定日期"];

    /// <summary>The five columns filling the text width (twips).</summary>
    private static readonly int[] Grid = [800, 3506, 1400, 1200, 1400];

    /// <param name="batchName">The batch as the office named it, e.g. 2026年度第一批.</param>
    /// <param name="rows">The units in the order to print; numbered from 1.</param>
    public static byte[] Write(string batchName, IReadOnlyList<RosterRow> rows)
    {
        var word = new WordBuilder().Title(TitleOf(batchName)).Paragraph(string.Empty);
        var table = word.Table(Grid).Row([.. Columns.Select(c => new WordCell(c, Bold: true, Align: Align.Centre))]);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            table.Row(
                new WordCell((i + 1).ToString(CultureInfo.InvariantCulture), Align: Align.Centre),
                new WordCell(row.Name),
                new WordCell(row.Province, Align: Align.Centre),
                new WordCell(row.Type, Align: Align.Centre),
                new WordCell(ChinaTime.Zh(row.RecognitionDate), Align: Align.Centre));
        }
        if (rows.Count == 0)
        {
            table.Row(new WordCell(None, Columns.Count, Align: Align.Centre));
        }
        return word.ToBytes();
    }

    /// <summary>国际科技合作孵化基地试点单位名单（2026年度第一批）: the title, and the file name without extension.</summary>
    public static string TitleOf(string batchName) => $"{Title}（{batchName}）";
}
