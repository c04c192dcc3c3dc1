using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Web.Data;
using Guohe.Web.Features.Announcements;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Features.Office.Announcements;

/// <summary>
/// The office drafts an announcement or changes its draft (Art. 11(7)): title, text, optionally the batch whose proposed pilot units it
/// announces (a button fills the text with their names), and the publicity period — the start date (China date) and its length
/// (<c>Announcements:DefaultDays</c>, 7 unless configured).
/// </summary>
public sealed class EditModel(GuoheDbContext db, TimeProvider clock, IOptions<AnnouncementOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "标题")]
        public string? Title { get; set; }

        [Display(Name = "公示内容")]
        public string? Body { get; set; }

        [Display(Name = "相关批次（可不选）")]
        public Guid? BatchId { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Display(Name = "公示开始日期")]
        public DateOnly? StartsOn { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Range(1, AnnouncementText.MaxDays, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "公示天数")]
        public int? Days { get; set; }

        public int Version { get; set; }
    }

    public IReadOnlyList<SelectListItem> Batches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadBatchesAsync();
        if (Id is null)
        {
            Input = new InputModel { StartsOn = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime), Days = options.Value.DefaultDays };
            return Page();
        }
        if (await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id) is not { } announcement)
        {
            return NotFound();
        }
        if (announcement.Status != AnnouncementStatus.Draft)
        {
            TempData["Message"] = l["公示已发布，不能再修改。"].Value;
            return Redirect($"/Office/Announcements/{announcement.Id}");
        }
        Input = new InputModel
        {
            Title = announcement.Title, Body = announcement.Body, BatchId = announcement.BatchId,
            StartsOn = announcement.StartsOn, Days = announcement.Days, Version = announcement.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadBatchesAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var text = new AnnouncementText(Input.Title ?? string.Empty, Input.Body ?? string.Empty, Input.BatchId, Input.StartsOn!.Value, Input.Days!.Value);
        if (Input.BatchId is { } batchId && !await db.Batches.AnyAsync(b => b.Id == batchId))
        {
            ModelState.AddModelError("Input.BatchId", l["请选择批次。"]);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Announcement announcement;
        try
        {
            if (Id is null)
            {
                announcement = Announcement.Draft(User.Actor(), now, text);
                db.Announcements.Add(announcement);
            }
            else
            {
                if (await db.Announcements.SingleOrDefaultAsync(a => a.Id == Id) is not { } stored)
                {
                    return NotFound();
                }
                announcement = stored;
                db.Entry(announcement).Property(a => a.Version).OriginalValue = Input.Version; // the version the clerk saw
                announcement.Edit(User.Actor(), now, text);
            }
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该公示刚被他人修改，请返回重新打开后再改。您填写的内容仍在下面。"]);
            return Page();
        }
        TempData["Message"] = l["公示已保存。发布前可以继续修改。"].Value;
        return Redirect($"/Office/Announcements/{announcement.Id}");
    }

    /// <summary>Fills the text (and an empty title) with the batch's units proposed for or granted the pilot title (Art. 11(6)–(7)).</summary>
    public async Task<IActionResult> OnPostPrefillAsync()
    {
        await LoadBatchesAsync();
        ModelState.Clear();
        if (Input.BatchId is not { } batchId || await db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Name).SingleOrDefaultAsync() is not { } batch)
        {
            ModelState.AddModelError("Input.BatchId", l["请先选择批次。"]);
            return Page();
        }
        var units = await (from d in db.Decisions.AsNoTracking()
                           where d.Kind == DecisionKind.GrantPilot && (d.Status == DecisionStatus.Proposed || d.Status == DecisionStatus.Confirmed)
                           join a in db.Applications.AsNoTracking() on d.ApplicationId equals (Guid?)a.Id
                           where a.BatchId == batchId
                           orderby a.Number, a.OrganisationName
                           select a.OrganisationName).Distinct().ToListAsync();
        if (units.Count == 0)
        {
            ModelState.AddModelError("Input.BatchId", l["该批次还没有拟授予或已授予试点单位称号的单位。"]);
            return Page();
        }
        var starts = Input.StartsOn ?? ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var days = Input.Days is >= 1 and <= AnnouncementText.MaxDays ? Input.Days.Value : options.Value.DefaultDays;
        Input.StartsOn = starts;
        Input.Days = days;
        if (string.IsNullOrWhiteSpace(Input.Title))
        {
            Input.Title = $"{batch}国际科技合作孵化基地试点单位拟入选名单公示";
        }
        Input.Body = ProposedUnits.Text(batch, units, starts, starts.AddDays(days - 1));
        return Page();
    }

    private async Task LoadBatchesAsync()
    {
        var batches = await db.Batches.AsNoTracking().OrderByDescending(b => b.OpensAtUtc).Select(b => new { b.Id, b.Name }).ToListAsync();
        Batches = [.. batches.Select(b => new SelectListItem(b.Name, b.Id.ToString()))];
    }
}
