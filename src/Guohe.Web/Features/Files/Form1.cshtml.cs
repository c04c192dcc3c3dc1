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
/// An application's Form 1 (附件1 申请表) as a Word file, for everyone who may see the application (the unit, its
/// recommender, the office, the associations, the auditor, the experts on its site visit); anyone else gets 404 (ASVS 8.2.2).
/// </summary>
[Authorize]
public sealed partial class Form1Model(GuoheDbContext db, ILogger<Form1Model> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await ApplicationAccess.MaySeeAsync(db, User, id, HttpContext.RequestAborted))
        {
            LogRefused(logger, User.Id(), User.Role()?.ToString() ?? "-", id);
            return NotFound();
        }
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id, HttpContext.RequestAborted);
        var recommender = application.RecommenderOrganisationId is { } recommenderId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == recommenderId).Select(o => o.Name).SingleOrDefaultAsync(HttpContext.RequestAborted)
            : null;
        var bytes = Form1Document.Write(Form1Content.Of(application, recommender));
        return WordFile.Result(bytes, $"申请表-{application.Number ?? "草稿"}-{application.OrganisationName}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Form 1 download refused: user {UserId} ({Role}) asked for application {ApplicationId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, string role, Guid applicationId);
}
