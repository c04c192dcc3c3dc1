using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;

namespace Guohe.Domain.Decisions;

/// <summary>A decision with legal effect (SPEC §2.5): proposed by the office, confirmed or rejected by the associations.</summary>
public enum DecisionKind
{
    /// <summary>授予试点单位 (Art. 11(6)); target: an application ProposedForApproval.</summary>
    GrantPilot,
    /// <summary>授予国合孵化基地 (Art. 13(3)).</summary>
    GrantBase,
    /// <summary>延长试点建设期一年 (Art. 13(3)).</summary>
    Extend,
    /// <summary>取消试点建设资格: acceptance failed (Art. 13(3)); two-year ban.</summary>
    CancelPilot,
    /// <summary>取消试点单位资格 (Art. 12(4)); two-year ban.</summary>
    DisqualifyPilot,
    /// <summary>通报 of a base failing two consecutive years (Art. 14).</summary>
    PublicNotice,
    /// <summary>取消国合孵化基地资格 (Art. 14); two-year ban.</summary>
    RevokeBase,
}

public enum DecisionStatus
{
    /// <summary>拟定: proposed by the office, waiting for the associations.</summary>
    Proposed,
    /// <summary>已确认: the effect is applied.</summary>
    Confirmed,
    /// <summary>未确认: the associations rejected the proposal; the target is unchanged and the office may propose again.</summary>
    Rejected,
}

public enum DecisionTrigger
{
    Confirm,
    Reject,
}

/// <summary>
/// The decision's transition table. Its rows cite every article a decision can rest on; each history record of a
/// decision cites the decision's own article (<see cref="ArticleOf"/>).
/// </summary>
public static class DecisionLifecycle
{
    /// <summary>The articles under which the two associations decide.</summary>
    public const string DecidingArticles = "Art. 11(6), 12(4), 13(3), 14";

    public static TransitionTable<DecisionStatus, DecisionTrigger> Table { get; } = new(
        "Decision",
        "决定",
        new TransitionStart<DecisionStatus>(DecisionStatus.Proposed, "Propose", Role.Office, Article.Art7_1),
        [
            new(DecisionStatus.Proposed, DecisionTrigger.Confirm, DecisionStatus.Confirmed, Role.Association, DecidingArticles),
            new(DecisionStatus.Proposed, DecisionTrigger.Reject, DecisionStatus.Rejected, Role.Association, DecidingArticles),
        ],
        new Dictionary<DecisionStatus, string>
        {
            [DecisionStatus.Proposed] = "拟定",
            [DecisionStatus.Confirmed] = "已确认",
            [DecisionStatus.Rejected] = "未确认",
        },
        new Dictionary<DecisionTrigger, string>
        {
            [DecisionTrigger.Confirm] = "确认",
            [DecisionTrigger.Reject] = "不予确认",
        });

    /// <summary>The article a decision of this kind rests on.</summary>
    public static string ArticleOf(DecisionKind kind) => kind switch
    {
        DecisionKind.GrantPilot => Article.Art11_6,
        DecisionKind.GrantBase or DecisionKind.Extend or DecisionKind.CancelPilot => Article.Art13_3,
        DecisionKind.DisqualifyPilot => Article.Art12_4,
        _ => Article.Art14,
    };

    /// <summary>The designation trigger a decision of this kind applies (none for GrantPilot, which opens the designation).</summary>
    public static DesignationTrigger? DesignationTriggerOf(DecisionKind kind) => kind switch
    {
        DecisionKind.GrantBase => DesignationTrigger.GrantBase,
        DecisionKind.Extend => DesignationTrigger.Extend,
        DecisionKind.CancelPilot => DesignationTrigger.Cancel,
        DecisionKind.DisqualifyPilot => DesignationTrigger.Disqualify,
        DecisionKind.PublicNotice => DesignationTrigger.IssuePublicNotice,
        DecisionKind.RevokeBase => DesignationTrigger.Revoke,
        _ => null,
    };

    /// <summary>Whether confirming a decision of this kind bars the USCC for two years (Art. 12(4), 13(3), 14).</summary>
    public static bool Bans(DecisionKind kind) =>
        kind is DecisionKind.CancelPilot or DecisionKind.DisqualifyPilot or DecisionKind.RevokeBase;

    public static string KindZh(DecisionKind kind) => kind switch
    {
        DecisionKind.GrantPilot => "授予试点单位",
        DecisionKind.GrantBase => "授予国合孵化基地",
        DecisionKind.Extend => "延长试点建设期一年",
        DecisionKind.CancelPilot => "取消试点建设资格",
        DecisionKind.DisqualifyPilot => "取消试点单位资格",
        DecisionKind.PublicNotice => "通报",
        _ => "取消国合孵化基地资格",
    };

    /// <summary>The kind in English words, for bilingual notices.</summary>
    public static string KindEn(DecisionKind kind) => kind switch
    {
        DecisionKind.GrantPilot => "grant the pilot-unit title",
        DecisionKind.GrantBase => "grant the incubation-base title",
        DecisionKind.Extend => "extend the construction period by one year",
        DecisionKind.CancelPilot => "cancel the pilot construction",
        DecisionKind.DisqualifyPilot => "disqualify the pilot unit",
        DecisionKind.PublicNotice => "public notice",
        _ => "revoke the incubation-base title",
    };
}
