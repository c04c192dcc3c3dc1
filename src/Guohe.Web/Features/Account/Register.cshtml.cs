using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Account;

/// <summary>
/// Self-registration of an applicant unit: the organisation (by its 统一社会信用代码) and its liaison's account,
/// stored together or not at all, then confirmed by an e-mailed link.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IdentitySetup.SignInRateLimit)]
public sealed class RegisterModel(
    GuoheDbContext db, UserManager<GuoheUser> users, AccountMail mail, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "单位名称")]
        public string OrganisationName { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(40, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "统一社会信用代码")]
        public string Uscc { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "联络人姓名")]
        public string LiaisonName { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
        [StringLength(256, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "联络人邮箱（登录名）")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [RegularExpression(@"^1[3-9]\d{9}$", ErrorMessage = "手机号应为以1开头的11位数字。")]
        [Display(Name = "联络人手机")]
        public string Mobile { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
        [Display(Name = "确认密码")]
        public string ConfirmPassword { get; set; } = string.Empty;

        [Display(Name = "同意处理个人信息")]
        public bool Consent { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Uscc.TryParse(Input.Uscc, out var uscc, out var problem) && !string.IsNullOrWhiteSpace(Input.Uscc))
        {
            ModelState.AddModelError("Input.Uscc", problem!.In(Cultures.IsEnglish));
        }
        if (!Input.Consent)
        {
            ModelState.AddModelError("Input.Consent", l["请阅读并同意个人信息处理说明。"]);
        }
        if (ModelState.IsValid && await db.Organisations.AnyAsync(o => o.Uscc == uscc))
        {
            ModelState.AddModelError("Input.Uscc", l["该统一社会信用代码已注册。如需新增账号，请联系本单位联络人或办公室。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var userId = Guid.CreateVersion7(now);
        var organisation = Organisation.Register(uscc, Input.OrganisationName, Input.LiaisonName, Input.Email, Input.Mobile, now,
            new Actor(userId, Input.LiaisonName.Trim(), Role.Applicant));
        var user = new GuoheUser
        {
            Id = userId,
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            PhoneNumber = Input.Mobile,
            DisplayName = Input.LiaisonName.Trim(),
            OrganisationId = organisation.Id,
            PreferredLanguage = Cultures.IsEnglish ? Cultures.English : Cultures.Chinese,
            CreatedAtUtc = now,
            PasswordChangedAtUtc = now,
        };

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            var created = await users.CreateAsync(user, Input.Password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, nameof(Role.Applicant));
            }
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
                foreach (var error in created.Errors)
                {
                    var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                        : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Email"
                        : string.Empty;
                    ModelState.AddModelError(field, error.Description);
                }
                return Page();
            }
            await transaction.CommitAsync();
        }

        await mail.SendConfirmationAsync(HttpContext, user);
        return RedirectToPage("/Account/RegisterDone");
    }
}
