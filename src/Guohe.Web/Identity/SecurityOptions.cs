namespace Guohe.Web.Identity;

/// <summary>The defaults of QUALITY.md; every value can be changed under <c>Security</c> in appsettings.</summary>
public sealed class SecurityOptions
{
    /// <summary>Minimum password length (MLPS 身份鉴别 a; ASVS 6.2).</summary>
    public int PasswordMinLength { get; set; } = 10;

    /// <summary>How many of the four classes (lower, upper, digit, symbol) a password must contain.</summary>
    public int PasswordMinClasses { get; set; } = 3;

    /// <summary>Days after which a password must be changed; 0 = never (MLPS sites set 90).</summary>
    public int PasswordRotationDays { get; set; }

    /// <summary>PBKDF2-HMAC-SHA512 iterations (ASVS 5.0 appendix C: at least 210,000).</summary>
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>Failed sign-ins before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 30;

    /// <summary>Idle timeout of a session (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Absolute cap of a session, however active.</summary>
    public int AbsoluteTimeoutHours { get; set; } = 12;

    /// <summary>How often a session is checked against the account (ends sessions after sign-out elsewhere or a password change).</summary>
    public int SessionCheckSeconds { get; set; } = 60;

    /// <summary>Whether office, association, administrator and auditor accounts must use an authenticator app.</summary>
    public bool TwoFactorRequiredForStaff { get; set; } = true;

    /// <summary>Sign-in attempts allowed per IP address per minute.</summary>
    public int SignInRequestsPerMinutePerIp { get; set; } = 20;

    /// <summary>The session cookie's name; <c>__Host-</c> requires HTTPS.</summary>
    public string CookieName { get; set; } = "__Host-Guohe";

    /// <summary>Send cookies only over HTTPS. Development over plain HTTP turns this off.</summary>
    public bool SecureCookies { get; set; } = true;
}
