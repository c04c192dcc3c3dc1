using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Designations;

/// <summary>
/// 跟踪评价考核 and 表彰 of a base (Art. 14): the office records the year's grade (优秀/合格/不合格) with its opinion, and
/// commends an outstanding base. Two consecutive 不合格 years make the base a candidate for a public notice or revocation.
/// The page binds and shows; <see cref="DesignationGrading"/> records (the API calls it too).
/// </summary>
public sealed class GradeModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    public Designation Designation { get; private set; } = null!; // set by LoadAsync before the page renders

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    [BindProperty]
    [Range(2000, 2100, ErrorMessage = "{0}必须在{1}和{2}之间。")]
    [Display(Name = "考核年度")]
    public int Year { get; set; }

    [BindProperty]
    [Display(Name = "考核结果")]
    public Grade Grade { get; set; } = Grade.Pass;

    [BindProperty]
    [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "考核意见")]
    public string? Opinion { get; set; }

    [BindProperty]
    [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "表彰内容")]
    public string? Commendation { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Version = Designation.Version;
        Year = ChinaTime.DateOf(Now).Year;
        return Page();
    }

    public async Task<IActionResult> OnPostGradeAsync(Guid id) => await ActAsync(id, async () =>
    {
        await DesignationGrading.RecordGradeAsync(db, notifier, Designation, User.Actor(), Now, Year, Grade, Opinion);
        return l["已录入考核结果。"].Value;
    });

    public async Task<IActionResult> OnPostCommendAsync(Guid id) => await ActAsync(id, async () =>
    {
        await DesignationGrading.CommendAsync(db, notifier, Designation, User.Actor(), Now, Year, Commendation);
        return l["已录入表彰。"].Value;
    });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> act)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Entry(Designation).Property(d => d.Version).OriginalValue = Version;
        string message;
        try
        {
            message = await act();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该资格刚被同事处理过，本次操作未执行。请刷新页面查看最新状态。"]);
            return Page();
        }
        TempData["Message"] = message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await DesignationGrading.LoadAsync(db, id) is not { } designation)
        {
            return false;
        }
        Designation = designation;
        History = await db.HistoryOfAsync(id);
        return true;
    }
}
