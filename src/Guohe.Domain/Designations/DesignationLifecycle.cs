using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Designations;

/// <summary>
/// The states of a designation (资格), SPEC §2.2–2.4. Pilot and Extended are both 试点单位 (the Extended pilot is in its
/// extra year, Art. 13(3)); AcceptanceReview is 验收中; Base is 国合孵化基地. Cancelled (acceptance failed, Art. 13(3)),
/// Disqualified (pilot obligations not met, Art. 12(4)) and Revoked (base, Art. 14) are final and each imposes a two-year ban.
/// </summary>
public enum DesignationStatus
{
    /// <summary>试点单位, within the two-year construction period (Art. 4, 12(5)).</summary>
    Pilot,
    /// <summary>验收中: the construction summary is filed; preliminary review and on-site evaluation (Art. 13(1)–(2)).</summary>
    AcceptanceReview,
    /// <summary>延长试点建设期一年 (Art. 13(3)); acceptance runs again at the end.</summary>
    Extended,
    /// <summary>国际科技合作孵化基地 (Art. 13(3), 14).</summary>
    Base,
    /// <summary>取消试点建设资格 after a failed acceptance (Art. 13(3)).</summary>
    Cancelled,
    /// <summary>取消试点单位资格 for a missing plan or summary or an unexecuted plan (Art. 12(4)).</summary>
    Disqualified,
    /// <summary>取消国合孵化基地资格 (Art. 14).</summary>
    Revoked,
}

/// <summary>What can happen to a designation.</summary>
public enum DesignationTrigger
{
    EnterAcceptance,
    GrantBase,
    Extend,
    Cancel,
    Disqualify,
    RecordGrade,
    Commend,
    IssuePublicNotice,
    Revoke,
}

/// <summary>年度考核结果 of a base (Art. 14).</summary>
public enum Grade
{
    /// <summary>优秀.</summary>
    Excellent,
    /// <summary>合格.</summary>
    Pass,
    /// <summary>不合格.</summary>
    Fail,
}

/// <summary>Why a base is revoked (Art. 14).</summary>
public enum RevocationGround
{
    /// <summary>连续两年考核不合格.</summary>
    TwoConsecutiveFails,
    /// <summary>严重违纪违规: revoked directly.</summary>
    SeriousViolation,
}

/// <summary>Configurable rules of a designation; defaults from the Measures.</summary>
/// <param name="TermYears">Construction period in years (Art. 4, 12(5)): 2.</param>
/// <param name="ExtensionYears">One extension adds this many years (Art. 13(3)): 1.</param>
/// <param name="MaxExtensions">How many extensions a pilot may get; the Measures name one.</param>
public sealed record DesignationRules(int TermYears = 2, int ExtensionYears = 1, int MaxExtensions = 1)
{
    public static DesignationRules Default { get; } = new();
}

/// <summary>
/// The designation's transition table. Association rows are applied only by a confirmed <c>Decision</c>. A designation
/// starts by the confirmed GrantPilot decision (<see cref="TransitionTable{TState, TTrigger}.Start"/>), or — for a unit the
/// associations recognised before Guohe existed — by the office importing it as a pilot (<see cref="ImportPilot"/>, Art. 11(6))
/// or a base (<see cref="ImportBase"/>, Art. 13(3)) from a spreadsheet.
/// </summary>
public static class DesignationLifecycle
{
    /// <summary>The office records a pilot unit the associations granted before Guohe existed (Art. 11(6)).</summary>
    public static TransitionStart<DesignationStatus> ImportPilot { get; } =
        new(DesignationStatus.Pilot, "ImportPilot", Role.Office, Article.Art11_6, "导入系统启用前认定的试点单位");

    /// <summary>The office records a base the associations granted before Guohe existed (Art. 13(3)).</summary>
    public static TransitionStart<DesignationStatus> ImportBase { get; } =
        new(DesignationStatus.Base, "ImportBase", Role.Office, Article.Art13_3, "导入系统启用前认定的国合孵化基地");

    public static TransitionTable<DesignationStatus, DesignationTrigger> Table { get; } = new(
        "Designation",
        "资格",
        new TransitionStart<DesignationStatus>(DesignationStatus.Pilot, "GrantPilot", Role.Association, Article.Art11_6, "授予试点单位"),
        [
            new(DesignationStatus.Pilot, DesignationTrigger.EnterAcceptance, DesignationStatus.AcceptanceReview, Role.Applicant, Article.Art13_1),
            new(DesignationStatus.Extended, DesignationTrigger.EnterAcceptance, DesignationStatus.AcceptanceReview, Role.Applicant, Article.Art13_1),
            new(DesignationStatus.AcceptanceReview, DesignationTrigger.GrantBase, DesignationStatus.Base, Role.Association, Article.Art13_3),
            new(DesignationStatus.AcceptanceReview, DesignationTrigger.Extend, DesignationStatus.Extended, Role.Association, Article.Art13_3),
            new(DesignationStatus.AcceptanceReview, DesignationTrigger.Cancel, DesignationStatus.Cancelled, Role.Association, Article.Art13_3),
            new(DesignationStatus.Pilot, DesignationTrigger.Disqualify, DesignationStatus.Disqualified, Role.Association, Article.Art12_4),
            new(DesignationStatus.Extended, DesignationTrigger.Disqualify, DesignationStatus.Disqualified, Role.Association, Article.Art12_4),
            new(DesignationStatus.Base, DesignationTrigger.RecordGrade, DesignationStatus.Base, Role.Office, Article.Art14),
            new(DesignationStatus.Base, DesignationTrigger.Commend, DesignationStatus.Base, Role.Office, Article.Art14),
            new(DesignationStatus.Base, DesignationTrigger.IssuePublicNotice, DesignationStatus.Base, Role.Association, Article.Art14),
            new(DesignationStatus.Base, DesignationTrigger.Revoke, DesignationStatus.Revoked, Role.Association, Article.Art14),
        ],
        new Dictionary<DesignationStatus, string>
        {
            [DesignationStatus.Pilot] = "试点单位",
            [DesignationStatus.AcceptanceReview] = "验收中",
            [DesignationStatus.Extended] = "延长试点期",
            [DesignationStatus.Base] = "国合孵化基地",
            [DesignationStatus.Cancelled] = "取消试点建设资格",
            [DesignationStatus.Disqualified] = "取消试点单位资格",
            [DesignationStatus.Revoked] = "取消基地资格",
        },
        new Dictionary<DesignationTrigger, string>
        {
            [DesignationTrigger.EnterAcceptance] = "提交建设工作总结，进入验收",
            [DesignationTrigger.GrantBase] = "授予国合孵化基地",
            [DesignationTrigger.Extend] = "延长试点建设期一年",
            [DesignationTrigger.Cancel] = "取消试点建设资格",
            [DesignationTrigger.Disqualify] = "取消试点单位资格",
            [DesignationTrigger.RecordGrade] = "年度考核评价",
            [DesignationTrigger.Commend] = "表彰",
            [DesignationTrigger.IssuePublicNotice] = "通报",
            [DesignationTrigger.Revoke] = "取消基地资格",
        },
        [ImportPilot, ImportBase]);

    /// <summary>Whether the designation has ended (cancelled, disqualified or revoked).</summary>
    public static bool IsEnded(DesignationStatus status) =>
        status is DesignationStatus.Cancelled or DesignationStatus.Disqualified or DesignationStatus.Revoked;

    /// <summary>Whether the unit is still a pilot (试点单位): pilot, in acceptance or extended.</summary>
    public static bool IsPilotPhase(DesignationStatus status) =>
        status is DesignationStatus.Pilot or DesignationStatus.AcceptanceReview or DesignationStatus.Extended;
}
