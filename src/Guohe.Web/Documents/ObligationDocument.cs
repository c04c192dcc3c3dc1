using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Documents;

/// <summary>What Forms 2–4 show: the unit, its recognition date, the form's content and, once reviewed, the office's opinion.</summary>
public sealed record ObligationContent(
    ObligationKind Kind,
    int Year,
    string OrganisationName,
    DateOnly? RecognitionDate,
    ObligationForm Form,
    string? ReviewOpinion,
    DateOnly? ReviewedOn)
{
    public static ObligationContent Blank(ObligationKind kind) =>
        new(kind, 0, string.Empty, null, new ObligationForm(PersonRow.Empty, string.Empty, string.Empty, []), null, null);

    public static ObligationContent Of(Obligation obligation, Designation designation) => new(
        obligation.Kind, obligation.Year, designation.OrganisationName, designation.RecognitionDate,
        new ObligationForm(obligation.Preparer, obligation.WorkText, obligation.Achievements, obligation.Partners, obligation.Items),
        obligation.ReviewOpinion, obligation.ReviewedAtUtc is { } at ? ChinaTime.DateOf(at) : null);
}

/// <summary>
/// 附件2 年度工作计划表, 附件3 年度工作总结表 and 附件4 建设工作总结表 as Word files: one layout, as in the Measures — the unit and
/// preparer rows, section one (the work, with the printed hints), section two (partner institutions: 国别、机构名称、合作内容,
/// at least four rows and more as filed), the unit's stamp block and the office's review block.
/// </summary>
public static class ObligationDocument
{
    public const string Title = "国际科技合作孵化基地试点单位";

    /// <summary>The form's own name, annex number, section headings and printed hints, per kind.</summary>
    public sealed record Layout(string Annex, string Name, string WorkHeading, string Hint, string PartnersHeading);

    public static Layout Of(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => new("附件2：", "年度工作计划表", "一、本年度国际科技合作项目工作计划",
            "围绕试点单位建设目标制定的年度工作计划，包括与办公室合作开展的工作。\n（请做附件一并提交）", "二、国际科技合作机构对接需求"),
        ObligationKind.AnnualSummary => new("附件3：", "年度工作总结表", "一、年度国际科技合作项目工作总结",
            "1、围绕试点单位建设目标开展的年度工作总结，包括与办公室合作开展的工作。\n2、本年度取得的主要国际科技合作成果概述。\n（请做附件一并提交）", "二、本年度主要合作的国外机构"),
        _ => new("附件4：", "建设工作总结表", "一、国际科技合作项目工作总结",
            "1、试点单位在点期间的工作总结，包括与办公室合作开展的工作。\n2、取得的主要国际科技合作成果概述。\n（请做附件一并提交）", "二、主要合作国外机构"),
    };

    public const string ReviewHeading = "国际科技合作孵化基地试点单位指导办公室审核意见";

    /// <summary>The minimum number of partner rows, as printed on the forms.</summary>
    public const int PartnerRows = 4;

    /// <summary>Six columns: label, value, label, value, label, value; the partner table uses 2 + 2 + 2.</summary>
    private static readonly int[] Grid = [1301, 1467, 1301, 1467, 1301, 1469];

    public static byte[] Write(ObligationContent content)
    {
        var layout = Of(content.Kind);
        var form = content.Form;
        var word = new WordBuilder()
            .Paragraph(layout.Annex)
            .Title(Title)
            .Title(layout.Name)
            .Paragraph(content.Year > 0 ? $"（{content.Year}年度）" : "（      年度）", WordBuilder.TableSize, align: Align.Centre);
        var table = word.Table(Grid)
            .Row(WordCell.Label("单位名称"), new WordCell(content.OrganisationName, 3), WordCell.Label("认定日期"), new WordCell(content.RecognitionDate is { } d ? ChinaTime.Zh(d) : string.Empty))
            .Row(WordCell.Label("制表人"), new WordCell(form.Preparer.Name, 3), WordCell.Label("职务"), new WordCell(form.Preparer.Title))
            .Row(WordCell.Label("电话"), new WordCell(form.Preparer.Phone), WordCell.Label("手机"), new WordCell(form.Preparer.Mobile), WordCell.Label("E-mail"), new WordCell(form.Preparer.Email))
            .Row(new WordCell(layout.WorkHeading, 6, Bold: true))
            .Row([new WordCell(WorkSection(layout, content), 6)], minHeight: 3000)
            .Row(new WordCell(layout.PartnersHeading, 6, Bold: true))
            .Row(WordCell.Label("国别", 2), WordCell.Label("机构名称", 2), WordCell.Label("合作内容", 2));
        var partners = form.Partners.Concat(Enumerable.Repeat(new PartnerRow(string.Empty, string.Empty, string.Empty), Math.Max(0, PartnerRows - form.Partners.Count)));
        foreach (var partner in partners)
        {
            table.Row(new WordCell(partner.CountryCode.Length > 0 ? Countries.Zh(partner.CountryCode) : string.Empty, 2, Align: Align.Centre), new WordCell(partner.Institution, 2), new WordCell(partner.Content, 2));
        }
        table
            .Row([new WordCell("\n\n填报单位（盖章）\n年  月  日", 6, Align: Align.Right)], minHeight: 1400)
            .Row([new WordCell($"{content.ReviewOpinion}\n\n{ReviewHeading}\n{(content.ReviewedOn is { } on ? ChinaTime.Zh(on) : "年  月  日")}", 6, Align: Align.Right)], minHeight: 1400);
        return word.ToBytes();
    }

    /// <summary>The file name without extension, e.g. 年度工作计划表-2027-单位名称.</summary>
    public static string FileName(ObligationContent content) =>
        content.Year > 0 ? $"{Of(content.Kind).Name}-{content.Year}-{content.OrganisationName}" : Of(content.Kind).Name + "（空白）";

    /// <summary>The printed hint for a blank form; the filed text, achievements and tagged items for a filled one.</summary>
    private static string WorkSection(Layout layout, ObligationContent content)
    {
        var form = content.Form;
        var parts = new List<string>();
        if (form.WorkText.Length > 0)
        {
            parts.Add(form.WorkText);
        }
        if (form.Achievements.Length > 0)
        {
            parts.Add("主要国际科技合作成果：\n" + form.Achievements);
        }
        if (form.TaggedItems.Count > 0)
        {
            parts.Add((content.Kind == ObligationKind.AnnualPlan ? "计划事项（按《办法》第九条建设内容）：" : "主要成果（按《办法》第九条建设内容）：") + "\n"
                + string.Join("\n", form.TaggedItems.Select((item, i) =>
                    $"{i + 1}. 【{ConstructionContentNames.Zh(item.Category)}】{item.Text}{Fields(item.Fields)}")));
        }
        return parts.Count == 0 ? layout.Hint : string.Join("\n\n", parts);
    }

    private static string Fields(KeyFields fields) =>
        fields == KeyFields.None ? string.Empty : "（重点领域：" + string.Join("、", KeyFieldNames.Of(fields).Select(f => f.Zh)) + "）";
}
