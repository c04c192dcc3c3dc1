using Microsoft.AspNetCore.Identity;

namespace Guohe.Web.Identity;

/// <summary>An account. One account holds exactly one role (separation of duties, docs/decisions/0003).</summary>
public sealed class GuoheUser : IdentityUser<Guid>
{
    /// <summary>姓名 as shown to others.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The unit an applicant or recommender account acts for.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>"zh-CN" or "en": the language of the interface and of e-mails.</summary>
    public string PreferredLanguage { get; set; } = "zh-CN";

    /// <summary>Set for accounts an administrator created: the first sign-in must change the password.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime? PasswordChangedAtUtc { get; set; }

    /// <summary>Set while an administrator has disabled the account.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
