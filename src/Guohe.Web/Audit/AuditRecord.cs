namespace Guohe.Web.Audit;

/// <summary>What an audit record is about (QUALITY.md, audit; MLPS 安全审计). Stored by name.</summary>
public enum AuditEvent
{
    /// <summary>登录: a sign-in attempt, successful or not.</summary>
    SignIn,
    /// <summary>退出登录.</summary>
    SignOut,
    /// <summary>修改: any change of stored data (the objects are named in <see cref="AuditRecord.Changes"/>).</summary>
    Change,
    /// <summary>决定: a change that proposes or confirms a decision with legal effect (Art. 14, 15).</summary>
    Decision,
    /// <summary>导出: a list or document downloaded as a generated file (.xlsx, .docx) or an attachment.</summary>
    Export,
    /// <summary>下载身份证复印件: a view or download of a legal representative's ID copy (PIPL Art. 51).</summary>
    IdCopyDownload,
    /// <summary>创建访问令牌.</summary>
    TokenCreated,
    /// <summary>撤销访问令牌.</summary>
    TokenRevoked,
    /// <summary>使用访问令牌 (recorded at most once per token and <c>ApiTokens.LastUsedResolution</c>).</summary>
    TokenUsed,
    /// <summary>清理审计记录: records older than the retention period removed, an anchor kept.</summary>
    Purge,
}

public enum AuditResult
{
    Succeeded,
    Failed,
    /// <summary>The password was right; the second factor is still to come.</summary>
    Pending,
}

/// <summary>
/// One entry of the append-only, hash-chained audit log (docs/decisions/0010-audit-log.md). <see cref="Hash"/> is the SHA-256 of the
/// record's canonical content (<see cref="AuditChain.Canonical"/>), which includes <see cref="PreviousHash"/>, so altering, removing or
/// reordering a record breaks the chain from there on. Records are never updated; only the purge removes the oldest.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>1, 2, 3, … without gaps; the key.</summary>
    public long Sequence { get; init; }

    /// <summary>UTC, truncated to whole microseconds so both databases store it exactly.</summary>
    public DateTime AtUtc { get; init; }

    /// <summary>The account, or null for the system and for a sign-in with an unknown e-mail.</summary>
    public Guid? UserId { get; init; }

    /// <summary>The account's sign-in name (e-mail), what was typed for a failed sign-in, or "system".</summary>
    public string UserName { get; init; } = string.Empty;

    /// <summary>The role's name (<c>Office</c>, …), "System", or empty for an anonymous visitor.</summary>
    public string Role { get; init; } = string.Empty;

    public string Ip { get; init; } = string.Empty;

    public AuditEvent Event { get; init; }

    /// <summary>The object (对象): the main one, <c>Type:id</c> (or a page for an export).</summary>
    public string Target { get; init; } = string.Empty;

    public AuditResult Result { get; init; }

    /// <summary>Why a sign-in failed, what an export contained, and the like.</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>Every object written in the same transaction, <c>Type:id+</c> added, <c>~</c> modified, <c>-</c> deleted, separated by "; ".</summary>
    public string Changes { get; init; } = string.Empty;

    public string PreviousHash { get; init; } = string.Empty;

    public string Hash { get; set; } = string.Empty;
}

/// <summary>
/// Left by each purge: the sequence and hash of the last record removed, so the verifier starts from here instead of from the genesis
/// (docs/decisions/0010-audit-log.md).
/// </summary>
public sealed class AuditAnchor
{
    public long Id { get; init; }

    public long Sequence { get; init; }

    public string Hash { get; init; } = string.Empty;

    public DateTime PurgedAtUtc { get; init; }

    public long Removed { get; init; }
}

/// <summary>
/// The one row that names the newest record (sequence and hash). Updated with every append in the same transaction, so removing
/// records from the end of the log is caught too (the chain alone cannot show a cut-off tail).
/// </summary>
public sealed class AuditHead
{
    public int Id { get; init; }

    public long Sequence { get; set; }

    public string Hash { get; set; } = string.Empty;
}
