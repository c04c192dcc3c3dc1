using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Guohe.Domain.Common;

namespace Guohe.Web.Files;

/// <summary>
/// Whether an uploaded Office file (.docx, .xlsx) may be kept or opened at all (ASVS 5.2): a real Office package (a zip with
/// its content types and main part), not a zip bomb (entry count, declared and actual expanded size, compression ratio), no
/// macros, and no external references (linked templates, pictures, frames, OLE and workbook links, included files, DDE
/// fields) that Word or Excel would fetch when a clerk opens it. One check for every Office upload.
/// </summary>
public static partial class OfficeFileSafety
{
    /// <summary>The main part of a Word document.</summary>
    public const string WordMainPart = "word/document.xml";

    /// <summary>The main part of an Excel workbook.</summary>
    public const string ExcelMainPart = "xl/workbook.xml";

    /// <summary>The most a Word file may expand to; a filled Form 1 is well under 1 MB.</summary>
    public const long MaxExpandedBytes = 50L * 1024 * 1024;

    public const int MaxEntries = 1_000;

    /// <summary>A part compressed more than this many times over is a bomb, not a document.</summary>
    public const int MaxRatio = 200;

    /// <summary>Why the file is refused (codes upload.empty, notword, bomb, macro, external), or null when it may be read.</summary>
    public static Problem? Check(byte[] content, string mainPart = WordMainPart)
    {
        if (content.Length == 0)
        {
            return Refuse("empty", "文件是空的。", "The file is empty.");
        }
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return NotWord;
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return Bomb;
            }
            long expanded = 0;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                names.Add(entry.FullName);
                if (entry.Length > MaxExpandedBytes || (entry.Length > 1024 * 1024 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxRatio))
                {
                    return Bomb;
                }
                // The declared sizes may lie: count what the entry really expands to, never beyond the limit.
                long actual;
                string? text;
                try
                {
                    actual = Expand(entry, MaxExpandedBytes - expanded, out text);
                }
                catch (InvalidDataException)
                {
                    return Bomb; // the entry expands to something other than its header says
                }
                if (actual < 0)
                {
                    return Bomb;
                }
                expanded += actual;
                if (text is not null && Refusal(entry.FullName, text) is { } refusal)
                {
                    return refusal;
                }
            }
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) && n.Contains("vba", StringComparison.OrdinalIgnoreCase)))
            {
                return Macro;
            }
            return names.Contains("[Content_Types].xml") && names.Contains(mainPart) ? null : NotWord;
        }
        catch (InvalidDataException)
        {
            return NotWord;
        }
    }

    private static Problem NotWord => Refuse("notword", "这不是Word（.docx）文件。请上传用Word或WPS保存的 .docx 格式申请表。", "This is not a Word (.docx) file. Upload the form saved as .docx from Word or WPS.");

    private static Problem Bomb => Refuse("bomb", "文件解压后异常庞大（疑似压缩炸弹），不予读取。", "The file expands to an abnormal size (a zip bomb) and is not read.");

    private static Problem Macro => Refuse("macro", "含宏的Word文档不予接受，请另存为不含宏的 .docx 文件。", "Word documents with macros are not accepted; save it as a .docx without macros.");

    private static Problem External => Refuse("external", "文件引用了外部资源（链接的模板、图片、文件或字段），不予读取。请去掉链接后另存为 .docx。", "The file refers to external resources (a linked template, picture, file or field) and is not read. Remove the links and save it as .docx again.");

    private static Problem Refuse(string code, string zh, string en) => new("upload." + code, zh, en, "Upload");

    /// <summary>The entry's real expanded size (−1 beyond <paramref name="budget"/>); the text of XML parts that may hold references.</summary>
    private static long Expand(ZipArchiveEntry entry, long budget, out string? text)
    {
        text = null;
        var keepText = entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
            || entry.FullName.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)
            || ((entry.FullName.StartsWith("word/", StringComparison.OrdinalIgnoreCase) || entry.FullName.StartsWith("xl/", StringComparison.OrdinalIgnoreCase))
                && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        using var kept = keepText ? new MemoryStream() : null;
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > budget)
            {
                return -1;
            }
            kept?.Write(buffer, 0, read);
        }
        if (kept is not null)
        {
            text = Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
        }
        return total;
    }

    private static Problem? Refusal(string name, string xml)
    {
        if (name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase))
        {
            return xml.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || xml.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) ? Macro : null;
        }
        if (name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
        {
            // An external target is allowed only for a hyperlink (a website typed in a cell); anything else is fetched on open.
            foreach (Match relationship in RelationshipElement().Matches(xml))
            {
                var element = relationship.Value;
                if (element.Contains("External", StringComparison.OrdinalIgnoreCase) && ExternalMode().IsMatch(element) && !element.Contains("/hyperlink\"", StringComparison.OrdinalIgnoreCase))
                {
                    return External;
                }
                if (element.Contains("/aFChunk\"", StringComparison.OrdinalIgnoreCase) || element.Contains("/vbaProject\"", StringComparison.OrdinalIgnoreCase))
                {
                    return element.Contains("vba", StringComparison.OrdinalIgnoreCase) ? Macro : External;
                }
            }
            return null;
        }
        return IncludeField().IsMatch(xml) ? External : null;
    }

    [GeneratedRegex("<Relationship\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex RelationshipElement();

    [GeneratedRegex("TargetMode\\s*=\\s*\"External\"", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalMode();

    /// <summary>Field codes that fetch or run something: INCLUDETEXT, INCLUDEPICTURE, LINK, DDE, DDEAUTO, IMPORT.</summary>
    [GeneratedRegex("(<w:instrText\\b[^>]*>|w:instr=\")\\s*(INCLUDETEXT|INCLUDEPICTURE|DDEAUTO|DDE|IMPORT|LINK)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex IncludeField();
}
