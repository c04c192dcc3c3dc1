namespace Guohe.Domain.Common;

/// <summary>Chinese names of the roles of SPEC §1, for messages and documents.</summary>
public static class RoleNames
{
    public static string Zh(Role role) => role switch
    {
        Role.Applicant => "申请单位",
        Role.Recommender => "推荐单位",
        Role.Office => "办公室",
        Role.Expert => "评审专家",
        Role.Association => "两协会",
        Role.Admin => "系统管理员",
        Role.Auditor => "审计员",
        _ => role.ToString(),
    };
}
