using Guohe.Web.Infrastructure;
using Guohe.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace Guohe.Web.Identity;

/// <summary>The account e-mails: confirm the address, reset the password, an account was created for you.</summary>
public sealed class AccountMail(UserManager<GuoheUser> users, IMailSender mail)
{
    public async Task SendConfirmationAsync(HttpContext context, GuoheUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = Links.Absolute(context, $"/Account/ConfirmEmail?userId={user.Id}&code={Links.EncodeToken(token)}");
        await mail.SendAsync(OutgoingMail.Bilingual(user.Email!, user.DisplayName, user.PreferredLanguage,
            "请确认您的邮箱 — 国合孵化基地管理系统", "Confirm your e-mail address — Guohe",
            $"{user.DisplayName}，您好：\n\n您已注册国合孵化基地管理系统账号。请打开以下链接确认邮箱，确认后即可登录：\n{link}\n\n如非本人操作，请忽略本邮件。",
            $"Hello {user.DisplayName},\n\nAn account was registered for you on Guohe. Open this link to confirm your e-mail address, then sign in:\n{link}\n\nIf this was not you, ignore this message."));
    }

    public async Task SendPasswordResetAsync(HttpContext context, GuoheUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = Links.Absolute(context, $"/Account/ResetPassword?userId={user.Id}&code={Links.EncodeToken(token)}");
        await mail.SendAsync(OutgoingMail.Bilingual(user.Email!, user.DisplayName, user.PreferredLanguage,
            "重置密码 — 国合孵化基地管理系统", "Reset your password — Guohe",
            $"{user.DisplayName}，您好：\n\n请打开以下链接设置新密码（24小时内有效）：\n{link}\n\n如非本人操作，请忽略本邮件，您的密码不会改变。",
            $"Hello {user.DisplayName},\n\nOpen this link within 24 hours to set a new password:\n{link}\n\nIf this was not you, ignore this message; your password stays unchanged."));
    }

    public Task SendAccountCreatedAsync(HttpContext context, GuoheUser user, string roleLabelZh, string roleLabelEn)
    {
        var link = Links.Absolute(context, "/Account/Login");
        return mail.SendAsync(OutgoingMail.Bilingual(user.Email!, user.DisplayName, user.PreferredLanguage,
            "您的账号已开通 — 国合孵化基地管理系统", "Your account is ready — Guohe",
            $"{user.DisplayName}，您好：\n\n系统管理员已为您开通“{roleLabelZh}”账号，登录名为本邮箱。临时密码由管理员另行告知，首次登录须修改密码。\n登录：{link}",
            $"Hello {user.DisplayName},\n\nAn administrator opened a '{roleLabelEn}' account for you; your sign-in name is this address. The administrator gives you the temporary password separately; you must change it at first sign-in.\nSign in: {link}"));
    }
}
