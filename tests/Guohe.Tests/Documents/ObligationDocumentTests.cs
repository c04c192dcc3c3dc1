using Guohe.Domain.Designations;
using Guohe.Tests.Support;
using Guohe.Web.Documents;

namespace Guohe.Tests.Documents;

/// <summary>附件2–4 as Word: valid Open XML, the official rows and headings of each kind, partner rows growing as filed.</summary>
public sealed class ObligationDocumentTests
{
    [Theory]
    [InlineData(ObligationKind.AnnualPlan, "年度工作计划表", "一、本年度国际科技合作项目工作计划", "二、国际科技合作机构对接需求")]
    [InlineData(ObligationKind.AnnualSummary, "年度工作总结表", "一、年度国际科技合作项目工作总结", "二、本年度主要合作的国外机构")]
    [InlineData(ObligationKind.ConstructionSummary, "建设工作总结表", "一、国际科技合作项目工作总结", "二、主要合作国外机构")]
    public void Each_blank_form_has_the_official_rows_and_passes_the_validator(ObligationKind kind, string name, string work, string partners)
    {
        var docx = ObligationDocument.Write(ObligationContent.Blank(kind));
        Assert.Empty(WordTables.ValidationErrors(docx));
        Assert.Equal(name, WordTables.Paragraphs(docx)[2]);
        var table = WordTables.Read(docx).Single();
        Assert.Equal(["单位名称", "", "认定日期", ""], table[0]);
        Assert.Equal(["制表人", "", "职务", ""], table[1]);
        Assert.Equal(["电话", "", "手机", "", "E-mail", ""], table[2]);
        Assert.Equal([work], table[3]);
        Assert.Contains("（请做附件一并提交）", table[4][0], StringComparison.Ordinal);
        Assert.Equal([partners], table[5]);
        Assert.Equal(["国别", "机构名称", "合作内容"], table[6]);
        Assert.Equal(4, table.Count(r => r.Count == 3) - 1);
        Assert.Contains("填报单位（盖章）", table[^2][0], StringComparison.Ordinal);
        Assert.Contains(ObligationDocument.ReviewHeading, table[^1][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_reviewed_summary_holds_its_values_and_grows_its_partner_rows()
    {
        var form = World.Form() with
        {
            Partners = [.. Enumerable.Range(1, 7).Select(i => new PartnerRow(i % 2 == 0 ? "SG" : "IL", $"机构{i}", $"合作内容{i}"))],
        };
        var content = new ObligationContent(ObligationKind.AnnualSummary, 2027, "福州国际创新孵化器有限公司", new DateOnly(2026, 6, 1), form, "计划执行良好。", new DateOnly(2028, 1, 20));
        var docx = ObligationDocument.Write(content);
        Assert.Empty(WordTables.ValidationErrors(docx));
        Assert.Equal("（2027年度）", WordTables.Paragraphs(docx)[3]);
        var table = WordTables.Read(docx).Single();
        Assert.Equal(["单位名称", "福州国际创新孵化器有限公司", "认定日期", "2026年6月1日"], table[0]);
        Assert.Equal(["电话", "0591-87000003", "手机", "13800000001", "E-mail", "liaison@fzinc.cn"], table[2]);
        Assert.StartsWith("本年度国际科技合作工作……\n\n主要国际科技合作成果：\n主要成果……", table[4][0], StringComparison.Ordinal);
        var rows = table.Skip(7).Take(7).ToList();
        Assert.Equal(["以色列", "机构1", "合作内容1"], rows[0]);
        Assert.Equal(["新加坡", "机构2", "合作内容2"], rows[1]);
        Assert.Equal(["以色列", "机构7", "合作内容7"], rows[6]);
        Assert.Equal("计划执行良好。\n\n" + ObligationDocument.ReviewHeading + "\n2028年1月20日", table[^1][0]);
        Assert.Equal("年度工作总结表-2027-福州国际创新孵化器有限公司", ObligationDocument.FileName(content));
    }
}
