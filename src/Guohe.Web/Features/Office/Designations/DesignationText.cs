using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;

namespace Guohe.Web.Features.Office.Designations;

/// <summary>The Chinese names (resource keys) of the designation values shown on the office's management pages.</summary>
public static class DesignationText
{
    public static string Stage(DesignationStatus status) => DesignationLifecycle.Table.StateZh(status);

    public static string Obligation(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "年度工作计划",
        ObligationKind.AnnualSummary => "年度工作总结",
        _ => "建设工作总结",
    };

    /// <summary>The filing in English words, for bilingual notices.</summary>
    public static string ObligationEn(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "annual work plan",
        ObligationKind.AnnualSummary => "annual work summary",
        _ => "construction summary",
    };

    public static string Form(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "年度工作计划表（附件2）",
        ObligationKind.AnnualSummary => "年度工作总结表（附件3）",
        _ => "建设工作总结表（附件4）",
    };

    public static string ObligationStatusZh(ObligationStatus status) => status switch
    {
        ObligationStatus.Open => "待提交",
        ObligationStatus.Filed => "已提交",
        _ => "已审核",
    };

    public static string GradeZh(Grade grade) => grade switch
    {
        Grade.Excellent => "优秀",
        Grade.Pass => "合格",
        _ => "不合格",
    };

    public static string Conclusion(ReviewConclusion conclusion) => conclusion == ReviewConclusion.Pass ? "通过" : "工作计划未执行";

    public static string Ground(RevocationGround ground) => ground == RevocationGround.TwoConsecutiveFails ? "连续两年考核不合格" : "严重违纪违规";

    public static IReadOnlyDictionary<UnitType, string> Types { get; } = new Dictionary<UnitType, string>
    {
        [UnitType.Incubator] = "孵化器", [UnitType.Enterprise] = "企业", [UnitType.ResearchInstitute] = "科研院所", [UnitType.University] = "高校", [UnitType.Park] = "园区",
    };

    public static IReadOnlyDictionary<UnitLevel, string> Levels { get; } = new Dictionary<UnitLevel, string>
    {
        [UnitLevel.National] = "国家级", [UnitLevel.Provincial] = "省级", [UnitLevel.Other] = "其他（省级以下）",
    };
}
