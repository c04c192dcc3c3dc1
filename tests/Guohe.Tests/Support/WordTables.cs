using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Guohe.Tests.Support;

/// <summary>Reads a generated .docx back for assertions: its tables as rows of cell texts, and its validation errors.</summary>
public static class WordTables
{
    /// <summary>Every table of the body; each cell's paragraphs joined by a line break.</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Read(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        return [.. body.Elements<Table>().Select(t => (IReadOnlyList<IReadOnlyList<string>>)[.. t.Elements<TableRow>().Select(r =>
            (IReadOnlyList<string>)[.. r.Elements<TableCell>().Select(c => string.Join("\n", c.Elements<Paragraph>().Select(p => p.InnerText)))])])];
    }

    /// <summary>The paragraphs of the body outside tables.</summary>
    public static IReadOnlyList<string> Paragraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText)];
    }

    /// <summary>The cell right of the first cell whose text is <paramref name="label"/>, in any table.</summary>
    public static string ValueOf(byte[] docx, string label) =>
        Read(docx).SelectMany(t => t).Where(r => r.Count > 1)
            .Select(r => (Index: r.ToList().FindIndex(c => c == label), Row: r))
            .Where(x => x.Index >= 0 && x.Index + 1 < x.Row.Count)
            .Select(x => x.Row[x.Index + 1]).First();

    /// <summary>The Open XML SDK's schema and semantic errors, as text.</summary>
    public static IReadOnlyList<string> ValidationErrors(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return [.. new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }
}
