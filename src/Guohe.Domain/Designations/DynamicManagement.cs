using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.History;

namespace Guohe.Domain.Designations;

/// <summary>The rule of the Measures a designation meets for cancellation or revocation.</summary>
public enum CancellationRule
{
    /// <summary>未提交年度计划、总结 (Art. 12(4)).</summary>
    MissingFiling,
    /// <summary>工作计划未执行 (Art. 12(4)).</summary>
    PlanNotExecuted,
    /// <summary>连续两年考核不合格 (Art. 14).</summary>
    TwoConsecutiveFails,
}

/// <summary>An obligation past its due date and not filed.</summary>
public sealed record OverdueObligation(Guid ObligationId, Guid DesignationId, string OrganisationName, ObligationKind Kind, int Year, DateOnly DueDate, int DaysOverdue);

/// <summary>A designation that meets a rule, with the decision the office may propose. The system never decides by itself.</summary>
public sealed record CancellationCandidate(Guid DesignationId, string OrganisationName, CancellationRule Rule, DecisionKind SuggestedDecision, string Article, Guid? ObligationId, Problem Explanation);

/// <summary>What the office should look at today.</summary>
public sealed record ManagementReview(IReadOnlyList<OverdueObligation> Overdue, IReadOnlyList<CancellationCandidate> Candidates);

/// <summary>
/// 动态管理 (Art. 7(3), 12(4), 14): finds overdue obligations and designations that meet a rule for cancellation or
/// revocation, so that the office can propose a <see cref="Decision"/>. It proposes, never cancels.
/// </summary>
public static class DynamicManagement
{
    public static ManagementReview Review(IEnumerable<Designation> designations, IEnumerable<Obligation> obligations, DateOnly today)
    {
        var byDesignation = obligations.ToLookup(o => o.DesignationId);
        var overdue = new List<OverdueObligation>();
        var candidates = new List<CancellationCandidate>();
        foreach (var designation in designations.Where(d => !d.IsEnded))
        {
            var pilot = designation.Status is DesignationStatus.Pilot or DesignationStatus.Extended;
            foreach (var obligation in byDesignation[designation.Id].OrderBy(o => o.DueDate))
            {
                if (obligation.IsOverdue(today))
                {
                    overdue.Add(new OverdueObligation(obligation.Id, designation.Id, designation.OrganisationName, obligation.Kind, obligation.Year, obligation.DueDate, today.DayNumber - obligation.DueDate.DayNumber));
                    if (pilot && obligation.Kind != ObligationKind.ConstructionSummary)
                    {
                        var what = obligation.Kind == ObligationKind.AnnualPlan ? ("年度工作计划", "annual work plan") : ("年度工作总结", "annual work summary");
                        candidates.Add(new CancellationCandidate(designation.Id, designation.OrganisationName, CancellationRule.MissingFiling, DecisionKind.DisqualifyPilot, Article.Art12_4, obligation.Id,
                            new Problem("management.missing-filing",
                                $"{designation.OrganisationName}未按期提交{obligation.Year}年度{what.Item1}（截止{ChinaTime.Zh(obligation.DueDate)}），符合第十二条第（四）项取消试点单位资格的情形。",
                                $"{designation.OrganisationName} did not file its {what.Item2} for {obligation.Year} (due {ChinaTime.Iso(obligation.DueDate)}); Art. 12(4) allows disqualification.")));
                    }
                }
                if (pilot && obligation.ReviewConclusion == ReviewConclusion.PlanNotExecuted)
                {
                    candidates.Add(new CancellationCandidate(designation.Id, designation.OrganisationName, CancellationRule.PlanNotExecuted, DecisionKind.DisqualifyPilot, Article.Art12_4, obligation.Id,
                        new Problem("management.plan-not-executed",
                            $"{designation.OrganisationName}{obligation.Year}年度工作计划未执行，符合第十二条第（四）项取消试点单位资格的情形。",
                            $"{designation.OrganisationName} did not carry out its {obligation.Year} work plan; Art. 12(4) allows disqualification.")));
                }
            }
            if (designation.Status == DesignationStatus.Base && designation.HasTwoConsecutiveFails())
            {
                candidates.Add(new CancellationCandidate(designation.Id, designation.OrganisationName, CancellationRule.TwoConsecutiveFails, DecisionKind.RevokeBase, Article.Art14, null,
                    new Problem("management.two-fails",
                        $"{designation.OrganisationName}连续两年考核不合格，可依第十四条给予通报或取消基地资格。",
                        $"{designation.OrganisationName} failed its evaluation two years in a row; Art. 14 allows a public notice or revocation.")));
            }
        }
        return new ManagementReview(overdue, candidates);
    }
}
