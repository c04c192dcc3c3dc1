using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Features.Units;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Applicant;

/// <summary>
/// 公开信息: a pilot unit or base decides what the public may see on its page (Art. 11(7), 17) — an introduction, its website,
/// its achievements and whether its partner countries are shown. Always the signed-in user's own organisation (no id in the
/// address). Each change is recorded in the organisation's history, shown below the form.
/// </summary>
public sealed class PublicationModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class PublicationInput
    {
        [StringLength(Domain.Organisations.Publication.IntroductionLength, ErrorMessage = "{0}不能超过{1}个字。")]
        [Display(Name = "单位简介")]
        public string? Introduction { get; set; }

        [StringLength(Domain.Organisations.Publication.WebsiteLength, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "单位网址")]
        public string? Website { get; set; }

        [StringLength(Domain.Organisations.Publication.AchievementsLength, ErrorMessage = "{0}不能超过{1}个字。")]
        [Display(Name = "主要成果")]
        public string? Achievements { get; set; }

        [Display(Name = "公开合作国家")]
        public bool ShowPartnerCountries { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public PublicationInput Input { get; set; } = new();

    public string OrganisationName { get; private set; } = string.Empty;

    /// <summary>Whether the organisation is a pilot unit or base now (only then it has a public page).</summary>
    public bool Listed { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The partner countries its filed summaries name, as they would be shown.</summary>
    public IReadOnlyList<string> PartnerCountries { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OrganisationAsync() is not { } organisation)
        {
            return NotFound();
        }
        var p = organisation.Publication;
        Input = new PublicationInput
        {
            Introduction = p.Introduction, Website = p.Website, Achievements = p.Achievements, ShowPartnerCountries = p.ShowPartnerCountries,
            Version = organisation.Version,
        };
        await LoadAsync(organisation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OrganisationAsync() is not { } organisation)
        {
            return NotFound();
        }
        await LoadAsync(organisation);
        if (!Listed)
        {
            ModelState.AddModelError(string.Empty, l["只有试点单位和国合孵化基地有公开页面，本单位目前不能设置公开信息。"]);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var publication = new Publication
        {
            Introduction = Input.Introduction ?? string.Empty,
            Website = Input.Website ?? string.Empty,
            Achievements = Input.Achievements ?? string.Empty,
            ShowPartnerCountries = Input.ShowPartnerCountries,
        };
        if (publication.Trimmed() == organisation.Publication)
        {
            TempData["Message"] = l["公开信息没有变化。"].Value;
            return RedirectToPage();
        }
        db.Entry(organisation).Property(o => o.Version).OriginalValue = Input.Version;
        try
        {
            organisation.Publish(User.Actor(), clock.GetUtcNow().UtcDateTime, publication);
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["单位信息刚被同事或办公室修改过，本次未保存。请刷新页面后再改。"]);
            return Page();
        }
        TempData["Message"] = l["公开信息已保存，单位的公开页面即时更新。"].Value;
        return RedirectToPage();
    }

    private Task<Organisation?> OrganisationAsync()
    {
        var id = User.Organisation();
        return db.Organisations.SingleOrDefaultAsync(o => o.Id == id);
    }

    private async Task LoadAsync(Organisation organisation)
    {
        OrganisationName = organisation.Name;
        OrganisationId = organisation.Id;
        Listed = await PublicUnits.FindAsync(db, organisation.Id, HttpContext.RequestAborted) is not null;
        PartnerCountries = await DetailModel.PartnerCountriesAsync(db, organisation.Id, HttpContext.RequestAborted);
        History = (await db.HistoryOfAsync(organisation.Id)).Where(r => r.Trigger == "Publish").ToList();
    }
}
