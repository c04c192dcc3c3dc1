using Guohe.Tests.Support;
using Guohe.Web.Documents;

namespace Guohe.Tests.Documents;

/// <summary>The letter, certificates and notice as Word: valid Open XML, dated in Chinese, addressed, with the issuing bodies.</summary>
public sealed class LettersTests
{
    [Fact]
    public void The_review_opinion_letter_is_addressed_dated_and_signed_by_the_office()
    {
        var docx = Letters.ReviewOpinion("福州国际创新孵化器有限公司", "GH-2026-0007", "符合条件，建议授予试点单位。\n请按期提交年度工作计划。", new DateOnly(2026, 6, 1));
        Assert.Empty(WordTables.ValidationErrors(docx));
        var text = WordTables.Paragraphs(docx);
        Assert.Equal("审核意见函", text[0]);
        Assert.Equal("申请编号：GH-2026-0007", text[1]);
        Assert.Equal("福州国际创新孵化器有限公司：", text[2]);
        Assert.Contains("    符合条件，建议授予试点单位。", text);
        Assert.Contains("    请按期提交年度工作计划。", text);
        Assert.Equal([Letters.Office, "（盖章）", "2026年6月1日"], text.TakeLast(3));
    }

    [Theory]
    [InlineData(false, "“国际科技合作孵化基地试点单位”")]
    [InlineData(true, "“国际科技合作孵化基地”")]
    public void A_certificate_names_the_unit_the_title_the_associations_and_the_date(bool asBase, string title)
    {
        var docx = Letters.Certificate("福州国际创新孵化器有限公司", asBase, new DateOnly(2026, 6, 1), "GH-2026-0007");
        Assert.Empty(WordTables.ValidationErrors(docx));
        var text = WordTables.Paragraphs(docx);
        Assert.Contains("福州国际创新孵化器有限公司：", text);
        Assert.Contains(title, text);
        Assert.Equal([Letters.Associations, "（盖章）", "2026年6月1日"], text.TakeLast(3));
        Assert.Equal("证书编号：GH-2026-0007", text[0]);
    }

    [Fact]
    public void The_public_notice_cites_article_14()
    {
        var docx = Letters.PublicNotice("某基地", "该基地连续两年考核不合格。", new DateOnly(2029, 3, 2));
        Assert.Empty(WordTables.ValidationErrors(docx));
        var text = WordTables.Paragraphs(docx);
        Assert.Equal("关于某基地的通报", text[0]);
        Assert.Contains(text, p => p.Contains("第十四条", StringComparison.Ordinal));
        Assert.Contains("    该基地连续两年考核不合格。", text);
        Assert.Equal("2029年3月2日", text[^1]);
    }
}
