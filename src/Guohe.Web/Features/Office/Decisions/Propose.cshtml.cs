using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
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
    public static readonly DecisionKind[] Offered = [DecisionKind.DisqualifyPilot, DecisionKind.PublicNotice, DecisionKind.RevokeBase];

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
            Refusals = [.. Refusals, Pending];
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
        var seriousViolation = Kind == DecisionKind.RevokeBase && Ground == RevocationGround.SeriousViolation;
        if (seriousViolation && Facts is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Facts), l["以严重违纪违规为由取消基地资格的，请上传事实材料（《办法》第十四条）。"]);
        }
        if (await PendingAsync())
        {
            ModelState.AddProblems([Pending], prefix: string.Empty);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Decision decision;
        try
        {
            decision = Decision.Propose(User.Actor(), clock.GetUtcNow().UtcDateTime, Kind, Designation, Reason ?? string.Empty, Kind == DecisionKind.RevokeBase ? Ground : null);
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            return Page();
        }
        db.Decisions.Add(decision);
        if (Facts is { Length: > 0 } facts)
        {
            if (facts.Length > store.MaxBytes)
            {
                ModelState.AddModelError(nameof(Facts), l["文件超过{0}的大小上限。", Sizes.Format(store.MaxBytes)]);
                db.Decisions.Remove(decision);
                return Page();
            }
            var content = new byte[facts.Length];
            await using (var stream = facts.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
            }
            // The file store saves the proposal and its facts in one SaveChanges: both or neither.
            var result = await store.SaveAsync(new Upload(FileOwner.OfDesignation(Designation.Id, decision.Id), DocumentKind.SupportingFacts, facts.FileName, content), User.Id(), HttpContext.RequestAborted);
            if (result.Refusal is { } refusal)
            {
                db.Decisions.Remove(decision);
                ModelState.AddModelError(nameof(Facts), refusal switch
                {
                    Refusal.Empty => l["文件是空的，请选择要上传的文件。"],
                    Refusal.TooLarge => l["文件超过{0}的大小上限。", Sizes.Format(store.MaxBytes)],
                    Refusal.DisguisedExtension => l["文件内容与扩展名不符，请上传真实的 PDF、JPEG、PNG 或 DOCX 文件。"],
                    Refusal.Unsafe => l["文件含外部链接或异常内容（如压缩炸弹），不予接受。请去掉链接后另存再上传。"],
                    Refusal.Macro => l["含宏的 Word 文档不予接受，请另存为不含宏的 DOCX 文件后上传。"],
                    _ => l["不接受此文件类型，只接受 PDF、JPEG、PNG、DOCX 文件。"],
                });
                return Page();
            }
        }
        else
        {
            await db.SaveChangesAsync();
        }
        var kindZh = DecisionLifecycle.KindZh(Kind);
        await notifier.RoleAsync(Role.Association, null,
            $"办公室提出对{Designation.OrganisationName}{kindZh}（{Article.Zh(decision.Article)}），待您确认。",
            $"The Office proposes to {DecisionLifecycle.KindEn(Kind)} for {Designation.OrganisationName} ({decision.Article}); your confirmation is needed.",
            $"/Association/Decide/{decision.Id}");
        await notifier.SaveAsync();
        TempData["Message"] = l["已提出，待两协会确认。"].Value;
        return RedirectToPage("/Office/Decisions/Index");
    }

    /// <summary>One proposal at a time: a second one waits until the associations decide the first.</summary>
    private static readonly Problem Pending = new("decision.pending",
        "该单位已有待两协会确认的决定，请待其确认或不予确认后再提出。",
        "A decision on this unit is already waiting for the associations; propose again once they have decided it.");

    private Task<bool> PendingAsync() =>
        db.Decisions.AnyAsync(d => d.DesignationId == Designation.Id && d.Status == DecisionStatus.Proposed);

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
