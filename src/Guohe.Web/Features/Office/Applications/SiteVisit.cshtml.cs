using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
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
/// The office schedules the site visit (Art. 11(4)): date, place, notes and the expert team with one leader, chosen from
/// the active expert accounts, each shown with the number of visits already assigned to them this year.
/// </summary>
public sealed class SiteVisitModel(GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Candidate(Guid Id, string Name, string Email, int AssignedThisYear);

    public DomainApplication Application { get; private set; } = null!; // set by LoadAsync before the page renders

    public IReadOnlyList<Candidate> Experts { get; private set; } = [];

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

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var chosen = Experts.Where(e => Team.Contains(e.Id)).ToList();
        if (chosen.Count != Team.Distinct().Count())
        {
            ModelState.AddModelError(nameof(Team), l["请从列表中选择专家。"]);
        }
        if (Leader is { } leader && !Team.Contains(leader))
        {
            ModelState.AddModelError(nameof(Leader), l["组长必须是专家组成员。"]);
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
            var visit = Domain.Reviews.SiteVisit.Schedule(actor, now, SiteVisitPurpose.ApplicationReview, Application.Id, Date!.Value, Place!, Notes,
                [.. chosen.Select(e => new ExpertAssignment(e.Id, e.Name, e.Id == Leader))]);
            Application.ScheduleSiteVisit(actor, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
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
        await notifier.ApplicationMovedAsync(Application);
        TempData["Message"] = l["实地调研已安排，专家可在“我的待办”中看到任务。"].Value;
        return RedirectToPage("/Office/Applications/Review", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Applications.SingleOrDefaultAsync(a => a.Id == id && a.Status == ApplicationStatus.PreliminaryPassed) is not { } application)
        {
            return false;
        }
        Application = application;
        var expertRole = nameof(Role.Expert);
        var experts = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where r.Name == expertRole && u.DisabledAtUtc == null
                             orderby u.DisplayName
                             select new { u.Id, u.DisplayName, u.Email }).ToListAsync();
        var yearStart = ChinaTime.StartOfDayUtc(new DateOnly(ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year, 1, 1));
        var teams = (await db.SiteVisits.AsNoTracking().Where(v => v.ScheduledAtUtc >= yearStart).ToListAsync()).Select(v => v.Team); // the team is a JSON column
        var load = teams.SelectMany(t => t).GroupBy(t => t.ExpertUserId).ToDictionary(g => g.Key, g => g.Count());
        Experts = [.. experts.Select(e => new Candidate(e.Id, e.DisplayName, e.Email ?? string.Empty, load.GetValueOrDefault(e.Id)))];
        return true;
    }
}
