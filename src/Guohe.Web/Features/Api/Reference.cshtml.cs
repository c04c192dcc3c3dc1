using System.Security.Cryptography;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Api;

/// <summary>
/// 接口文档: the browsable reference of /api/v1 (Scalar, vendored in wwwroot/lib/scalar, configured by wwwroot/js/api-reference.js),
/// reading /openapi/v1.json. Scripts stay 'self' only; Scalar injects its stylesheet, so this page alone allows a style element
/// with a per-request nonce and inline style attributes (no script is allowed inline).
/// </summary>
[AllowAnonymous]
public sealed class ReferenceModel : PageModel
{
    public string Nonce { get; private set; } = string.Empty;

    public void OnGet()
    {
        Nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        HttpContext.Items[SecurityHeaders.CspOverride] =
            $"default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{Nonce}'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }
}
