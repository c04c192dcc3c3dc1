using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Web.Files;
using Microsoft.AspNetCore.Mvc;

namespace Guohe.Web.Documents;

/// <summary>Sends a generated Word document as an attachment named in Chinese (Content-Disposition with RFC 5987 filename*).</summary>
public static class WordFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <param name="name">The file name without extension, e.g. 申请表-GH-2026-0007-单位名称.</param>
    public static FileContentResult Result(byte[] bytes, string name) =>
        new(bytes, ContentType) { FileDownloadName = FileNames.Sanitise(name.Replace('/', '-').Replace('\\', '-') + ".docx") };
}

/// <summary>A download button for a generated Word document (partial <c>_WordLink</c>); the label is a Chinese resource key.</summary>
public sealed record WordLink(string Href, string LabelZh)
{
    public static WordLink Form1(Guid applicationId) => new($"/Files/Form1/{applicationId}", "下载申请表（Word）");

    public static WordLink Obligation(Guid obligationId) => new($"/Files/Obligation/{obligationId}", "下载表格（Word）");

    public static WordLink ReviewOpinion(Guid applicationId) => new($"/Files/Letter/opinion/{applicationId}", "下载审核意见函（Word）");

    /// <summary>授牌: the pilot-unit certificate (Art. 11(6)) or, <paramref name="asBase"/>, the base certificate (Art. 13(3)).</summary>
    public static WordLink Certificate(Guid designationId, bool asBase) => asBase
        ? new($"/Files/Letter/base/{designationId}", "下载基地证书（Word）")
        : new($"/Files/Letter/pilot/{designationId}", "下载试点单位证书（Word）");

    /// <summary>通报 (Art. 14) of a confirmed public-notice decision.</summary>
    public static WordLink Notice(Guid decisionId) => new($"/Files/Letter/notice/{decisionId}", "下载通报（Word）");

    /// <summary>
    /// What a confirmed decision issues, ready to stamp: a grant of the pilot title its review-opinion letter and certificate
    /// (Art. 11(6)), a grant of the base title its certificate (Art. 13(3)), a public notice its text (Art. 14); the other
    /// kinds and unconfirmed decisions none.
    /// </summary>
    public static IReadOnlyList<WordLink> Issued(Decision decision) => decision.Status != DecisionStatus.Confirmed ? [] : decision switch
    {
        { Kind: DecisionKind.GrantPilot, ApplicationId: { } application, OpenedDesignationId: { } designation } => [ReviewOpinion(application), Certificate(designation, asBase: false)],
        { Kind: DecisionKind.GrantBase, DesignationId: { } designation } => [Certificate(designation, asBase: true)],
        { Kind: DecisionKind.PublicNotice } => [Notice(decision.Id)],
        _ => [],
    };
}

/// <summary>
/// A designation's certificates and public notices as a line of links (partial <c>_DesignationLetters</c>) on the office's
/// pages of a unit: the pilot-unit certificate, the base certificate once granted, and each notice with its date.
/// </summary>
public sealed record DesignationLetters(Guid DesignationId, DateOnly? BaseGrantedOn, IReadOnlyList<PublicNotice> Notices);
