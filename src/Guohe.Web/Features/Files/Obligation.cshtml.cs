using Guohe.Web.Data;
using Guohe.Web.Documents;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Files;

/// <summary>
/// A plan, summary or construction summary (Forms 2–4) as a Word file, for everyone who may see the designation's records
/// (the unit, the office, the associations, the auditor, the experts of its acceptance evaluation); anyone else gets 404.
/// </summary>
[Authorize]
public sealed partial class ObligationModel(GuoheDbContext db, ILogger<ObligationModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var obligation = await db.Obligations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, HttpContext.RequestAborted);
        if (obligation is null || !await ApplicationAccess.MaySeeDesignationAsync(db, User, obligation.DesignationId, HttpContext.RequestAborted))
        {
            LogRefused(logger, User.Id(), User.Role()?.ToString() ?? "-", id);
            return NotFound();
        }
        var designation = await db.Designations.AsNoTracking().SingleAsync(d => d.Id == obligation.DesignationId, HttpContext.RequestAborted);
        var content = ObligationContent.Of(obligation, designation);
        return WordFile.Result(ObligationDocument.Write(content), ObligationDocument.FileName(content));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Obligation form download refused: user {UserId} ({Role}) asked for obligation {ObligationId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string role, Guid obligationId);
}
