using Guohe.Domain.Common;

namespace Guohe.Domain.Organisations;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z);
/// the 18th is a check character over the first 17 with weights 3^(i-1) mod 31.
/// </summary>
public readonly record struct Uscc
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private Uscc(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Parses a code, tolerating surrounding spaces, lower case and full-width characters.</summary>
    public static Uscc Parse(string? text) =>
        TryParse(text, out var uscc, out var problem) ? uscc : throw new DomainException(problem!);

    public static bool TryParse(string? text, out Uscc uscc, out Problem? problem)
    {
        uscc = default;
        var value = Normalise(text);
        if (value.Length == 0)
        {
            problem = Fail("uscc.empty", "请填写统一社会信用代码。", "Enter the unified social credit code.");
            return false;
        }
        if (value.Length != 18)
        {
            problem = Fail("uscc.length",
                $"统一社会信用代码应为18位，当前为{value.Length}位。",
                $"The unified social credit code has 18 characters; this one has {value.Length}.");
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            if (Alphabet.IndexOf(value[i], StringComparison.Ordinal) < 0)
            {
                problem = Fail("uscc.character",
                    $"统一社会信用代码第{i + 1}位“{value[i]}”不是允许的字符（数字或除I、O、S、V、Z外的大写字母）。",
                    $"Character {i + 1} ('{value[i]}') is not allowed: use digits or capital letters other than I, O, S, V, Z.");
                return false;
            }
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                problem = Fail("uscc.region",
                    "统一社会信用代码第3至8位应为行政区划代码（6位数字）。",
                    "Characters 3 to 8 of the code are the administrative division code and must be digits.");
                return false;
            }
        }
        var expected = CheckCharacter(value.AsSpan(0, 17));
        if (value[17] != expected)
        {
            problem = Fail("uscc.checksum",
                "统一社会信用代码校验位不正确，请核对是否有输入错误。",
                "The check character of the unified social credit code is wrong; please check for typing errors.");
            return false;
        }
        uscc = new Uscc(value);
        problem = null;
        return true;
    }

    /// <summary>The check character for the first 17 characters (which must be from the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    private static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw; // full-width to ASCII
            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                continue;
            }
            if (length == buffer.Length)
            {
                return text.Trim(); // far too long: keep as typed so the length message is right
            }
            buffer[length++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..length]);
    }

    private static Problem Fail(string code, string zh, string en) => new(code, zh, en, "Uscc");
}
