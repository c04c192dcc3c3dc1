using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Admin.Accounts;

/// <summary>Name and role, disable and re-enable, unlock, reset to a temporary password.</summary>
public sealed class EditModel(Guohe.Web.Data.GuoheDbContext db, UserManager<GuoheUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public GuoheUser Account { get; private set; } = new();

    public Role AccountRole { get; private set; }

    public bool LockedOut { get; private set; }

    public bool IsSelf { get; private set; }

    public string? TemporaryPassword { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "姓名")]
    public string DisplayName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "请选择{0}。")]
    [Display(Name = "角色")]
    public Role? NewRole { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        DisplayName = Account.DisplayName;
        NewRole = AccountRole;
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid || NewRole is not { } newRole)
        {
            return Page();
        }
        if (IsSelf && newRole != AccountRole)
        {
            ModelState.AddModelError(nameof(NewRole), l["不能修改自己的角色。"]);
            return Page();
        }
        if (newRole != AccountRole && newRole is Role.Applicant or Role.Recommender && Account.OrganisationId is null)
        {
            ModelState.AddModelError(nameof(NewRole), l["申请单位和推荐单位账号须属于一个单位，请新建账号并填写单位。"]);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        Account.DisplayName = DisplayName.Trim();
        var result = await users.UpdateAsync(Account);
        if (result.Succeeded && newRole != AccountRole)
        {
            result = await users.RemoveFromRoleAsync(Account, AccountRole.ToString());
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(Account, newRole.ToString());
            }
            if (result.Succeeded)
            {
                result = await users.UpdateSecurityStampAsync(Account); // the new role takes effect at the next sign-in
            }
        }
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        await transaction.CommitAsync();
        return Done(id, l["已保存。"]);
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (IsSelf)
        {
            ModelState.AddModelError(string.Empty, l["不能停用自己的账号。"]);
            return Page();
        }
        await Identity.Accounts.DisableAsync(users, Account, clock.GetUtcNow().UtcDateTime);
        return Done(id, l["账号已停用，其登录会话将在一分钟内失效。"]);
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await Identity.Accounts.EnableAsync(users, Account);
        return Done(id, l["账号已重新启用。"]);
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        return Done(id, l["已解除锁定。"]);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var password = Identity.Accounts.TemporaryPassword(Account.Email ?? string.Empty);
        var added = await users.ResetPasswordAsync(Account, await users.GeneratePasswordResetTokenAsync(Account), password); // one update: never without a password
        if (!added.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l["操作失败，请重试。"]);
            return Page();
        }
        Account.MustChangePassword = true;
        await users.UpdateAsync(Account);
        await users.UpdateSecurityStampAsync(Account);
        TemporaryPassword = password;
        DisplayName = Account.DisplayName;
        NewRole = AccountRole;
        return Page();
    }

    private RedirectToPageResult Done(Guid id, string message)
    {
        TempData["Message"] = message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return false;
        }
        Account = account;
        AccountRole = Enum.TryParse<Role>((await users.GetRolesAsync(account)).FirstOrDefault(), out var role) ? role : Role.Applicant;
        LockedOut = account.DisabledAtUtc is null && account.LockoutEnd > clock.GetUtcNow();
        IsSelf = account.Id == User.Id();
        return true;
    }
}
