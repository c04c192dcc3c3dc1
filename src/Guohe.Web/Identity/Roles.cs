using Guohe.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Guohe.Web.Identity;

/// <summary>The seven roles of SPEC §1 as Identity roles, with fixed ids so both migration sets seed them alike.</summary>
public static class Roles
{
    public const string Applicant = nameof(Role.Applicant);
    public const string Recommender = nameof(Role.Recommender);
    public const string Office = nameof(Role.Office);
    public const string Expert = nameof(Role.Expert);
    public const string Association = nameof(Role.Association);
    public const string Admin = nameof(Role.Admin);
    public const string Auditor = nameof(Role.Auditor);

    public static readonly IReadOnlyList<Role> All = Enum.GetValues<Role>();

    /// <summary>Roles that must use a second factor (QUALITY.md, MLPS 身份鉴别 d).</summary>
    public static readonly IReadOnlySet<Role> StaffRoles = new HashSet<Role> { Role.Office, Role.Association, Role.Admin, Role.Auditor };

    /// <summary>The folder of pages each role may open; the folder name is the URL prefix.</summary>
    public static string Folder(Role role) => role switch
    {
        Role.Auditor => "/Audit",
        _ => "/" + role,
    };

    /// <summary>Label key (Chinese, translated through the resource file).</summary>
    public static string Label(Role role) => role switch
    {
        Role.Applicant => "申请单位",
        Role.Recommender => "推荐单位",
        Role.Office => "办公室",
        Role.Expert => "评审专家",
        Role.Association => "两协会审批人",
        Role.Admin => "系统管理员",
        Role.Auditor => "审计员",
        _ => role.ToString(),
    };

    internal static IEnumerable<IdentityRole<Guid>> Seed() => All.Select(role => new IdentityRole<Guid>
    {
        Id = new Guid($"00000000-0000-0000-0000-00000000000{(int)role + 1}"),
        Name = role.ToString(),
        NormalizedName = role.ToString().ToUpperInvariant(),
        ConcurrencyStamp = $"role-{(int)role + 1}",
    });
}
