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
    /// <summary>年度工作计划、总结或建设工作总结的文档 (Forms 2–4 filed as a document).</summary>
    ObligationDocument,
    /// <summary>现场评估评审会纪要 (Art. 13(2)).</summary>
    EvaluationMinutes,
    /// <summary>事实材料: the facts attached to a proposed revocation (Art. 14).</summary>
    SupportingFacts,
    /// <summary>成功案例图片: a picture of a success story (Art. 7(4)), PNG or JPEG, public once the story is published.</summary>
    StoryPicture,
    /// <summary>异议附件: a file attached to an objection to an announcement (Art. 11(7)); personal data, encrypted at rest, office only.</summary>
    ObjectionAttachment,
}

public static class DocumentKinds
{
    /// <summary>The documents filed with an application (Form 1 attachments), in the order the form lists them.</summary>
    public static IReadOnlyList<DocumentKind> OfApplication { get; } =
        [DocumentKind.BusinessLicence, DocumentKind.LegalRepresentativeId, DocumentKind.OrganisationIntroduction, DocumentKind.SignedFormScan];

    /// <summary>The kind's name on Form 1 (a resource key).</summary>
    public static string Label(DocumentKind kind) => kind switch
    {
        DocumentKind.BusinessLicence => "营业执照复印件",
        DocumentKind.LegalRepresentativeId => "法人代表身份证复印件",
        DocumentKind.OrganisationIntroduction => "组织机构简介",
        DocumentKind.SignedFormScan => "签字盖章的申请表扫描件",
        DocumentKind.ObligationDocument => "计划或总结文档",
        DocumentKind.EvaluationMinutes => "评审会纪要",
        DocumentKind.StoryPicture => "案例图片",
        DocumentKind.ObjectionAttachment => "异议附件",
        _ => "事实材料",
    };
}

/// <summary>
/// One uploaded file. The bytes live in <c>{DataDirectory}/files/{StoredName}</c>; the user's name for it is only kept here
/// (QUALITY.md, uploads: random stored names). A replaced file keeps its row, marked deleted.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; init; }

    /// <summary>The application the file belongs to (filing documents), or null.</summary>
    public Guid? ApplicationId { get; init; }

    /// <summary>The designation the file belongs to (plans, summaries, evaluation minutes, facts), or null.</summary>
    public Guid? DesignationId { get; init; }

    /// <summary>The record the file is attached to: the application, obligation, site visit or decision; a new file of the same kind replaces the old.</summary>
    public Guid OwnerId { get; init; }

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
