using Guohe.Web.Audit;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Audit;

/// <summary>The auditor checks the hash chain from the page, as <c>audit verify</c> does on the server (docs/decisions/0010-audit-log.md).</summary>
public sealed class VerifyModel(GuoheDbContext db) : PageModel
{
    public AuditVerification? Result { get; private set; }

    public async Task OnGetAsync() => Result = await AuditChain.VerifyAsync(db, HttpContext.RequestAborted);
}
