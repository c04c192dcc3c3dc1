namespace Guohe.Web.Files;

/// <summary>The filing documents of an application (SPEC §3, Form 1 attachments).</summary>
public enum DocumentKind
{
    /// <summary>营业执照复印件.</summary>
    BusinessLicence,
    /// <summary>法人代表身份证复印件: personal data, encrypted at rest (QUALITY.md, personal data).</summary>
    LegalRepresentativeId,
    /// <summary>组织机构简介.</summary>
    OrganisationIntroduction,
    /// <summary>签字盖章的申请表扫描件.</summary>
    SignedFormScan,
}

public static class DocumentKinds
{
    /// <summary>The kind's name on Form 1 (a resource key).</summary>
    public static string Label(DocumentKind kind) => kind switch
    {
        DocumentKind.BusinessLicence => "营业执照复印件",
        DocumentKind.LegalRepresentativeId => "法人代表身份证复印件",
        DocumentKind.OrganisationIntroduction => "组织机构简介",
        _ => "签字盖章的申请表扫描件",
    };
}

/// <summary>
/// One uploaded file. The bytes live in <c>{DataDirectory}/files/{StoredName}</c>; the user's name for it is only kept here
/// (QUALITY.md, uploads: random stored names). A replaced file keeps its row, marked deleted.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; init; }

    public Guid ApplicationId { get; init; }

    public DocumentKind Kind { get; init; }

    /// <summary>The uploader's file name, sanitised (<see cref="FileNames.Sanitise"/>).</summary>
    public string OriginalName { get; init; } = string.Empty;

    public string ContentType { get; init; } = string.Empty;

    /// <summary>Size of the plaintext in bytes.</summary>
    public long Size { get; init; }

    /// <summary>SHA-256 of the plaintext, lower-case hex.</summary>
    public string Sha256 { get; init; } = string.Empty;

    public string StoredName { get; init; } = string.Empty;

    /// <summary>True when the bytes on disk are protected by Data Protection (ID copies).</summary>
    public bool Encrypted { get; init; }

    public Guid UploadedByUserId { get; init; }

    public DateTime UploadedAtUtc { get; init; }

    public DateTime? DeletedAtUtc { get; set; }
}

/// <summary>Every view or download of an ID copy (QUALITY.md, audit; PIPL Art. 51).</summary>
public sealed class IdCopyView
{
    public Guid Id { get; init; }

    public Guid StoredFileId { get; init; }

    public Guid UserId { get; init; }

    public string Role { get; init; } = string.Empty;

    public DateTime AtUtc { get; init; }

    public string Ip { get; init; } = string.Empty;
}
