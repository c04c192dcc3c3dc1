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

namespace Guohe.Web.Features.Office.Applications;

/// <summary>
/// The office reads an application and acts on it: preliminary review — pass, return for revision or reject, with an
/// opinion (Art. 11(3)) — and the receipt of the two stamped paper copies (Form 1 note). The buttons shown are the
/// office's rows of the transition table for the current state.
/// </summary>
public sealed class ReviewModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The office's moves this page performs.</summary>
    public static readonly ApplicationTrigger[] Handled =
    [
        ApplicationTrigger.PassPreliminaryReview, ApplicationTrigger.ReturnForRevision,
        ApplicationTrigger.RejectPreliminaryReview, ApplicationTrigger.RecordPaperCopies,
        ApplicationTrigger.ProposeApproval, ApplicationTrigger.IssueNonApproval,
    ];

    public DomainApplication Application { get; private set; } = null!; // set by LoadAsync before the page renders

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public IReadOnlyList<ApplicationTrigger> Available { get; private set; } = [];

    /// <summary>The experts' current written opinions (Art. 11(5)), once a site visit exists.</summary>
    public IReadOnlyList<Domain.Reviews.ExpertOpinion> Opinions { get; private set; } = [];

    [BindProperty]
    [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "意见")]
    public string? Opinion { get; set; }

    [BindProperty]
    [Display(Name = "纸质材料收到日期")]
    public DateOnly? ReceivedOn { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id, tracked: false))
        {
            return NotFound();
        }
        Version = Application.Version;
        ReceivedOn = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, ApplicationTrigger trigger)
    {
        if (!await LoadAsync(id, tracked: true))
        {
            return NotFound();
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
            if (!Handled.Contains(trigger))
            {
                return BadRequest();
            }
            if (await OfficeReview.ActAsync(db, notifier, Application, trigger, actor, now, Opinion, ReceivedOn) is { } problem)
            {
                ModelState.AddProblems([problem], prefix: string.Empty);
                return Page();
            }
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该申请刚被同事处理过，本次操作未执行。请刷新页面查看最新状态。"]);
            return Page();
        }
        TempData["Message"] = l["已办理。"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>The application and what the page shows; tracked only when the post will change it (a read needs no snapshot).</summary>
    private async Task<bool> LoadAsync(Guid id, bool tracked)
    {
        var submitted = OfficeReview.Submitted(db);
        if (await (tracked ? submitted : submitted.AsNoTracking()).SingleOrDefaultAsync(a => a.Id == id) is not { } application)
        {
            return false;
        }
        Application = application;
        Documents = await db.CurrentDocumentsAsync(id);
        History = await db.HistoryOfAsync(id);
        if (application.SiteVisitId is { } visitId && await db.SiteVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId) is { } visit)
        {
            Opinions = visit.CurrentOpinions();
        }
        Available = [.. ApplicationLifecycle.Table.AvailableTo(application.Status, Role.Office).Select(r => r.Trigger).Where(Handled.Contains)];
        return true;
    }
}
