using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Files;

/// <summary>
/// Lets a request carry a file somewhat larger than <c>Files:MaxBytes</c>, so that the page itself refuses it with a clear
/// message instead of the server answering 400/413. Runs before antiforgery reads the form, as [RequestFormLimits] does,
/// but takes the limit from configuration.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitsAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Room for the multipart framing and the other fields.</summary>
    private const long Headroom = 1024 * 1024;

    public int Order => -2000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<FilesOptions>>().Value.MaxBytes + Headroom;
        var features = context.HttpContext.Features;
        if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }
        if (features.Get<IFormFeature>()?.Form is null)
        {
            features.Set<IFormFeature>(new FormFeature(context.HttpContext.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }
    }
}
