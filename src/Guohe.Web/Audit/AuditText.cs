namespace Guohe.Web.Audit;

/// <summary>The Chinese names (resource keys) of events and results.</summary>
public static class AuditText
{
    public static string Event(AuditEvent e) => e switch
    {
        AuditEvent.SignIn => "登录",
        AuditEvent.SignOut => "退出登录",
        AuditEvent.Change => "修改数据",
        AuditEvent.Decision => "决定",
        AuditEvent.Export => "导出",
        AuditEvent.IdCopyDownload => "查看身份证复印件",
        AuditEvent.TokenCreated => "创建访问令牌",
        AuditEvent.TokenRevoked => "撤销访问令牌",
        AuditEvent.TokenUsed => "使用访问令牌",
        _ => "清理审计记录",
    };

    public static string Result(AuditResult r) => r switch
    {
        AuditResult.Succeeded => "成功",
        AuditResult.Failed => "失败",
        _ => "待第二步验证",
    };
}
