using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Obligations;

/// <summary>
/// The office reads a filed Form 2, 3 or 4 and gives its written review opinion (Art. 12(1), 12(3), 13(2)); for an annual
/// summary the 年度复核 conclusion: pass, or plan not executed (a ground for disqualification, Art. 12(4)). An open
/// obligation can be given a later due date with a reason. The unit is told either way.
/// </summary>
public sealed class ReviewModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    public Obligation Obligation { get; private set; } = null!; // set by LoadAsync before the page renders

    public Designation Designation { get; private set; } = null!; // set by LoadAsync before the page renders

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public DateOnly Today { get; private set; }

    [BindProperty]
    [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "审核意见")]
    public string? Opinion { get; set; }

    [BindProperty]
    [Display(Name = "年度复核结论")]
    public ReviewConclusion? Conclusion { get; set; }

    [BindProperty]
    [Display(Name = "新的截止日期")]
    public DateOnly? NewDueDate { get; set; }

    [BindProperty]
    [StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "延期理由")]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Version = Obligation.Version;
        return Page();
    }

    public Task<IActionResult> OnPostReviewAsync(Guid id) => ActAsync(id,
        () => ObligationReviewing.ReviewAsync(db, notifier, Obligation, User.Actor(), Now, Opinion, Conclusion, HttpContext.RequestAborted),
        "已审核，单位将看到审核意见。");

    public Task<IActionResult> OnPostExtendAsync(Guid id) => ActAsync(id,
        () => ObligationReviewing.ExtendAsync(db, notifier, Obligation, User.Actor(), Now, NewDueDate, Reason, HttpContext.RequestAborted),
        "已延长提交期限。");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> act, string message)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Entry(Obligation).Property(o => o.Version).OriginalValue = Version;
        try
        {
            await act();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该材料刚被同事处理过，本次操作未执行。请刷新页面查看最新状态。"]);
            return Page();
        }
        TempData["Message"] = l[message].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Obligations.SingleOrDefaultAsync(o => o.Id == id) is not { } obligation)
        {
            return false;
        }
        Obligation = obligation;
        Designation = await db.Designations.AsNoTracking().SingleAsync(d => d.Id == obligation.DesignationId);
        Documents = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerId == id && f.DeletedAtUtc == null).OrderBy(f => f.UploadedAtUtc).ToListAsync();
        History = await db.HistoryOfAsync(id);
        Today = ChinaTime.DateOf(Now);
        return true;
    }
}
