using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Guohe.Web.Documents;

/// <summary>Horizontal alignment of a paragraph or cell text.</summary>
public enum Align
{
    Left,
    Centre,
    Right,
}

/// <summary>
/// One cell of a <see cref="WordTable"/> row: its text (a line break starts a new paragraph), how many grid columns it spans,
/// whether it starts or continues a vertical merge, and its look. <see cref="Blank"/> leaves room for a hand-written entry.
/// </summary>
public sealed record WordCell(string Text, int Span = 1, CellMerge Merge = CellMerge.None, bool Bold = false, Align Align = Align.Left)
{
    public static WordCell Label(string text, int span = 1, CellMerge merge = CellMerge.None) => new(text, span, merge, false, Align.Centre);

    public static WordCell Blank(int span = 1) => new(string.Empty, span);

    /// <summary>The lower part of a vertically merged cell: holds no text of its own.</summary>
    public static WordCell Continued(int span = 1) => new(string.Empty, span, CellMerge.Continue);
}

/// <summary>How a cell takes part in a vertical merge (the Measures' forms merge the label column over several rows).</summary>
public enum CellMerge
{
    None,
    Restart,
    Continue,
}

/// <summary>A table under construction: a fixed grid of columns (widths in twentieths of a point) and rows of cells.</summary>
public sealed class WordTable
{
    private readonly Table _table;
    private readonly int[] _widths;

    internal WordTable(Table table, int[] widths)
    {
        _table = table;
        _widths = widths;
    }

    /// <summary>Adds a row; the cells' spans must add up to the grid's column count. <paramref name="minHeight"/> in twips keeps room to write.</summary>
    public WordTable Row(IReadOnlyList<WordCell> cells, int minHeight = 0)
    {
        if (cells.Sum(c => c.Span) != _widths.Length)
        {
            throw new ArgumentException($"The cells span {cells.Sum(c => c.Span)} columns; the table has {_widths.Length}.", nameof(cells));
        }
        var row = new TableRow();
        var properties = new TableRowProperties();
        if (minHeight > 0)
        {
            properties.Append(new TableRowHeight { Val = (uint)minHeight, HeightType = HeightRuleValues.AtLeast });
        }
        row.Append(properties);
        var column = 0;
        foreach (var cell in cells)
        {
            var width = _widths.Skip(column).Take(cell.Span).Sum();
            column += cell.Span;
            var cellProperties = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (cell.Span > 1)
            {
                cellProperties.Append(new GridSpan { Val = cell.Span });
            }
            if (cell.Merge != CellMerge.None)
            {
                cellProperties.Append(new VerticalMerge { Val = cell.Merge == CellMerge.Restart ? MergedCellValues.Restart : MergedCellValues.Continue });
            }
            cellProperties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            var tableCell = new TableCell(cellProperties);
            tableCell.Append(WordBuilder.Paragraphs(cell.Text, WordBuilder.TableSize, cell.Bold, cell.Align));
            row.Append(tableCell);
        }
        _table.Append(row);
        return this;
    }

    public WordTable Row(params WordCell[] cells) => Row((IReadOnlyList<WordCell>)cells);
}

/// <summary>
/// Writes an A4 portrait Word document in the style of the Measures' forms: 宋体 (SimSun, with fallbacks), a bold title,
/// bordered tables with merged cells, and plain paragraphs. The single place that knows Open XML's layout details.
/// </summary>
public sealed class WordBuilder
{
    /// <summary>The East Asian font: the family name Word and WPS know as 宋体.</summary>
    public const string ChineseFont = "SimSun";

    /// <summary>Latin text and digits.</summary>
    public const string LatinFont = "Times New Roman";

    /// <summary>小四 (12 pt), in half-points.</summary>
    public const int TableSize = 24;

    /// <summary>四号 (14 pt), in half-points.</summary>
    public const int BodySize = 28;

    /// <summary>小二 (18 pt), in half-points.</summary>
    public const int TitleSize = 36;

    /// <summary>A4 in twips, with 2.54 cm / 3.17 cm margins as Word's default for Chinese documents.</summary>
    private const int PageWidth = 11906, PageHeight = 16838, MarginTopBottom = 1440, MarginLeftRight = 1800;

    /// <summary>The width between the margins, which tables fill.</summary>
    public const int TextWidth = PageWidth - (2 * MarginLeftRight);

    private readonly Body _body = new();
    private readonly List<(string RelationshipId, C.ChartSpace Chart)> _charts = [];

    /// <summary>One bar chart series: its name and a value per category.</summary>
    public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

    /// <summary>A4 landscape (certificates) instead of portrait (forms and letters).</summary>
    public bool Landscape { get; init; }

    /// <summary>A centred bold line, as the forms' title lines.</summary>
    public WordBuilder Title(string text, int size = TitleSize) => Add(Paragraphs(text, size, bold: true, Align.Centre));

    public WordBuilder Paragraph(string text, int size = BodySize, bool bold = false, Align align = Align.Left) => Add(Paragraphs(text, size, bold, align));

    /// <summary>Starts a bordered table whose columns have the given widths (twips); rows are added to the result.</summary>
    public WordTable Table(params int[] widths)
    {
        var grid = new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })),
            grid);
        _body.Append(table);
        return new WordTable(table, widths);
    }

    /// <summary>
    /// A native Word column chart (DrawingML, a chart part of the document) of clustered bars, one colour per series, the
    /// categories along the bottom and a legend below, as wide as the text. The data is kept in the chart itself (literal
    /// values, no embedded workbook), so Word and WPS draw it without a browser or a spreadsheet.
    /// </summary>
    public WordBuilder BarChart(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, int heightTwips = 4800)
    {
        var number = _charts.Count + 1;
        var relationshipId = $"rIdChart{number}";
        _charts.Add((relationshipId, ChartSpace(categories, series)));
        const long EmuPerTwip = 635;
        var inline = new DW.Inline(
            new DW.Extent { Cx = TextWidth * EmuPerTwip, Cy = heightTwips * EmuPerTwip },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = (uint)(1000 + number), Name = $"Chart {number}" },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = relationshipId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        };
        _body.Append(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new Drawing(inline))));
        return this;
    }

    private static C.ChartSpace ChartSpace(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        static string Number(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bars = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false });
        for (var i = 0; i < series.Count; i++)
        {
            OpenXmlElement[] categoryPoints = [new C.PointCount { Val = (uint)categories.Count }, .. categories.Select((c, j) => new C.StringPoint(new C.NumericValue(c)) { Index = (uint)j })];
            OpenXmlElement[] valuePoints = [new C.FormatCode("General"), new C.PointCount { Val = (uint)series[i].Values.Count },
                .. series[i].Values.Select((v, j) => new C.NumericPoint(new C.NumericValue(Number(v))) { Index = (uint)j })];
            bars.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)i },
                new C.Order { Val = (uint)i },
                new C.SeriesText(new C.NumericValue(series[i].Name)),
                new C.InvertIfNegative { Val = false },
                new C.CategoryAxisData(new C.StringLiteral(categoryPoints)),
                new C.Values(new C.NumberLiteral(valuePoints))));
        }
        bars.Append(new C.GapWidth { Val = 80 }, new C.AxisId { Val = 1U }, new C.AxisId { Val = 2U });
        var categoryAxis = new C.CategoryAxis(
            new C.AxisId { Val = 1U },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
            new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 2U },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 });
        var valueAxis = new C.ValueAxis(
            new C.AxisId { Val = 2U },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Left },
            new C.MajorGridlines(),
            new C.NumberingFormat { FormatCode = "General", SourceLinked = false },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 1U },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });
        return new C.ChartSpace(
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                new C.PlotArea(new C.Layout(), bars, categoryAxis, valueAxis),
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true }),
            new C.TextProperties(
                new A.BodyProperties(),
                new A.ListStyle(),
                new A.Paragraph(
                    new A.ParagraphProperties(new A.DefaultRunProperties(new A.LatinFont { Typeface = LatinFont }, new A.EastAsianFont { Typeface = ChineseFont }) { FontSize = 900 }),
                    new A.EndParagraphRunProperties { Language = "zh-CN" })));
    }

    /// <summary>The document as .docx bytes. Call once: the builder hands its body to the document.</summary>
    public byte[] ToBytes()
    {
        if (_body.Parent is not null)
        {
            throw new InvalidOperationException("This document has already been written; build a new one.");
        }
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = DefaultStyles();
            var fonts = main.AddNewPart<FontTablePart>();
            fonts.Fonts = FontTable();
            foreach (var (relationshipId, chart) in _charts)
            {
                main.AddNewPart<ChartPart>(relationshipId).ChartSpace = chart;
            }
            _body.Append(new SectionProperties(
                Landscape
                    ? new PageSize { Width = PageHeight, Height = PageWidth, Orient = PageOrientationValues.Landscape }
                    : new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
                new PageMargin { Top = MarginTopBottom, Bottom = MarginTopBottom, Left = MarginLeftRight, Right = MarginLeftRight, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(_body);
            document.PackageProperties.Creator = "Guohe";
        }
        return stream.ToArray();
    }

    /// <summary>One paragraph per line of <paramref name="text"/> (at least one, so an empty cell stays valid).</summary>
    internal static IEnumerable<Paragraph> Paragraphs(string text, int size, bool bold, Align align)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var line in lines)
        {
            var properties = new ParagraphProperties(
                new SpacingBetweenLines { Before = "0", After = "0" },
                new Justification { Val = align switch { Align.Centre => JustificationValues.Center, Align.Right => JustificationValues.Right, _ => JustificationValues.Left } });
            var paragraph = new Paragraph(properties);
            if (line.Length > 0)
            {
                var runProperties = new RunProperties();
                if (bold)
                {
                    runProperties.Append(new Bold(), new BoldComplexScript());
                }
                runProperties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                paragraph.Append(new Run(runProperties, new Text(line) { Space = SpaceProcessingModeValues.Preserve }));
            }
            yield return paragraph;
        }
    }

    private WordBuilder Add(IEnumerable<Paragraph> paragraphs)
    {
        _body.Append(paragraphs);
        return this;
    }

    private static Styles DefaultStyles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = LatinFont, HighAnsi = LatinFont, EastAsia = ChineseFont, ComplexScript = LatinFont },
                new FontSize { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>宋体 with its Chinese alternative name, so Word, WPS and LibreOffice find it or fall back to a CJK serif.</summary>
    private static Fonts FontTable() => new(
        new Font(new AltName { Val = "宋体" }, new Panose1Number { Val = "02010600030101010101" }, new FontCharSet { Val = "86" }, new FontFamily { Val = FontFamilyValues.Auto }, new Pitch { Val = FontPitchValues.Variable }) { Name = ChineseFont },
        new Font(new Panose1Number { Val = "02020603050405020304" }, new FontCharSet { Val = "00" }, new FontFamily { Val = FontFamilyValues.Roman }, new Pitch { Val = FontPitchValues.Variable }) { Name = LatinFont });
}
