using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Applicant;

/// <summary>
/// The unit names or changes its liaison person (联络人, Art. 8: 各试点单位、基地应当明确一名联络人), who receives every notice;
/// each change is recorded in the organisation's history, shown below the form.
/// </summary>
public sealed class LiaisonModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class LiaisonInput
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "联络人姓名")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(256, ErrorMessage = "{0}不能超过{1}个字符。")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
        [Display(Name = "电子邮箱")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [RegularExpression(Form1Input.MobilePattern, ErrorMessage = "手机号应为以1开头的11位数字。")]
        [Display(Name = "手机")]
        public string? Mobile { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public LiaisonInput Input { get; set; } = new();

    public string OrganisationName { get; private set; } = string.Empty;

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await OrganisationAsync() is not { } organisation)
        {
            return NotFound();
        }
        Input = new LiaisonInput { Name = organisation.LiaisonName, Email = organisation.LiaisonEmail, Mobile = organisation.LiaisonMobile, Version = organisation.Version };
        await LoadAsync(organisation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OrganisationAsync() is not { } organisation)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(organisation);
            return Page();
        }
        var (name, email, mobile) = (Input.Name?.Trim() ?? string.Empty, Input.Email?.Trim() ?? string.Empty, Input.Mobile?.Trim() ?? string.Empty);
        if (name == organisation.LiaisonName && email == organisation.LiaisonEmail && mobile == organisation.LiaisonMobile)
        {
            TempData["Message"] = l["联络人没有变化。"].Value;
            return RedirectToPage();
        }
        db.Entry(organisation).Property(o => o.Version).OriginalValue = Input.Version;
        try
        {
            organisation.ChangeLiaison(User.Actor(), clock.GetUtcNow().UtcDateTime, name, email, mobile);
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: string.Empty);
            await LoadAsync(organisation);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["单位信息刚被同事或办公室修改过，本次未保存。请刷新页面后再改。"]);
            await LoadAsync(organisation);
            return Page();
        }
        TempData["Message"] = l["联络人已更新，今后的通知将发给新的联络人。"].Value;
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
        History = await db.HistoryOfAsync(organisation.Id);
    }
}
