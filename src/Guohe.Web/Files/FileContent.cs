using System.IO.Compression;

namespace Guohe.Web.Files;

/// <summary>Why an upload was refused; each has its own message on the page.</summary>
public enum Refusal
{
    Empty,
    TooLarge,
    NotAllowedType,
    DisguisedExtension,
    Macro,
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

    /// <summary>A zip's entries may expand to at most this much in total (zip bombs).</summary>
    private const long MaxUncompressedBytes = 100L * 1024 * 1024;

    private const int MaxZipEntries = 10_000;

    /// <summary>The allowed type of <paramref name="content"/> named <paramref name="name"/>, or why it is refused.</summary>
    public static (AllowedType? Type, Refusal? Refusal) Check(byte[] content, string name)
    {
        if (content.Length == 0)
        {
            return (null, Refusal.Empty);
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
        return type.Extensions.Contains(extension) ? (type, null) : (null, Refusal.DisguisedExtension);
    }

    /// <summary>An Excel workbook (.xlsx) for an import; not an allowed type of filing documents.</summary>
    public static readonly AllowedType Xlsx = new("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    /// <summary>
    /// Whether <paramref name="content"/> named <paramref name="name"/> is a macro-free .xlsx workbook of sane size: a zip with
    /// its content types and workbook part, no VBA project, within the entry and expansion limits (zip bombs). Null when it is.
    /// </summary>
    public static Refusal? CheckSpreadsheet(byte[] content, string name)
    {
        if (content.Length == 0)
        {
            return Refusal.Empty;
        }
        var named = FileNames.Extension(name) == ".xlsx";
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return named ? Refusal.DisguisedExtension : Refusal.NotAllowedType;
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
            {
                return Refusal.NotAllowedType;
            }
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("xl/vbaProject.bin"))
            {
                return Refusal.Macro;
            }
            if (!names.Contains("[Content_Types].xml") || !names.Contains("xl/workbook.xml"))
            {
                return named ? Refusal.DisguisedExtension : Refusal.NotAllowedType;
            }
        }
        catch (InvalidDataException)
        {
            return named ? Refusal.DisguisedExtension : Refusal.NotAllowedType;
        }
        return named ? null : Refusal.DisguisedExtension;
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

    /// <summary>A Word document is a zip with its content types and main part; a VBA project means macros.</summary>
    private static (AllowedType?, Refusal?) SniffDocx(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries || zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
            {
                return (null, Refusal.NotAllowedType);
            }
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("word/vbaProject.bin"))
            {
                return (null, Refusal.Macro);
            }
            return names.Contains("[Content_Types].xml") && names.Contains("word/document.xml") ? (Docx, null) : (null, null);
        }
        catch (InvalidDataException)
        {
            return (null, null);
        }
    }
}
