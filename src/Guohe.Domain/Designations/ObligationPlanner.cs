using Guohe.Domain.History;

namespace Guohe.Domain.Designations;

/// <summary>
/// Configurable due-date rules of the obligations; defaults: first annual plan 30 days after the recognition date,
/// later plans by 31 January; annual summary by 31 December of each year (每年年底, Art. 12(3)); construction summary
/// 60 days after the construction period ends (Art. 13(1)).
/// </summary>
public sealed record ObligationRules(
    int FirstPlanDaysAfterRecognition = 30,
    int LaterPlanDueMonth = 1,
    int LaterPlanDueDay = 31,
    int SummaryDueMonth = 12,
    int SummaryDueDay = 31,
    int ConstructionSummaryDaysAfterTerm = 60)
{
    public static ObligationRules Default { get; } = new();
}

/// <summary>
/// Which obligations a designation owes by a given day (Art. 8, 12(1), 12(3), 13(1), 14). Pure: the caller creates the
/// missing ones with <see cref="Obligation.Create"/>, from a yearly job or when a designation opens or changes.
/// </summary>
public static class ObligationPlanner
{
    /// <summary>
    /// Every obligation the designation should have by <paramref name="today"/>: a plan and a summary for each calendar year
    /// from the recognition year up to today's year, and, while a pilot, the construction summary of the current term. For an
    /// imported designation, plans and summaries due before its <see cref="Designation.ObligationsFrom"/> were handled before
    /// Guohe and are left out; the construction summary never is (acceptance needs it, Art. 13(1)).
    /// </summary>
    public static IReadOnlyList<ObligationDue> Expected(Designation designation, DateOnly today, ObligationRules rules)
    {
        if (designation.IsEnded)
        {
            return [];
        }
        var result = new List<ObligationDue>();
        var recognised = designation.RecognitionDate;
        for (var year = recognised.Year; year <= today.Year; year++)
        {
            var isBase = designation.BaseGrantedOn is { } granted && year > granted.Year;
            var planDue = year == recognised.Year
                ? recognised.AddDays(rules.FirstPlanDaysAfterRecognition)
                : new DateOnly(year, rules.LaterPlanDueMonth, rules.LaterPlanDueDay);
            var summaryDue = new DateOnly(year, rules.SummaryDueMonth, rules.SummaryDueDay);
            if (designation.ObligationsFrom is not { } from || planDue >= from)
            {
                result.Add(new ObligationDue(ObligationKind.AnnualPlan, year, planDue, isBase ? Article.Art14 : Article.Art12_1));
            }
            if (designation.ObligationsFrom is not { } since || summaryDue >= since)
            {
                result.Add(new ObligationDue(ObligationKind.AnnualSummary, year, summaryDue, isBase ? Article.Art14 : Article.Art12_3));
            }
        }
        if (designation.Status is DesignationStatus.Pilot or DesignationStatus.Extended)
        {
            result.Add(new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(rules.ConstructionSummaryDaysAfterTerm), Article.Art13_1));
        }
        return result;
    }

    /// <summary>The expected obligations that do not exist yet (matched by kind and year).</summary>
    public static IReadOnlyList<ObligationDue> Missing(Designation designation, IEnumerable<Obligation> existing, DateOnly today, ObligationRules rules)
    {
        var have = existing.Where(o => o.DesignationId == designation.Id).Select(o => (o.Kind, o.Year)).ToHashSet();
        return [.. Expected(designation, today, rules).Where(d => !have.Contains((d.Kind, d.Year)))];
    }
}
