using System.Text.RegularExpressions;
using Guohe.Domain.Applications;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Features.Shared;

/// <summary>A history record's action in the reader's language: the table's Chinese name, or the trigger's English words.</summary>
public static partial class HistoryText
{
    public static string Trigger(TransitionRecord record)
    {
        if (Cultures.IsEnglish)
        {
            return English(record.Trigger);
        }
        return record.AggregateType switch
        {
            "Application" when Enum.TryParse<ApplicationTrigger>(record.Trigger, out var t) => ApplicationLifecycle.Table.TriggerZh(t),
            "Designation" when Enum.TryParse<DesignationTrigger>(record.Trigger, out var t) => DesignationLifecycle.Table.TriggerZh(t),
            "Designation" when DesignationLifecycle.Table.FindStart(record.Trigger) is { TriggerZh: { } zh } => zh,
            "Decision" when Enum.TryParse<DecisionTrigger>(record.Trigger, out var t) => DecisionLifecycle.Table.TriggerZh(t),
            "Decision" when record.Trigger.StartsWith("Propose", StringComparison.Ordinal)
                && Enum.TryParse<DecisionKind>(record.Trigger["Propose".Length..], out var kind) => "拟定：" + DecisionLifecycle.KindZh(kind),
            _ => Other.GetValueOrDefault(record.Trigger, record.Trigger),
        };
    }

    /// <summary>Verbs outside the transition tables: site visits (Art. 11(4)–(5), 13(2)), the expert pool (Art. 5), organisations (Art. 8, 17), success stories (Art. 7(4)), obligations (Art. 12–14) fees (Art. 18), the institution directory and the Belt and Road countries (Art. 9), announcements and objections (Art. 11(7)).</summary>
    private static readonly Dictionary<string, string> Other = new()
    {
        ["Create"] = "创建",
        ["Schedule"] = "安排调研",
        ["ChangeArrangements"] = "修改调研安排",
        ["DeclareNoConflict"] = "声明无利益冲突",
        ["FileOpinion"] = "提交书面意见",
        ["AmendOpinion"] = "提交修订意见",
        ["AddExpert"] = "录入专家库",
        ["UpdateExpert"] = "修改专家信息",
        ["ActivateExpert"] = "恢复在库",
        ["DeactivateExpert"] = "停用",
        ["ChargeFee"] = "登记费用",
        ["CorrectFee"] = "更正费用",
        ["MarkFeePaid"] = "登记已缴",
        ["AddInstitution"] = "收录合作机构",
        ["RenameInstitution"] = "修改机构名称",
        ["MergeInstitution"] = "合并到其他机构",
        ["AbsorbInstitution"] = "并入重复机构",
        ["MarkBeltAndRoad"] = "标记为共建“一带一路”国家",
        ["UnmarkBeltAndRoad"] = "取消共建“一带一路”国家标记",
        ["Register"] = "注册",
        ["Import"] = "从电子表格导入",
        ["ChangeLiaison"] = "更换联络人",
        ["Publish"] = "修改公开信息",
        ["CreateStory"] = "创建成功案例",
        ["EditStory"] = "修改成功案例",
        ["PublishStory"] = "发布成功案例",
        ["UnpublishStory"] = "撤回成功案例",
        ["File"] = "提交",
        ["Review"] = "审核",
        ["ExtendDeadline"] = "延长提交期限",
        ["RecordProceedings"] = "记录现场评估过程",
        ["CreateAnnouncement"] = "起草公示",
        ["EditAnnouncement"] = "修改公示",
        ["PublishAnnouncement"] = "发布公示",
        ["CloseAnnouncement"] = "办结公示",
        ["HandleObjection"] = "记录异议处理情况",
    };

    /// <summary>A code name in English words: "PreliminaryPassed" → "Preliminary passed".</summary>
    public static string English(string codeName)
    {
        var words = Words().Replace(codeName, " $1").Trim();
        return words.Length == 0 ? words : words[..1] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
