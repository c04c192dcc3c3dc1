using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Association;

/// <summary>
/// An association approver confirms or rejects a decision the office proposed. A different person from the proposer
/// (the domain refuses the proposer); confirming applies the effect in the same transaction — for a grant of the pilot
/// title, the application is approved and the designation opens with today's recognition date (Art. 11(6)).
/// </summary>
public sealed class DecideModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l,
    Guohe.Web.Features.Office.Statistics.StatisticsCache statistics) : PageModel
{
    public Decision Decision { get; private set; } = null!; // set by LoadAsync before the page renders

    public DomainApplication? Application { get; private set; }

    /// <summary>The target of every decision but GrantPilot (Art. 12(4), 13(3), 14).</summary>
    public Designation? Designation { get; private set; }

    /// <summary>The facts the office attached to its proposal (事实材料, e.g. of a serious violation, Art. 14).</summary>
    public IReadOnlyList<Guohe.Web.Files.StoredFile> Facts { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    [BindProperty]
    [StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "审批意见")]
    public string? Opinion { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Version = Decision.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id) => await ActAsync(id, confirm: true);

    public async Task<IActionResult> OnPostRejectAsync(Guid id) => await ActAsync(id, confirm: false);

    private async Task<IActionResult> ActAsync(Guid id, bool confirm)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var actor = User.Actor();
        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(Decision).Property(d => d.Version).OriginalValue = Version;
        try
        {
            if (!await Deciding.DecideAsync(db, notifier, statistics, new Deciding.Target(Decision, Application, Designation), actor, now, confirm, Opinion))
            {
                return NotFound();
            }
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该决定刚被其他审批人处理过，本次操作未执行。请刷新页面查看。"]);
            return Page();
        }
        TempData["Message"] = confirm ? l["已确认，决定生效。"].Value : l["已不予确认，办公室将看到您的意见。"].Value;
        return RedirectToPage("/Association/Index");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await Deciding.LoadAsync(db, id) is not { } target)
        {
            return false;
        }
        var decision = Decision = target.Decision;
        Application = target.Application;
        Designation = target.Designation;
        if (decision.DesignationId is not null)
        {
            Facts = await db.StoredFiles.AsNoTracking().Where(f => f.OwnerId == id && f.DeletedAtUtc == null).OrderBy(f => f.UploadedAtUtc).ToListAsync();
        }
        History = await db.TransitionRecords.AsNoTracking()
            .Where(r => r.AggregateId == id || (decision.ApplicationId != null && r.AggregateId == decision.ApplicationId)
                || (decision.DesignationId != null && r.AggregateId == decision.DesignationId))
            .OrderBy(r => r.AtUtc).ThenBy(r => r.Sequence).ToListAsync();
        return true;
    }
}
