using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Partners;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using CountryNames = Guohe.Web.Infrastructure.Countries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Admin.Countries;

/// <summary>
/// 共建“一带一路”国家: the administrator keeps the list of countries that signed a Belt and Road cooperation document with
/// China (Art. 9(4)), which the office's statistics mark among the partner countries. Each change names who, when and why,
/// and stays in the history below.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请选择{0}。")]
    [Display(Name = "国别")]
    public string? Code { get; set; }

    [BindProperty]
    public bool Mark { get; set; } = true;

    [BindProperty]
    [StringLength(500, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "说明")]
    public string? Note { get; set; }

    public IReadOnlyList<PartnerCountry> Marked { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = Code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (ModelState.IsValid && !CountryNames.IsKnown(code))
        {
            ModelState.AddModelError(nameof(Code), l["请从列表中选择国别。"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var country = await db.PartnerCountries.SingleOrDefaultAsync(c => c.Code == code);
        if (country is null)
        {
            country = PartnerCountry.Create(now, code);
            db.PartnerCountries.Add(country);
        }
        try
        {
            if (!country.SetBeltAndRoad(User.Actor(), now, Mark, Note))
            {
                TempData["Message"] = l["{0}已经是这个状态，未作修改。", CountryNames.Name(code)].Value;
                return RedirectToPage();
            }
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            await LoadAsync();
            return Page();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(string.Empty, l["该国别刚被其他管理员修改过，本次修改未保存。请刷新页面后重试。"]);
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = (Mark ? l["已将{0}标记为共建“一带一路”国家。", CountryNames.Name(code)] : l["已取消{0}的共建“一带一路”国家标记。", CountryNames.Name(code)]).Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Marked = [.. (await db.PartnerCountries.AsNoTracking().Where(c => c.IsBeltAndRoad).ToListAsync()).OrderBy(c => CountryNames.Name(c.Code), StringComparer.Ordinal)];
        History = await db.TransitionRecords.AsNoTracking().Where(r => r.AggregateType == "PartnerCountry")
            .OrderByDescending(r => r.AtUtc).Take(200).ToListAsync();
    }
}
