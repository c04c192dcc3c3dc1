using Guohe.Domain.Common;

namespace Guohe.Domain.Organisations;

/// <summary>
/// 两年内不得再次申请: created by every confirmed cancellation (Art. 13(3)), disqualification (Art. 12(4)) or
/// revocation (Art. 14). Bars the organisation's USCC from the decision date (China date) for two years:
/// active on <see cref="StartsOn"/> and every day before <see cref="EndsOn"/>; a submission on <see cref="EndsOn"/> is accepted.
/// </summary>
public sealed class Ban
{
    private Ban()
    {
        Reason = string.Empty;
        Article = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Uscc Uscc { get; private set; }

    /// <summary>The confirmed decision that imposed the ban.</summary>
    public Guid DecisionId { get; private set; }

    /// <summary>The article of the decision: Art. 12(4), 13(3) or 14.</summary>
    public string Article { get; private set; }

    /// <summary>What happened, in Chinese, e.g. 取消试点单位资格.</summary>
    public string Reason { get; private set; }

    /// <summary>The decision date (China date).</summary>
    public DateOnly StartsOn { get; private set; }

    /// <summary>The first day the organisation may submit again: two years after <see cref="StartsOn"/>.</summary>
    public DateOnly EndsOn { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; private set; }

    public static Ban Impose(Guid organisationId, Uscc uscc, Guid decisionId, string article, string reason, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganisationId = organisationId,
        Uscc = uscc,
        DecisionId = decisionId,
        Article = article,
        Reason = reason,
        StartsOn = ChinaTime.DateOf(now),
        EndsOn = ChinaTime.DateOf(now).AddYears(2),
        CreatedAtUtc = now,
    };

    /// <summary>Whether the ban bars a submission on this China date.</summary>
    public bool IsActive(DateOnly date) => date >= StartsOn && date < EndsOn;

    /// <summary>The problem shown to the unit at submit, with the end date.</summary>
    public Problem ToProblem() => new(
        "submit.banned",
        $"本单位于{ChinaTime.Zh(StartsOn)}被{Reason}（{History.Article.Zh(Article)}），两年内不得再次申请；自{ChinaTime.Zh(EndsOn)}起可再次提交。",
        $"This unit's title was withdrawn on {ChinaTime.Iso(StartsOn)} ({Article}); it may not apply for two years and may submit again from {ChinaTime.Iso(EndsOn)}.");
}
