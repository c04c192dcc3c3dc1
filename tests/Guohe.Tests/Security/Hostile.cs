using System.Text;

namespace Guohe.Tests.Security;

/// <summary>
/// One hostile form value: text, or raw bytes sent as they are (invalid UTF-8 cannot be a .NET string), with the family it
/// belongs to for the report.
/// </summary>
public sealed record Hostile(string Family, string? Text, byte[]? Raw = null)
{
    /// <summary>The value percent-encoded for an application/x-www-form-urlencoded body, bytes and all.</summary>
    public string Encoded => Raw is { } raw ? Percent(raw) : Percent(Encoding.UTF8.GetBytes(Text ?? string.Empty));

    public static string Percent(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
    }
}

/// <summary>
/// Hostile values for issue 9's fuzz test, generated from a seed so a failure can be replayed: overlong, empty, control and
/// bidirectional characters, invalid UTF-8, SQL and script payloads, wrong types, out-of-range dates and numbers, invalid
/// 统一社会信用代码, odd addresses and Unicode.
/// </summary>
public sealed class HostileValues(int seed)
{
    /// <summary>The script payloads whose unescaped appearance in a response is a reflection (XSS).</summary>
    public static readonly string[] ScriptMarkers = ["<script>alert(", "<img src=x onerror", "<svg/onload", "<iframe src=javascript"];

    private readonly Random _random = new(seed);

    private static readonly Func<Random, Hostile>[] Families =
    [
        r => new("overlong", new string("长国合xA"[r.Next(4)], new[] { 101, 201, 256, 501, 1001, 2001, 4001, 5001, 10_001, 40_000 }[r.Next(10)])),
        r => new("empty", new[] { string.Empty, " ", "   ", "\u3000", "\t", "\r\n" }[r.Next(6)]),
        r => new("control", new[] { "a\u0000b", "\u0007铃", "\u001b[31m红", "行\u000b分", "\u0085下一行", "删\u007f", "\u0001\u0002\u0003", "名称\u0000", "\u0008退格", "\u000c换页" }[r.Next(10)]),
        r => new("bidi", new[] { "\u202Egnp.exe", "测试\u202E单位", "\u2066孤立\u2069", "\u202Dabc\u202C", "\u200F右", "\u061C阿", "\u202Aembed" }[r.Next(7)]),
        r => new("invalid-utf8", null, new[] { new byte[] { 0xFF, 0xFE }, [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x41, 0xF8, 0x88, 0x80, 0x80, 0x80], [0xE6, 0xB5] }[r.Next(7)]),
        r => new("sql", new[] { "' OR 1=1--", "'; DROP TABLE \"Applications\";--", "1; SELECT pg_sleep(5)--", "\" OR \"\"=\"", "' UNION SELECT \"PasswordHash\" FROM \"AspNetUsers\"--", "%' AND 1=0 --", "1' WAITFOR DELAY '0:0:5'--" }[r.Next(7)]),
        r => new("script", new[] { "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg/onload=alert(1)>", "</textarea><script>alert(1)</script>", "javascript:alert(1)", "<iframe src=javascript:alert(1)>", "{{7*7}}", "@(1+1)", "${7*7}" }[r.Next(9)]),
        r => new("wrong-type", new[] { "abc", "1e309", "NaN", "-0", "0x10", "１２３", "true", "1.5", "1,000", "null", "undefined", "[]", "{}" }[r.Next(13)]),
        r => new("date", new[] { "2026-02-30", "0001-01-01", "9999-12-31", "10000-01-01", "1900-01-01", "2026-13-01", "2026-00-10", "yesterday", "2026/01/01", "-1", "31/12/2026", "2026-12-31T25:61:00" }[r.Next(12)]),
        r => new("number", new[] { "-1", "0", "2147483648", "-2147483649", "99999999999999999999", "79228162514264337593543950336", "1E10", "-999999", "0.0000001", "-0.5" }[r.Next(10)]),
        r => new("uscc", new[] { "91110108MA0000000X", "123", "ABCDEFGHIJKLMNOPQR", "91110108ma00000001", "911101080000000000", "IOZSV0000000000000", "９１１１０１０８ＭＡ００００００１Ｘ", "91110108MA000000011", " 91110108MA0000000 " }[r.Next(9)]),
        r => new("address", new[] { "a@b", "@", "x@y..z", "http://localhost/", "data:text/html,<b>x</b>", "file:///etc/passwd", "//evil.example", "+86 138 0000 0000", "13800000000000000", "mailto:a@b.c" }[r.Next(10)]),
        r => new("unicode", new[] { "🙂🙂🙂", "e\u0301\u0301\u0301", "零\u200B宽", "\uFEFF", "\uFFFD", "𠀀𠀁", "ﷺ", "Ｔｅｓｔ" }[r.Next(8)]),
        r => new("path", new[] { "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "CON", "a/b/c", "\\\\server\\share" }[r.Next(6)]),
    ];

    public Hostile Next() => Families[_random.Next(Families.Length)](_random);

    public bool Chance(double p) => _random.NextDouble() < p;

    public int Next(int max) => _random.Next(max);

    /// <summary>Whether <paramref name="html"/> carries a script payload unescaped.</summary>
    public static bool Reflects(string html) => ScriptMarkers.Any(m => html.Contains(m, StringComparison.OrdinalIgnoreCase));
}
