using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features;

/// <summary>Friendly pages for error statuses, keeping the status code.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "出错了";

    public string Explanation { get; private set; } = "请求未能完成，请稍后重试。";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            403 => ("无权访问", "您的账号没有访问此页面的权限。如需访问，请联系系统管理员。"),
            404 => ("页面不存在", "您要找的页面不存在，或您无权查看。"),
            429 => ("请求过于频繁", "请稍等一分钟后再试。"),
            400 => ("请求无效", "请求无法处理，请返回上一页刷新后重试。"),
            _ => ("出错了", "请求未能完成，请稍后重试。如问题持续，请联系办公室。"),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && code is >= 400 and <= 599)
        {
            Response.StatusCode = code;
        }
    }
}
