using Guohe.Domain.Common;
using Guohe.Domain.Organisations;

namespace Guohe.Domain.Designations;

/// <summary>国合孵化基地建设内容: the six categories of construction content (Art. 9).</summary>
public enum ConstructionContent
{
    /// <summary>（一）国际科技合作专业人才培养.</summary>
    TalentTraining,
    /// <summary>（二）构建国际科技合作资源网络.</summary>
    ResourceNetwork,
    /// <summary>（三）搭建国际科技合作平台.</summary>
    Platforms,
    /// <summary>（四）“一带一路”国际科技合作.</summary>
    BeltAndRoad,
    /// <summary>（五）国际科技合作品牌活动.</summary>
    BrandEvents,
    /// <summary>（六）定制化内容建设.</summary>
    Customised,
}

/// <summary>The Chinese names of the construction-content categories, as Art. 9 heads them.</summary>
public static class ConstructionContentNames
{
    public static string Zh(ConstructionContent content) => content switch
    {
        ConstructionContent.TalentTraining => "国际科技合作专业人才培养",
        ConstructionContent.ResourceNetwork => "构建国际科技合作资源网络",
        ConstructionContent.Platforms => "搭建国际科技合作平台",
        ConstructionContent.BeltAndRoad => "“一带一路”国际科技合作",
        ConstructionContent.BrandEvents => "国际科技合作品牌活动",
        _ => "定制化内容建设",
    };
}

/// <summary>
/// A plan item (Form 2) or an achievement (Forms 3–4), tagged with one construction-content category (Art. 9) and any of
/// the key fields (Art. 15), so that the office can steer by them (SPEC §4).
/// </summary>
public sealed record WorkItem(string Text, ConstructionContent Category, KeyFields Fields)
{
    public const int MaxLength = 2000;

    public static IReadOnlyList<Problem> Check(IReadOnlyList<WorkItem> items, ObligationKind kind)
    {
        var what = kind == ObligationKind.AnnualPlan ? ("计划事项", "plan item") : ("主要成果", "achievement");
        var problems = new List<Problem>();
        if (items.Count == 0)
        {
            problems.Add(new Problem("obligation.items", $"请至少填写一项{what.Item1}，并选择其建设内容类别（《办法》第九条）。",
                $"Enter at least one {what.Item2} with its construction-content category (Art. 9).", "Items"));
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i].Text))
            {
                problems.Add(new Problem("obligation.item.text", $"第{i + 1}项{what.Item1}没有内容。", $"{what.Item2} {i + 1} is empty.", $"Items[{i}].Text"));
            }
            else if (items[i].Text.Trim().Length > MaxLength)
            {
                problems.Add(new Problem("obligation.item.length", $"第{i + 1}项{what.Item1}不能超过{MaxLength}个字符。", $"{what.Item2} {i + 1} is longer than {MaxLength} characters.", $"Items[{i}].Text"));
            }
            if (!Enum.IsDefined(items[i].Category))
            {
                problems.Add(new Problem("obligation.item.category", $"请为第{i + 1}项{what.Item1}选择建设内容类别。", $"Choose the category of {what.Item2} {i + 1}.", $"Items[{i}].Category"));
            }
        }
        return problems;
    }
}
