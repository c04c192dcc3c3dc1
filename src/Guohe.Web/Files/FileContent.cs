namespace Guohe.Web.Files;

/// <summary>Why an upload was refused; each has its own message on the page.</summary>
public enum Refusal
{
    Empty,
    TooLarge,
    NotAllowedType,
    DisguisedExtension,
    Macro,
    /// <summary>An Office file with external references or an abnormal expansion (<see cref="OfficeFileSafety"/>).</summary>
    Unsafe,
    /// <summary>A known malware signature (the EICAR test file stands for them; <see cref="FileContent.Malware"/>).</summary>
    Malware,
    /// <summary>A PDF with scripts or automatic actions (<see cref="PdfSafety"/>).</summary>
    ActiveContent,
    /// <summary>A picture whose header claims more pixels than <see cref="FileContent.MaxImagePixels"/> (a decompression bomb).</summary>
    ImageTooLarge,
}

/// <summary>An allowed type: its content type and the extensions a file of it may carry.</summary>
public sealed record AllowedType(string Name, string ContentType, params string[] Extensions);

/// <summary>
/// The allow-list by content, not by name (QUALITY.md, uploads; ASVS 5.2.2): PDF, JPEG, PNG and macro-free DOCX,
/// recognised by their magic bytes; the name's extension must agree with the content.
/// </summary>
public static class FileContent
{
    public static readonly AllowedType Pdf = new("PDF", "application/pdf", ".pdf");
    public static readonly AllowedType Jpeg = new("JPEG", "image/jpeg", ".jpg", ".jpeg");
    public static readonly AllowedType Png = new("PNG", "image/png", ".png");
    public static readonly AllowedType Docx = new("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    private static readonly AllowedType[] All = [Pdf, Jpeg, Png, Docx];

    /// <summary>The allowed type of <paramref name="content"/> named <paramref name="name"/>, or why it is refused.</summary>
    public static (AllowedType? Type, Refusal? Refusal) Check(byte[] content, string name)
    {
        if (content.Length == 0)
        {
            return (null, Refusal.Empty);
        }
        if (Malware(content))
        {
            return (null, Refusal.Malware);
        }
        var extension = FileNames.Extension(name);
        var (type, refusal) = Sniff(content);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        if (type is null)
        {
            // Unknown content: a name claiming an allowed type is a disguise (e.g. an EXE named .pdf).
            return (null, All.Any(t => t.Extensions.Contains(extension)) ? Refusal.DisguisedExtension : Refusal.NotAllowedType);
        }
        if (!type.Extensions.Contains(extension))
        {
            return (null, Refusal.DisguisedExtension);
        }
        if (type == Pdf && PdfSafety.HasActiveContent(content))
        {
            return (null, Refusal.ActiveContent);
        }
        if ((type == Png || type == Jpeg) && ImageSize.Of(content) is var (width, height) && (width <= 0 || height <= 0 || (long)width * height > MaxImagePixels))
        {
            return (null, width <= 0 || height <= 0 ? Refusal.NotAllowedType : Refusal.ImageTooLarge);
        }
        return (type, null);
    }

    /// <summary>The most pixels a picture may claim: 50 million (a 600 dpi A4 scan has 35 million); a PNG or JPEG over it is refused before anyone decodes it.</summary>
    public const long MaxImagePixels = 50_000_000;

    /// <summary>
    /// Whether the bytes carry a known malware signature. The server has no virus scanner of its own; the EICAR anti-virus test
    /// string stands for the signatures one would find, so that the path from refusal to message is tested. Built from parts so
    /// that no scanner flags this source.
    /// </summary>
    public static bool Malware(ReadOnlySpan<byte> content) => content.IndexOf(Eicar) >= 0;

    private static readonly byte[] Eicar = System.Text.Encoding.ASCII.GetBytes(
        string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-", "FILE!$H+H*"));

    /// <summary>An Excel workbook (.xlsx) for an import; not an allowed type of filing documents.</summary>
    public static readonly AllowedType Xlsx = new("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    /// <summary>
    /// Whether <paramref name="content"/> named <paramref name="name"/> is a macro-free .xlsx workbook of sane size: a zip with
    /// its content types and workbook part, no VBA project, within the entry and expansion limits (zip bombs). Null when it is.
    /// </summary>
    public static Refusal? CheckSpreadsheet(byte[] content, string name)
    {
        var named = FileNames.Extension(name) == ".xlsx";
        return OfficeFileSafety.Check(content, OfficeFileSafety.ExcelMainPart)?.Code switch
        {
            null => named ? null : Refusal.DisguisedExtension,
            "upload.empty" => Refusal.Empty,
            "upload.notword" => named ? Refusal.DisguisedExtension : Refusal.NotAllowedType,
            "upload.macro" => Refusal.Macro,
            _ => Refusal.Unsafe,
        };
    }

    private static (AllowedType?, Refusal?) Sniff(byte[] content)
    {
        ReadOnlySpan<byte> head = content;
        if (head.StartsWith("%PDF-"u8))
        {
            return (Pdf, null);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (Jpeg, null);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (Png, null);
        }
        return head.StartsWith("PK\u0003\u0004"u8) ? SniffDocx(content) : (null, null);
    }

    /// <summary>A Word document is a safe Office package with its main part (<see cref="OfficeFileSafety"/>); anything else in a zip is unknown content.</summary>
    private static (AllowedType?, Refusal?) SniffDocx(byte[] content) => OfficeFileSafety.Check(content)?.Code switch
    {
        null => (Docx, null),
        "upload.notword" => (null, null),
        "upload.macro" => (null, Refusal.Macro),
        _ => (null, Refusal.Unsafe),
    };
}
