using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Partners;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Institutions;

/// <summary>
/// One directory entry (Art. 9(2)–(3)): its spellings (aliases), the units and years that named it, wanted (Form 2) beside
/// actual (Forms 3–4); the office corrects its name or merges it into another entry of the same country after confirming.
/// </summary>
public sealed class DetailModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A unit's year: whether it wanted the institution (plan) and worked with it (summary).</summary>
    public sealed record UnitYear(Guid DesignationId, string OrganisationName, int Year, bool Wanted, bool Actual);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Narrows the merge targets by name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Find { get; set; }

    [BindProperty]
    [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "机构名称")]
    public string? NewName { get; set; }

    [BindProperty]
    [Display(Name = "合并到")]
    public Guid? TargetId { get; set; }

    [BindProperty]
    [Display(Name = "我已核对，两者是同一机构；合并后不能撤销。")]
    public bool Confirm { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public Institution Institution { get; private set; } = null!; // set by LoadAsync before the page renders

    public Institution? MergedInto { get; private set; }

    public IReadOnlyList<UnitYear> Units { get; private set; } = [];

    /// <summary>Unmerged entries of the same country, other than this one.</summary>
    public IReadOnlyList<Institution> Targets { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        NewName = Institution.Name;
        Version = Institution.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync()
    {
        if (await db.Institutions.SingleOrDefaultAsync(i => i.Id == Id) is not { } institution)
        {
            return NotFound();
        }
        ModelState.Remove(nameof(TargetId));
        return await ChangeAsync(institution, ModelState.IsValid,
            () => institution.Rename(User.Actor(), clock.GetUtcNow().UtcDateTime, NewName ?? string.Empty),
            l["机构名称已修改，原名称保留为别名。"].Value, institution.Id);
    }

    public async Task<IActionResult> OnPostMergeAsync()
    {
        if (await db.Institutions.SingleOrDefaultAsync(i => i.Id == Id) is not { } institution)
        {
            return NotFound();
        }
        var target = TargetId is { } targetId ? await db.Institutions.SingleOrDefaultAsync(i => i.Id == targetId) : null;
        if (target is null)
        {
            ModelState.AddModelError(nameof(TargetId), l["请选择要合并到的机构。"]);
        }
        else if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), l["请勾选确认后再合并。"]);
        }
        return await ChangeAsync(institution, target is not null && Confirm,
            () => institution.MergeInto(User.Actor(), clock.GetUtcNow().UtcDateTime, target!),
            string.Format(l["“{0}”已合并到本机构。"].Value, institution.Name), target?.Id ?? institution.Id);
    }

    /// <summary>
    /// Applies a change to the institution as it was read (stale versions refused), then shows the page of
    /// <paramref name="showId"/>; on a refusal, the page again with the reason and nothing saved.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Institution institution, bool valid, Action change, string done, Guid showId)
    {
        if (valid)
        {
            try
            {
                db.Entry(institution).Property(i => i.Version).OriginalValue = Version;
                change();
                await db.SaveChangesAsync();
                TempData["Message"] = done;
                return RedirectToPage("/Office/Institutions/Detail", new { id = showId });
            }
            catch (DomainException e)
            {
                ModelState.AddProblems(e, prefix: string.Empty);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, l["该机构刚被同事修改，本次修改未保存。请重新打开后再改。"]);
            }
        }
        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var network = await PartnerNetwork.ReadAsync(db);
        if (network.Find(Id) is not { } institution)
        {
            return false;
        }
        Institution = institution;
        MergedInto = network.Find(network.Root(Id) is { } root && root != Id ? root : null);
        Units = [.. network.NamingsOf(Id)
            .GroupBy(n => (n.DesignationId, n.OrganisationName, n.Year))
            .Select(g => new UnitYear(g.Key.DesignationId, g.Key.OrganisationName, g.Key.Year, g.Any(n => n.Wanted), g.Any(n => !n.Wanted)))
            .OrderByDescending(u => u.Year).ThenBy(u => u.OrganisationName, StringComparer.Ordinal)];
        var text = Find?.Trim() ?? string.Empty;
        Targets = [.. network.Institutions
            .Where(i => i.Id != Id && i.MergedIntoId is null && i.CountryCode == institution.CountryCode)
            .Where(i => text.Length == 0 || i.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || i.Aliases.Contains(Institution.Normalise(text)))
            .OrderBy(i => i.Name, StringComparer.Ordinal)];
        History = await db.HistoryOfAsync(Id);
        return true;
    }
}
