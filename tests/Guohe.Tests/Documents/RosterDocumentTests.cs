using Guohe.Tests.Support;
using Guohe.Web.Documents;

namespace Guohe.Tests.Documents;

/// <summary>A batch's roster as Word: valid Open XML, the title with the batch, one numbered row per unit, nothing personal.</summary>
public sealed class RosterDocumentTests
{
    [Fact]
    public void The_roster_has_the_batch_in_its_title_and_one_numbered_row_per_unit()
    {
        RosterRow[] rows =
        [
            new("江苏国际创新园有限公司", "江苏省", "园区", new DateOnly(2026, 11, 24)),
            new("北京某大学", "北京市", "高校", new DateOnly(2026, 12, 3)),
        ];

        var docx = RosterDocument.Write("2026年度第一批", rows);

        Assert.Empty(WordTables.ValidationErrors(docx));
        Assert.Equal("国际科技合作孵化基地试点单位名单（2026年度第一批）", WordTables.Paragraphs(docx)[0]);
        var table = WordTables.Read(docx).Single();
        Assert.Equal(["序号", "单位名称", "省份", "单位类型", "认定日期"], table[0]);
        Assert.Equal(["1", "江苏国际创新园有限公司", "江苏省", "园区", "2026年11月24日"], table[1]);
        Assert.Equal(["2", "北京某大学", "北京市", "高校", "2026年12月3日"], table[2]);
        Assert.Equal(3, table.Count);
    }

    [Fact]
    public void A_batch_without_granted_units_says_so()
    {
        var docx = RosterDocument.Write("2027年度第一批", []);

        Assert.Empty(WordTables.ValidationErrors(docx));
        var table = WordTables.Read(docx).Single();
        Assert.Equal([RosterDocument.None], table[1]);
    }
}
