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
}
