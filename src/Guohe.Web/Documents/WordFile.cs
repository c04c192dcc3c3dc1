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
