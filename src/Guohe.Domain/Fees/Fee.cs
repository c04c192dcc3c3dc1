using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Fees;

/// <summary>The costs Art. 18 charges to the applicant unit.</summary>
public enum FeeKind
{
    /// <summary>调研费用.</summary>
    Survey,
    /// <summary>专家评审费用.</summary>
    ExpertReview,
    /// <summary>科技服务费用.</summary>
    TechnologyService,
    /// <summary>其他.</summary>
    Other,
}

/// <summary>The Chinese names of the fee kinds, in the words of Art. 18.</summary>
public static class FeeKindNames
{
    public static string Zh(FeeKind kind) => kind switch
    {
        FeeKind.Survey => "调研费用",
        FeeKind.ExpertReview => "专家评审费用",
        FeeKind.TechnologyService => "科技服务费用",
        _ => "其他费用",
    };

    public static string En(FeeKind kind) => kind switch
    {
        FeeKind.Survey => "survey fee",
        FeeKind.ExpertReview => "expert review fee",
        FeeKind.TechnologyService => "technology service fee",
        _ => "other fee",
    };
}

/// <summary>What the office records about a fee (a value: replace it whole).</summary>
public sealed record FeeDetails(FeeKind Kind, decimal Amount, DateOnly ChargedOn, string InvoiceNumber, string Description)
{
    /// <summary>The largest amount accepted, in yuan (a typing guard, not a rule of the Measures).</summary>
    public const decimal MaxAmount = 100_000_000m;

    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (!Enum.IsDefined(Kind))
        {
            problems.Add(new Problem("fee.kind", "请选择费用类别。", "Choose the kind of fee.", nameof(Kind)));
        }
        if (Amount <= 0 || Amount > MaxAmount || decimal.Round(Amount, 2) != Amount)
        {
            problems.Add(new Problem("fee.amount", "金额应大于0，最多两位小数。", "The amount must be above 0 with at most two decimals.", nameof(Amount)));
        }
        return problems;
    }
}

/// <summary>
/// A fee charged to a unit (Art. 18: 调研费用、专家评审费用、科技服务费用等均由申请单位承担), recorded by the office with
/// its invoice and whether it is paid. The unit sees its own fees.
/// </summary>
public sealed class Fee : HistoryAggregate
{
    private Fee()
    {
        Details = new FeeDetails(FeeKind.Other, 0, default, string.Empty, string.Empty);
    }

    public Guid OrganisationId { get; private set; }

    public string OrganisationName { get; private set; } = string.Empty;

    public FeeDetails Details { get; private set; }

    /// <summary>The China date it was paid (null: unpaid).</summary>
    public DateOnly? PaidOn { get; private set; }

    public bool IsPaid => PaidOn is not null;

    protected override string AggregateType => "Fee";

    public static Fee Charge(Actor actor, DateTime now, Guid organisationId, string organisationName, FeeDetails details)
    {
        RequireUtc(now);
        RequireOffice(actor);
        var fee = new Fee { Id = Guid.CreateVersion7(now), OrganisationId = organisationId, OrganisationName = organisationName, Details = Clean(details) };
        fee.Record(string.Empty, "Unpaid", "ChargeFee", actor, now, Describe(fee.Details), Article.Art18);
        return fee;
    }

    public void Correct(Actor actor, DateTime now, FeeDetails details, string reason)
    {
        RequireUtc(now);
        RequireOffice(actor);
        var why = RequireText(reason, "fee.reason", "请填写更正理由。", "Enter the reason for the correction.");
        Details = Clean(details);
        Record(StatusName(), StatusName(), "CorrectFee", actor, now, $"{Describe(Details)}；{why}", Article.Art18);
    }

    public void MarkPaid(Actor actor, DateTime now, DateOnly paidOn)
    {
        RequireUtc(now);
        RequireOffice(actor);
        if (PaidOn is not null)
        {
            throw new DomainException(new Problem("fee.paid", "该费用已登记为已缴。", "This fee is already recorded as paid."));
        }
        if (paidOn < Details.ChargedOn)
        {
            throw new DomainException(new Problem("fee.paidon", "缴费日期不能早于收费日期。", "The payment date cannot be before the charge date.", "PaidOn"));
        }
        PaidOn = paidOn;
        Record("Unpaid", "Paid", "MarkFeePaid", actor, now, ChinaTime.Iso(paidOn), Article.Art18);
    }

    private string StatusName() => IsPaid ? "Paid" : "Unpaid";

    private static string Describe(FeeDetails d) =>
        $"{FeeKindNames.Zh(d.Kind)} {d.Amount:0.00}元 {ChinaTime.Iso(d.ChargedOn)} {d.InvoiceNumber}".TrimEnd();

    private static FeeDetails Clean(FeeDetails details)
    {
        var problems = details.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        return details with { InvoiceNumber = details.InvoiceNumber.Trim(), Description = details.Description.Trim() };
    }

    private static void RequireOffice(Actor actor)
    {
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("fee.role", "只有办公室可以登记费用。", "Only the office records fees."));
        }
    }
}
