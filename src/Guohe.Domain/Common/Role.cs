namespace Guohe.Domain.Common;

/// <summary>The roles of SPEC §1. Stored as strings; the names are also the Identity role names.</summary>
public enum Role
{
    /// <summary>申请单位 / 试点单位 / 基地 (Art. 2, 4, 10).</summary>
    Applicant,
    /// <summary>推荐单位: incubator associations at prefecture level or above, regional liaison office (Art. 11(1)).</summary>
    Recommender,
    /// <summary>办公室 / 联盟: the Guidance Office at the Alliance (Art. 6, 7).</summary>
    Office,
    /// <summary>专家委员会委员 (Art. 5).</summary>
    Expert,
    /// <summary>两协会: grants titles, confirms cancellations and revocations (Art. 11(6), 13(3)).</summary>
    Association,
    /// <summary>系统管理员: accounts and configuration only.</summary>
    Admin,
    /// <summary>审计员: reads, never acts.</summary>
    Auditor,
}

/// <summary>Who acted: passed into every verb, never read from ambient state.</summary>
public sealed record Actor(Guid UserId, string Name, Role Role);
