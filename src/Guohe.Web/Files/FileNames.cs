using System.Text;

namespace Guohe.Web.Files;

/// <summary>Makes an uploader's file name safe to store and to send back in Content-Disposition (ASVS 5.3).</summary>
public static class FileNames
{
    public const int MaxLength = 255;

    /// <summary>Drops any path part, control and bidirectional-override characters; keeps at most 255 characters and the extension.</summary>
    public static string Sanitise(string? name)
    {
        var last = (name ?? string.Empty).Replace('\\', '/').Split('/')[^1];
        var kept = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            if (!char.IsControl(c) && !IsBidi(c))
            {
                kept.Append(c);
            }
        }
        var clean = kept.ToString().Trim().TrimStart('.');
        if (clean.Length == 0)
        {
            return "file";
        }
        if (clean.Length <= MaxLength)
        {
            return clean;
        }
        var extension = Path.GetExtension(clean);
        extension = extension.Length > 16 ? string.Empty : extension;
        return clean[..(MaxLength - extension.Length)] + extension;
    }

    /// <summary>The extension in lower case, e.g. ".pdf"; empty when there is none.</summary>
    public static string Extension(string name) => Path.GetExtension(name).ToLowerInvariant();

    private static bool IsBidi(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
