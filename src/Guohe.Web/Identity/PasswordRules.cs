using System.Reflection;
using Microsoft.AspNetCore.Identity;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Identity;

/// <summary>Three of four character classes and not a commonly used password (QUALITY.md; MLPS 身份鉴别 a).</summary>
public sealed class PasswordRules(IOptions<SecurityOptions> options, IStringLocalizer<SharedResource> l) : IPasswordValidator<GuoheUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<GuoheUser> manager, GuoheUser user, string? password)
    {
        password ??= string.Empty;
        var errors = new List<IdentityError>();
        var classes = (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
            + (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
            + (password.Any(char.IsAsciiDigit) ? 1 : 0)
            + (password.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        if (classes < options.Value.PasswordMinClasses)
        {
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = string.Format(CultureInfo.CurrentCulture, l["密码需包含大写字母、小写字母、数字、符号中的至少{0}类。"], options.Value.PasswordMinClasses) });
        }
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = l["该密码过于常见，容易被猜中，请换一个。"] });
        }
        if (user.Email is { Length: > 3 } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsName", Description = l["密码不能包含邮箱用户名。"] });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>Compared without case and with trailing digits and symbols removed, so "Password123!" counts as "password".</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var stem = lower.TrimEnd("0123456789!@#$%^&*.?_-".ToCharArray());
        return Common.Value.Contains(lower) || (stem.Length >= 4 && Common.Value.Contains(stem));
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Guohe.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.ToLowerInvariant());
            }
        }
        return set;
    }
}
