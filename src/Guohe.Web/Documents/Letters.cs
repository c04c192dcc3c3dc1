using Guohe.Domain.Common;

namespace Guohe.Web.Documents;

/// <summary>
/// The programme's letters and certificates as Word files, dated and addressed, with the stamp area left empty: the
/// review-opinion letter of the office (审核意见函, Art. 11(6)), the certificates the two associations award (授牌: pilot unit,
/// Art. 11(6); base, Art. 13(3)) and the public notice of a base (通报, Art. 14).
/// </summary>
public static class Letters
{
    public const string Associations = "中国国际科学技术合作协会    中国技术创业协会";

    public const string Office = "国际科技合作孵化基地指导办公室";

    public const string PilotTitle = "国际科技合作孵化基地试点单位";

    public const string BaseTitle = "国际科技合作孵化基地";

    /// <summary>审核意见函: the office's opinion on an application, addressed to the unit.</summary>
    public static byte[] ReviewOpinion(string organisationName, string? applicationNumber, string letter, DateOnly date) =>
        new WordBuilder()
            .Title("审核意见函")
            .Paragraph(applicationNumber is null ? string.Empty : $"申请编号：{applicationNumber}", WordBuilder.TableSize, align: Align.Right)
            .Paragraph(organisationName + "：")
            .Paragraph("    贵单位提交的《国际科技合作孵化基地试点单位申请表》及相关材料收悉。经初审、专家现场考察和评审，依据《国际科技合作孵化基地管理办法》第十一条，现提出审核意见如下：")
            .Paragraph(Indented(letter))
            .Paragraph(string.Empty)
            .Paragraph(Office, align: Align.Right)
            .Paragraph("（盖章）", align: Align.Right)
            .Paragraph(ChinaTime.Zh(date), align: Align.Right)
            .ToBytes();

    /// <summary>授牌: the certificate of a pilot unit (<paramref name="asBase"/> false) or a base, in landscape.</summary>
    public static byte[] Certificate(string organisationName, bool asBase, DateOnly date, string? number) =>
        new WordBuilder { Landscape = true }
            .Paragraph(number is null ? string.Empty : $"证书编号：{number}", WordBuilder.TableSize, align: Align.Right)
            .Paragraph(string.Empty)
            .Title("证    书", 72)
            .Paragraph(string.Empty)
            .Paragraph(organisationName + "：", 36, bold: true)
            .Paragraph(asBase
                ? "    经验收，贵单位被认定为"
                : "    经审核，贵单位被授予", 36)
            .Title($"“{(asBase ? BaseTitle : PilotTitle)}”", 48)
            .Paragraph("    特发此证。", 36)
            .Paragraph(string.Empty)
            .Paragraph(Associations, 32, align: Align.Right)
            .Paragraph("（盖章）", 32, align: Align.Right)
            .Paragraph(ChinaTime.Zh(date), 32, align: Align.Right)
            .ToBytes();

    /// <summary>通报: the public notice of a base that failed its evaluation two years running (Art. 14).</summary>
    public static byte[] PublicNotice(string organisationName, string text, DateOnly date) =>
        new WordBuilder()
            .Title("关于" + organisationName + "的通报")
            .Paragraph(string.Empty)
            .Paragraph("    依据《国际科技合作孵化基地管理办法》第十四条，对" + organisationName + "予以通报：")
            .Paragraph(Indented(text))
            .Paragraph(string.Empty)
            .Paragraph(Associations, align: Align.Right)
            .Paragraph("（盖章）", align: Align.Right)
            .Paragraph(ChinaTime.Zh(date), align: Align.Right)
            .ToBytes();

    private static string Indented(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.Length > 0 ? "    " + line.TrimStart() : line));
}
