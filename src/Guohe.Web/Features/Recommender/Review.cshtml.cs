using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Recommender;

/// <summary>
/// The recommender reads an application that named its organisation — Form 1, the filing documents and the history — and
/// endorses it to the office or declines it back to the applicant, with its written recommendation opinion
/// (Art. 11(1); Form 1 区域联络办推荐意见). Any other application is 404, and the attempt is logged.
/// </summary>
public sealed partial class ReviewModel(
    GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l, ILogger<ReviewModel> logger) : PageModel
{
    public DomainApplication Application { get; private set; } = null!; // set by LoadAsync before the page renders

    public string BatchName { get; private set; } = string.Empty;

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    /// <summary>Whether the application waits for this recommender's decision.</summary>
    public bool Actionable => Application.Status == ApplicationStatus.AwaitingRecommendation;

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "推荐意见")]
    public string? Opinion { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Version = Application.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, ApplicationTrigger trigger)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (trigger is not (ApplicationTrigger.Endorse or ApplicationTrigger.Decline))
        {
            return BadRequest();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var actor = User.Actor();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(Application).Property(a => a.Version).OriginalValue = Version;
        try
        {
            await Recommending.DecideAsync(db, notifier, Application, actor, now, trigger == ApplicationTrigger.Endorse, Opinion ?? string.Empty);
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该申请刚被同事处理过或申请单位刚修改过，本次操作未执行。请刷新页面查看最新状态。"]);
            return Page();
        }
        TempData["Message"] = trigger == ApplicationTrigger.Endorse
            ? l["已推荐，申请已送交办公室初审。"].Value
            : l["已不予推荐，申请已退回申请单位。"].Value;
        return RedirectToPage("/Recommender/Index");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var organisationId = User.Organisation();
        var application = await Recommending.Of(db, organisationId).SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            LogRefused(logger, User.Id(), organisationId, id);
            return false;
        }
        Application = application;
        BatchName = await db.Batches.Where(b => b.Id == application.BatchId).Select(b => b.Name).SingleAsync();
        Documents = await db.CurrentDocumentsAsync(id);
        History = await db.HistoryOfAsync(id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recommender review refused: user {UserId} of organisation {OrganisationId} asked for application {ApplicationId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, Guid? organisationId, Guid applicationId);
}
