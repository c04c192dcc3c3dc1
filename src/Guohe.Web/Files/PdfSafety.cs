using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Guohe.Web.Files;

/// <summary>
/// Whether a PDF carries active content (ASVS 5.2.2, issue 9): JavaScript (/JavaScript, /JS), actions run on opening or on
/// events (/OpenAction, /AA), launching programs (/Launch), embedded files and media (/EmbeddedFile, /RichMedia), forms that
/// send or load data (/SubmitForm, /ImportData, /XFA). A filing document is a scan or a printed form and needs none of them.
/// The names are looked for in the file as it is and inside its compressed streams (object streams hide dictionaries there),
/// with <c>#xx</c> escapes in names decoded (/J#61vaScript).
/// </summary>
public static partial class PdfSafety
{
    /// <summary>The most the streams of one PDF are inflated to while looking; beyond it the rest is not looked at (and is refused).</summary>
    public const long MaxInflatedBytes = 64L * 1024 * 1024;

    private static readonly HashSet<string> Active = new(StringComparer.Ordinal)
    {
        "JavaScript", "JS", "OpenAction", "AA", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "SubmitForm", "ImportData", "XFA", "GoToE",
    };

    public static bool HasActiveContent(byte[] content)
    {
        if (HasActiveName(Encoding.Latin1.GetString(content)))
        {
            return true;
        }
        long budget = MaxInflatedBytes;
        foreach (var (start, length) in Streams(content))
        {
            var inflated = Inflate(content.AsSpan(start, length).ToArray(), ref budget);
            if (budget <= 0)
            {
                return true; // a stream bomb: not a scanned form
            }
            if (inflated is not null && HasActiveName(Encoding.Latin1.GetString(inflated)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasActiveName(string text)
    {
        foreach (Match name in Name().Matches(text))
        {
            var value = name.Groups[1].Value;
            if (value.Contains('#', StringComparison.Ordinal))
            {
                value = Escape().Replace(value, m => ((char)Convert.ToInt32(m.Value[1..], 16)).ToString());
            }
            if (Active.Contains(value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The data of each <c>stream … endstream</c>.</summary>
    private static IEnumerable<(int Start, int Length)> Streams(byte[] content)
    {
        var at = 0;
        while (true)
        {
            var found = content.AsSpan(at).IndexOf("stream"u8);
            if (found < 0)
            {
                yield break;
            }
            var start = at + found + 6;
            if (at + found >= 3 && content.AsSpan(at + found - 3, 3).SequenceEqual("end"u8))
            {
                at = start;
                continue;
            }
            if (start < content.Length && content[start] == '\r')
            {
                start++;
            }
            if (start < content.Length && content[start] == '\n')
            {
                start++;
            }
            var end = content.AsSpan(start).IndexOf("endstream"u8);
            if (end < 0)
            {
                yield break;
            }
            yield return (start, end);
            at = start + end + 9;
        }
    }

    private static byte[]? Inflate(byte[] data, ref long budget)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                budget -= read;
                if (budget <= 0)
                {
                    return null;
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null; // not Flate (an image, another filter): nothing to read as names
        }
    }

    [GeneratedRegex(@"/((?:[A-Za-z0-9]|#[0-9A-Fa-f]{2})+)")]
    private static partial Regex Name();

    [GeneratedRegex("#[0-9A-Fa-f]{2}")]
    private static partial Regex Escape();
}

/// <summary>The width and height a PNG or JPEG header claims, read without decoding the picture.</summary>
public static class ImageSize
{
    /// <summary>(width, height), or null when the header does not say (a truncated or unusual file).</summary>
    public static (int Width, int Height)? Of(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            // The first chunk is IHDR: length (4), "IHDR", width (4), height (4), big-endian.
            return content.Length >= 24 && content[12..16].SequenceEqual("IHDR"u8)
                ? ((int)Math.Min(int.MaxValue, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(content[16..20])),
                   (int)Math.Min(int.MaxValue, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(content[20..24])))
                : null;
        }
        if (content.Length < 4 || content[0] != 0xFF || content[1] != 0xD8)
        {
            return null;
        }
        // JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), which holds height then width.
        var at = 2;
        while (at + 4 <= content.Length)
        {
            if (content[at] != 0xFF)
            {
                return null;
            }
            var marker = content[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }
            var length = (content[at + 2] << 8) | content[at + 3];
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return at + 9 <= content.Length
                    ? ((content[at + 7] << 8) | content[at + 8], (content[at + 5] << 8) | content[at + 6])
                    : null;
            }
            if (marker is 0xDA or 0xD9 || length < 2)
            {
                return null;
            }
            at += 2 + length;
        }
        return null;
    }
}
