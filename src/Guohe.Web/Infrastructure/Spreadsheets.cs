using System.Data;
using Guohe.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Guohe.Web.Infrastructure;

/// <summary>One column of a spreadsheet: its header, already in the reader's language (<c>l["单位名称"]</c>), and its cell for a row.</summary>
/// <param name="Value">
/// The cell: text, a number, a <see cref="DateOnly"/> (written as a date, yyyy-MM-dd), a <see cref="DateTime"/> (a date and
/// time to the minute, yyyy-MM-dd HH:mm, already in the time zone the header names) or null for an empty cell.
/// </param>
public sealed record Column<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Rows to an .xlsx file (MiniExcel): a header row (frozen, with a filter), then one row per item. Each list page declares
/// only its columns and hands over the rows its own query found, without paging. Text is always written as text, never as
/// a formula, so a cell typed as "=…" by a user cannot run in Excel.
/// </summary>
public static class Spreadsheets
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The name of the query-string handler every exporting page answers: <c>?handler=Export</c>.</summary>
    public const string ExportHandler = "Export";

    /// <summary>The workbook of one sheet named <paramref name="sheetName"/>.</summary>
    public static byte[] Write<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, string sheetName = "Sheet1")
    {
        var (table, configuration) = Table(rows, columns);
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, table, sheetName: SheetName(sheetName), excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>
    /// The file a browser downloads: <c>{listName}-{China date}.xlsx</c> (Content-Disposition with an RFC 5987 <c>filename*</c>
    /// for the Chinese name), not kept in any cache since lists may carry names of people.
    /// </summary>
    public static FileContentResult Spreadsheet<T>(this PageModel page, string listName, TimeProvider clock, IEnumerable<T> rows, IReadOnlyList<Column<T>> columns)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        page.Response.Headers.CacheControl = "no-store";
        return new FileContentResult(Write(rows, columns, listName), ContentType) { FileDownloadName = $"{listName}-{ChinaTime.Iso(today)}.xlsx" };
    }

    /// <summary>
    /// The link to this page's export with the filters in force: the current query string without the page number, plus
    /// <c>handler=Export</c>.
    /// </summary>
    public static string ExportLink(HttpRequest request)
    {
        var kept = request.Query
            .Where(q => q.Key is not ("p" or "handler"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"));
        return $"{request.Path}?{string.Join('&', ["handler=" + ExportHandler, .. kept])}";
    }

    private static (DataTable Table, OpenXmlConfiguration Configuration) Table<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns)
    {
        // A DataTable, not dictionaries: MiniExcel then writes the header row even for an empty list.
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        var headers = new List<string>();
        foreach (var column in columns)
        {
            var header = column.Header;
            for (var n = 2; headers.Contains(header); n++)
            {
                header = $"{column.Header} ({n})";
            }
            headers.Add(header);
            table.Columns.Add(header, typeof(object));
        }
        var formats = new Dictionary<string, string>();
        foreach (var row in rows)
        {
            var values = new object[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = columns[i].Value(row) switch
                {
                    null => DBNull.Value,
                    DateOnly date => Remember(formats, headers[i], "yyyy-MM-dd", date.ToDateTime(TimeOnly.MinValue)),
                    DateTime time => Remember(formats, headers[i], "yyyy-MM-dd HH:mm", new DateTime(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, DateTimeKind.Unspecified)),
                    Enum value => value.ToString(),
                    var value => value,
                };
            }
            table.Rows.Add(values);
        }
        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            AutoFilter = true,
            FreezeRowCount = 1,
            EnableAutoWidth = true, // needs FastMode: the sheet is built in memory, fine for lists of hundreds to thousands of rows
            FastMode = true,
            DynamicColumns = [.. formats.Select(f => new DynamicExcelColumn(f.Key) { Format = f.Value })],
        };
        return (table, configuration);
    }

    private static DateTime Remember(Dictionary<string, string> formats, string header, string format, DateTime value)
    {
        formats.TryAdd(header, format);
        return value;
    }

    /// <summary>Excel's limits for a sheet name: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]).Trim();
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }
}
