using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Office.Applications;

/// <summary>
/// The office schedules the site visit (Art. 11(4)): date, place, notes and the expert team with one leader, picked from the
/// active experts of the pool who have an account. Each candidate shows their key fields, this year's assignments and any
/// conflict of interest with the applicant (same organisation, declared, past involvement); a flagged expert joins only with
/// a recorded reason. "Suggest a team" proposes one that covers the applicant's fields, avoids conflicts and balances load.
/// </summary>
public sealed class SiteVisitModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    public DomainApplication Application { get; private set; } = null!; // set by LoadAsync before the page renders

    public TeamPool Pool { get; private set; } = null!; // set by LoadAsync before the page renders

    /// <summary>Set after "suggest a team": the applicant's fields no expert free of conflicts covers.</summary>
    public KeyFields? Uncovered { get; private set; }

    public TeamPickerView Picker => new(Pool, Team, Leader, Overrides, Uncovered, TeamSize);

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [Display(Name = "调研日期")]
    public DateOnly? Date { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "调研地点")]
    public string? Place { get; set; }

    [BindProperty]
    [StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "安排说明")]
    public string? Notes { get; set; }

    [BindProperty]
    public List<Guid> Team { get; set; } = [];

    [BindProperty]
    public Guid? Leader { get; set; }

    /// <summary>The reason to assign a flagged expert anyway, by expert account.</summary>
    [BindProperty]
    public Dictionary<string, string>? Overrides { get; set; }

    [BindProperty]
    [Range(1, 9, ErrorMessage = "{0}应在{1}至{2}之间。")]
    [Display(Name = "建议人数")]
    public int TeamSize { get; set; } = 3;

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Version = Application.Version;
        Date = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).AddDays(14);
        Place = Application.Profile.Address;
        return Page();
    }

    /// <summary>Fills in a suggested team (nothing is saved): the office reviews it and schedules.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var (team, uncovered) = Pool.Suggest(TeamSize);
        ModelState.Remove(nameof(Team));
        ModelState.Remove(nameof(Leader));
        Team = [.. team.Select(t => t.ExpertUserId)];
        Leader = team.FirstOrDefault(t => t.IsLeader)?.ExpertUserId;
        Uncovered = uncovered;
        if (team.Count == 0)
        {
            ModelState.AddModelError(nameof(Team), l["没有无利益冲突的可选专家，无法建议专家组。"]);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        foreach (var (field, zh) in SiteVisitScheduling.CheckTeam(Pool, Team, Leader))
        {
            ModelState.AddModelError(field, l[zh]);
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
            await SiteVisitScheduling.ScheduleAsync(db, notifier, Application, Pool, actor, now, Date!.Value, Place!, Notes, Team, Leader, OverrideOf);
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
        TempData["Message"] = l["实地调研已安排，专家可在“我的待办”中看到任务。"].Value;
        return RedirectToPage("/Office/Applications/Review", new { id });
    }

    public string? OverrideOf(Guid expertUserId) => Overrides?.GetValueOrDefault(expertUserId.ToString());

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await SiteVisitScheduling.Waiting(db).SingleOrDefaultAsync(a => a.Id == id) is not { } application)
        {
            return false;
        }
        Application = application;
        Pool = await SiteVisitScheduling.PoolAsync(db, application, clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
