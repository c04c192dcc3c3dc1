using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Announcements;

/// <summary>
/// One announcement for the public (Art. 11(7)): its text and period, whether it is open, and after closing how the objections were
/// handled (counts by outcome, the office's handling texts and statement — never the objectors' names, contacts or texts). During the
/// period anyone may file an objection (异议) with an optional file, behind an arithmetic question and a per-IP hourly limit.
/// </summary>
[AllowAnonymous]
[UploadLimits]
public sealed class DetailModel(GuoheDbContext db, FileStore store, ObjectionGuard guard, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>One handled objection as the public sees it after closing: its number, outcome and the office's handling.</summary>
    public sealed record Handled(int Number, ObjectionOutcome? Outcome, string? Handling);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "姓名或单位名称")]
        public string? Name { get; set; }

        [Display(Name = "联系电话或电子邮箱")]
        public string? Contact { get; set; }

        [Display(Name = "异议内容及理由")]
        public string? Text { get; set; }

        [Display(Name = "验算")]
        public string? Answer { get; set; }

        public string? Token { get; set; }
    }

    public Announcement Announcement { get; private set; } = null!; // set by LoadAsync before the page renders

    public AnnouncementPhase Phase { get; private set; }

    /// <summary>Why objections are not accepted now; null while the period is open.</summary>
    public string? Refusal { get; private set; }

    public string Question { get; private set; } = string.Empty;

    public bool Filed { get; private set; }

    public IReadOnlyList<Handled> Outcomes { get; private set; } = [];

    public long MaxBytes => store.MaxBytes;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Filed = TempData["ObjectionFiled"] is true;
        return WithQuestion();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? upload)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (Refusal is not null)
        {
            return Page(); // before or after the period: the message, no form, nothing stored
        }
        var ipHash = guard.HashIp(HttpContext.Connection.RemoteIpAddress);
        if (await guard.OverLimitAsync(db, ipHash, HttpContext.RequestAborted))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(string.Empty, l["同一网络地址一小时内最多提交{0}件异议，请稍后再试。", guard.Options.ObjectionsPerHourPerIp]);
            return WithQuestion();
        }
        if (!guard.Verify(id, Input.Token, Input.Answer))
        {
            ModelState.AddModelError("Input.Answer", l["验算答案不正确或已过期，请回答新的问题。"]);
            return WithQuestion();
        }
        Objection objection;
        try
        {
            objection = Objection.File(Announcement, clock.GetUtcNow().UtcDateTime,
                new ObjectionText(Input.Name ?? string.Empty, Input.Contact ?? string.Empty, Input.Text ?? string.Empty), ipHash);
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return WithQuestion();
        }
        db.Objections.Add(objection);
        if (upload is not { Length: > 0 })
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        else
        {
            // The file and the objection are saved together: the store writes the file, then one SaveChanges holds both rows;
            // on a refusal nothing is saved (the objection stays unsaved in this request).
            var rule = UploadRule.Any(store);
            var saved = await Uploads.SaveAsync(store, FileOwner.OfObjection(objection.Id), DocumentKind.ObjectionAttachment, upload, rule,
                Guid.Empty, cancellationToken: HttpContext.RequestAborted);
            if (saved.Refusal is { } refusal)
            {
                var (zh, args) = Uploads.Refused(refusal, rule);
                ModelState.AddModelError("upload", l[zh, args]);
                return WithQuestion();
            }
        }
        TempData["ObjectionFiled"] = true;
        return RedirectToPage(new { id });
    }

    /// <summary>The page with a fresh question (a wrong or used answer never stays valid in the form).</summary>
    private PageResult WithQuestion()
    {
        if (Refusal is null)
        {
            var challenge = guard.NewChallenge(Announcement.Id);
            Question = challenge.Question;
            Input.Token = challenge.Token;
            Input.Answer = null; // the view writes the new token and an empty answer, never the posted ones
        }
        return Page();
    }

    /// <summary>A published or closed announcement (never a draft), untracked — what the public may open, here and through the API.</summary>
    public static Task<Announcement?> PublishedAsync(GuoheDbContext db, Guid id, CancellationToken cancellationToken = default) =>
        db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.Status != AnnouncementStatus.Draft, cancellationToken);

    /// <summary>How the objections were handled, as the public sees it once the announcement is closed (no objector's data); empty before.</summary>
    public static async Task<IReadOnlyList<Handled>> OutcomesAsync(GuoheDbContext db, Announcement announcement, DateTime now, CancellationToken cancellationToken = default)
    {
        if (announcement.PhaseAt(now) != AnnouncementPhase.Closed)
        {
            return [];
        }
        var handled = await db.Objections.AsNoTracking().Where(o => o.AnnouncementId == announcement.Id)
            .OrderBy(o => o.SubmittedAtUtc).ThenBy(o => o.Id)
            .Select(o => new { o.Outcome, o.Handling }).ToListAsync(cancellationToken);
        return [.. handled.Select((o, i) => new Handled(i + 1, o.Outcome, o.Handling))];
    }

    /// <summary>The published or closed announcement, its phase, why objections are refused now, and the public summary once closed.</summary>
    private async Task<bool> LoadAsync(Guid id)
    {
        if (await PublishedAsync(db, id, HttpContext.RequestAborted) is not { } announcement)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Announcement = announcement;
        Phase = announcement.PhaseAt(now);
        Refusal = announcement.ObjectionRefusal(now)?.In(Cultures.IsEnglish);
        Outcomes = await OutcomesAsync(db, announcement, now, HttpContext.RequestAborted);
        return true;
    }
}
