namespace Guohe.Domain.Common;

/// <summary>
/// Calendar dates of the programme (recognition date, due dates, ban dates) are dates in China
/// time, UTC+8 without daylight saving. Instants are stored in UTC; this is the one conversion.
/// </summary>
public static class ChinaTime
{
    /// <summary>The offset of China Standard Time from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China calendar date of a UTC instant.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(utc.Add(Offset));

    /// <summary>The UTC instant at which a China calendar date begins (00:00 Beijing time).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) - Offset, DateTimeKind.Utc);

    /// <summary>A date written the Chinese way, e.g. 2026年3月1日.</summary>
    public static string Zh(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>A date written the ISO way, e.g. 2026-03-01.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
