using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Decisions;

/// <summary>
/// The office proposes a decision about a designation with a written reason: disqualification of a pilot (Art. 12(4)),
/// a public notice or revocation of a base (Art. 14: two consecutive fails, or a serious violation at any time with the
/// facts attached). The associations confirm it (<c>/Association/Decide</c>); their approvers are told it waits.
/// </summary>
[UploadLimits]
public sealed class ProposeModel(GuoheDbContext db, FileStore store, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The kinds this page proposes; acceptance decisions (Art. 13(3)) are proposed from the acceptance review.</summary>
    public static readonly DecisionKind[] Offered = DecisionProposing.Offered;

    public Designation Designation { get; private set; } = null!; // set by LoadAsync before the page renders

    /// <summary>Why the chosen decision cannot be proposed now (Designation.CheckDecision), shown before the office writes.</summary>
    public IReadOnlyList<Problem> Refusals { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    [Display(Name = "决定")]
    public DecisionKind Kind { get; set; } = DecisionKind.DisqualifyPilot;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "取消资格的理由")]
    public RevocationGround? Ground { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "拟定决定的理由")]
    public string? Reason { get; set; }

    [BindProperty]
    [Display(Name = "事实材料")]
    public IFormFile? Facts { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        if (Kind == DecisionKind.RevokeBase && Ground is null)
        {
            Ground = Designation.HasTwoConsecutiveFails() ? RevocationGround.TwoConsecutiveFails : RevocationGround.SeriousViolation;
        }
        Refusals = Offered.Contains(Kind) ? Designation.CheckDecision(Kind, Kind == DecisionKind.RevokeBase ? Ground : null) : [];
        if (await PendingAsync())
        {
            Refusals = [.. Refusals, DecisionProposing.Pending];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid designationId)
    {
        if (!await LoadAsync(designationId))
        {
            return NotFound();
        }
        if (!Offered.Contains(Kind))
        {
            return BadRequest();
        }
        if (DecisionProposing.NeedsFacts(Kind, Ground) && Facts is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Facts), l[DecisionProposing.FactsRequired]);
        }
        if (await PendingAsync())
        {
            ModelState.AddProblems([DecisionProposing.Pending], prefix: string.Empty);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var (_, refusal, args) = await DecisionProposing.ProposeAsync(db, store, notifier, Designation, User.Actor(), User.Id(),
                clock.GetUtcNow().UtcDateTime, Kind, Ground, Reason, Facts, HttpContext.RequestAborted);
            if (refusal is not null)
            {
                ModelState.AddModelError(nameof(Facts), l[refusal, args]);
                return Page();
            }
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        TempData["Message"] = l["已提出，待两协会确认。"].Value;
        return RedirectToPage("/Office/Decisions/Index");
    }

    private Task<bool> PendingAsync() => DecisionProposing.PendingAsync(db, Designation.Id);

    private async Task<bool> LoadAsync(Guid designationId)
    {
        if (await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == designationId) is not { } designation)
        {
            return false;
        }
        Designation = designation;
        return true;
    }
}
