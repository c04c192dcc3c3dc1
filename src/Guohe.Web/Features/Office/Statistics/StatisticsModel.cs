using System.Globalization;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// The years the statistics cover: the batches, filings, visits and fees of years <see cref="From"/> to <see cref="To"/>
/// (both included); null for no bound. Counts of designations by stage are always as of today.
/// </summary>
public sealed record Period(int? From, int? To)
{
    public static Period All { get; } = new(null, null);

    public static Period Year(int year) => new(year, year);

    /// <summary>The lower and upper bound to put into a query.</summary>
    public int Low => From ?? 0;

    public int High => To ?? 9999;

    /// <summary>The first and last day of the period, to compare stored dates with (no date function per row).</summary>
    public DateOnly FirstDay => new(Math.Clamp(Low, 1, 9999), 1, 1);

    public DateOnly LastDay => new(Math.Clamp(High, 1, 9999), 12, 31);

    public bool IsAll => From is null && To is null;

    /// <summary>In Chinese, e.g. 2025年 or 2024—2026年 or 全部年度 (a resource key when all).</summary>
    public string Zh => (From, To) switch
    {
        (null, null) => "全部年度",
        ({ } a, { } b) when a == b => string.Create(CultureInfo.InvariantCulture, $"{a}年"),
        (var a, var b) => string.Create(CultureInfo.InvariantCulture, $"{a?.ToString(CultureInfo.InvariantCulture) ?? "…"}—{b?.ToString(CultureInfo.InvariantCulture) ?? "…"}年"),
    };

    /// <summary>The period as a query string, e.g. <c>from=2025&amp;to=2025</c>.</summary>
    public string Query => string.Create(CultureInfo.InvariantCulture, $"from={From}&to={To}");

    /// <summary>A period with the bounds in order and within sensible years.</summary>
    public static Period Of(int? from, int? to)
    {
        static int? Clean(int? year) => year is >= 2000 and <= 2100 ? year : null;
        var (a, b) = (Clean(from), Clean(to));
        return a is { } x && b is { } y && x > y ? new Period(y, x) : new Period(a, b);
    }
}

/// <summary>How a table's row labels are shown: a Chinese resource key, a name shown as stored, or a country code.</summary>
public enum LabelKind
{
    Text,
    Verbatim,
    Country,
}

/// <summary>How the chart beside a table draws it.</summary>
public enum ChartKind
{
    None,
    Bar,
    Line,
}

/// <summary>One row: its label, a value per column and, for countries, whether it is a Belt and Road partner.</summary>
public sealed record StatRow(string Label, IReadOnlyList<decimal> Values, bool Marked = false);

/// <summary>
/// One statistics table: a key (its anchor, export and chart id), a Chinese title and note (resource keys), the value
/// columns' Chinese headers, the rows. Culture-neutral, so one cached copy serves every reader's language.
/// </summary>
public sealed record StatTable(
    string Key, string Title, string Note, string LabelHeader, LabelKind Labels, IReadOnlyList<string> Columns, IReadOnlyList<StatRow> Rows,
    ChartKind Chart = ChartKind.Bar, int? MoneyFrom = null)
{
    /// <summary>Whether the column holds an amount of money (shown with two decimals).</summary>
    public bool IsMoney(int column) => column >= (MoneyFrom ?? int.MaxValue);

    /// <summary>The column sums (for a total row), or null when a sum means nothing (distinct counts).</summary>
    public bool Summable { get; init; } = true;

    public IReadOnlyList<decimal> Totals() => [.. Columns.Select((_, i) => Rows.Sum(r => r.Values[i]))];

    /// <summary>
    /// The column that ranks the rows when the page shows only the first <see cref="PageRows"/> of a long table (the
    /// experts, the partner countries); null shows every row. The .xlsx export always holds every row.
    /// </summary>
    public int? RankBy { get; init; }

    /// <summary>How many rows the page shows at most (a long table's top rows; 10,000 units make hundreds of expert-years).</summary>
    public const int PageRows = 20;

    /// <summary>Whether the page shows only the top <see cref="PageRows"/> rows.</summary>
    public bool IsCapped => RankBy is not null && Rows.Count > PageRows;

    /// <summary>The rows the page shows and charts: all, or the top <see cref="PageRows"/> by <see cref="RankBy"/> (ties keep their order).</summary>
    public IReadOnlyList<StatRow> Shown => RankBy is { } column && Rows.Count > PageRows
        ? [.. Rows.OrderByDescending(r => r.Values[column]).Take(PageRows)]
        : Rows;
}

/// <summary>A headline figure of the dashboard.</summary>
public sealed record KeyFigure(string Key, string Label, decimal Value);

/// <summary>Everything the dashboard, its exports and the periodic report show for one period.</summary>
public sealed record StatisticsData(Period Period, DateTime AsOfUtc, IReadOnlyList<KeyFigure> Figures, IReadOnlyList<StatTable> Tables)
{
    /// <summary>Which count this is, numbered by <see cref="StatisticsCache"/>: a page keeps what it rendered from one count under this number.</summary>
    public long Count { get; init; }

    /// <summary>The year of the first batch, from which the page offers years to choose.</summary>
    public int? FirstBatchYear { get; init; }

    public StatTable? Table(string key) => Tables.FirstOrDefault(t => t.Key == key);
}
