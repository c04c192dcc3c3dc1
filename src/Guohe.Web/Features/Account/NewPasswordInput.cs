using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Guohe.Web.Features.Account;

/// <summary>A new password typed twice; shared by reset and change.</summary>
public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "请填写{0}。")]
    [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
    [DataType(DataType.Password)]
    [Display(Name = "新密码")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写{0}。")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    [Display(Name = "确认新密码")]
    public string ConfirmPassword { get; set; } = string.Empty;

    public static void AddErrors(ModelStateDictionary modelState, IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) && error.Code != "PasswordMismatch" ? "Input.Password" : string.Empty, error.Description);
        }
    }
}
