using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Guohe.Web.Infrastructure;

/// <summary>Absolute links for e-mails: <c>App:PublicUrl</c>, required outside Development (Program.cs); the request's own address only in Development.</summary>
public static class Links
{
    public static string Absolute(HttpContext context, string pathAndQuery)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["App:PublicUrl"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
        return root + pathAndQuery;
    }

    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
