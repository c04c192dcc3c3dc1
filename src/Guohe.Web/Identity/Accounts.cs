using System.Security.Cryptography;
using Guohe.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace Guohe.Web.Identity;

/// <summary>Account operations shared by the administrator's pages, the create-admin command and the demo seed.</summary>
public static class Accounts
{
    /// <summary>
    /// Creates a confirmed account with one role and a temporary password that must be changed at first sign-in.
    /// Returns the temporary password (shown once) or Identity's errors.
    /// </summary>
    public static async Task<(GuoheUser? User, string? TemporaryPassword, IEnumerable<IdentityError> Errors)> CreateByAdministratorAsync(
        UserManager<GuoheUser> users, string email, string displayName, Role role, Guid? organisationId, DateTime now)
    {
        var user = new GuoheUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true, // the administrator vouches for the address
            DisplayName = displayName.Trim(),
            OrganisationId = organisationId,
            MustChangePassword = true,
            CreatedAtUtc = now,
        };
        var password = TemporaryPassword(email);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, null, created.Errors);
        }
        var inRole = await users.AddToRoleAsync(user, role.ToString());
        return inRole.Succeeded ? (user, password, []) : (null, null, inRole.Errors);
    }

    /// <summary>A 16-character random password with all four character classes, never containing the e-mail's name part.</summary>
    public static string TemporaryPassword(string email)
    {
        var name = email.Split('@')[0];
        string password;
        do
        {
            password = RandomPassword();
        }
        while (name.Length > 0 && password.Contains(name, StringComparison.OrdinalIgnoreCase));
        return password;
    }

    private static string RandomPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%*-+=?";
        const string all = lower + upper + digits + symbols;
        var chars = new char[16];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>After a successful change or reset: the password is the user's own now, and its age starts again.</summary>
    public static async Task PasswordChangedAsync(UserManager<GuoheUser> users, GuoheUser user, DateTime now)
    {
        user.MustChangePassword = false;
        user.PasswordChangedAtUtc = now;
        await users.UpdateAsync(user);
    }

    /// <summary>Disables an account: it cannot sign in, and its open sessions end at their next check.</summary>
    public static async Task DisableAsync(UserManager<GuoheUser> users, GuoheUser user, DateTime now)
    {
        user.DisabledAtUtc = now;
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
    }

    public static async Task EnableAsync(UserManager<GuoheUser> users, GuoheUser user)
    {
        user.DisabledAtUtc = null;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
    }
}
