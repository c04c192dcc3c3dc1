using System.Text.RegularExpressions;
using Guohe.Domain.Applications;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Features.Shared;

/// <summary>A history record's action in the reader's language: the table's Chinese name, or the trigger's English words.</summary>
public static partial class HistoryText
{
    public static string Trigger(TransitionRecord record)
    {
        if (Cultures.IsEnglish)
        {
            return Words().Replace(record.Trigger, " $1").Trim();
        }
        return record.AggregateType switch
        {
            "Application" when Enum.TryParse<ApplicationTrigger>(record.Trigger, out var t) => ApplicationLifecycle.Table.TriggerZh(t),
            "Designation" when Enum.TryParse<DesignationTrigger>(record.Trigger, out var t) => DesignationLifecycle.Table.TriggerZh(t),
            "Decision" when Enum.TryParse<DecisionTrigger>(record.Trigger, out var t) => DecisionLifecycle.Table.TriggerZh(t),
            _ when record.Trigger == "Create" => "创建",
            _ => record.Trigger,
        };
    }

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
