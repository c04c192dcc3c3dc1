using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Admin.Accounts;

/// <summary>
/// The administrator opens an account of any role. The temporary password is shown once and must be changed
/// at first sign-in; applicant and recommender accounts belong to an organisation (registered here if new).
/// </summary>
public sealed class CreateModel(
    GuoheDbContext db, UserManager<GuoheUser> users, AccountMail mail, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public (string Email, string Password)? Created { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "姓名")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
        [StringLength(256, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "邮箱（登录名）")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "请选择{0}。")]
        [Display(Name = "角色")]
        public Role? Role { get; set; }

        [StringLength(40, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "单位统一社会信用代码")]
        public string? OrganisationUscc { get; set; }

        [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "单位名称")]
        public string? OrganisationName { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || Input.Role is not { } role)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Organisation? newOrganisation = null;
        Guid? organisationId = null;
        if (role is Role.Applicant or Role.Recommender)
        {
            if (!Uscc.TryParse(Input.OrganisationUscc, out var uscc, out var problem))
            {
                ModelState.AddModelError("Input.OrganisationUscc", problem!.In(Cultures.IsEnglish));
                return Page();
            }
            organisationId = await db.Organisations.Where(o => o.Uscc == uscc).Select(o => (Guid?)o.Id).SingleOrDefaultAsync();
            if (organisationId is null)
            {
                if (string.IsNullOrWhiteSpace(Input.OrganisationName))
                {
                    ModelState.AddModelError("Input.OrganisationName", l["该统一社会信用代码尚未登记，请填写单位名称以便一并登记。"]);
                    return Page();
                }
                newOrganisation = Organisation.Register(uscc, Input.OrganisationName, Input.DisplayName, Input.Email, string.Empty, now);
                organisationId = newOrganisation.Id;
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (newOrganisation is not null)
        {
            db.Organisations.Add(newOrganisation);
            await db.SaveChangesAsync();
        }
        var (user, password, errors) = await Identity.Accounts.CreateByAdministratorAsync(users, Input.Email, Input.DisplayName, role, organisationId, now);
        if (user is null)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email" : string.Empty, error.Description);
            }
            return Page();
        }
        await transaction.CommitAsync();
        await mail.SendAccountCreatedAsync(HttpContext, user, Roles.Label(role), role.ToString());
        Created = (user.Email!, password!);
        return Page();
    }
}
