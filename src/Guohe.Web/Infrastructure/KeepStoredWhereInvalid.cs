using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Guohe.Web.Infrastructure;

/// <summary>
/// Saving a draft with some invalid fields keeps every valid field and the stored value of every invalid one, so a
/// rejected value is never stored and nothing valid is lost. The page still shows what the user typed (model state).
/// </summary>
public static partial class KeepStoredWhereInvalid
{
    public static void Apply<T>(ModelStateDictionary modelState, string prefix, T posted, T stored)
        where T : class
    {
        foreach (var (key, entry) in modelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid || !key.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                continue;
            }
            var path = key[(prefix.Length + 1)..];
            Set(posted, path, Get(stored, path));
        }
    }

    private static object? Get(object? target, string path)
    {
        foreach (var (name, index) in Steps(path))
        {
            target = Step(target, name, index);
        }
        return target;
    }

    private static void Set(object target, string path, object? value)
    {
        var steps = Steps(path).ToList();
        object? current = target;
        foreach (var (name, index) in steps[..^1])
        {
            current = Step(current, name, index);
        }
        var (last, lastIndex) = steps[^1];
        if (current is null || current.GetType().GetProperty(last) is not { } property)
        {
            return;
        }
        if (lastIndex is int i)
        {
            if (property.GetValue(current) is IList list && i < list.Count)
            {
                list[i] = value ?? (list.GetType().GetGenericArguments()[0].IsValueType ? Activator.CreateInstance(list.GetType().GetGenericArguments()[0]) : null);
            }
            return;
        }
        if (value is null && property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
        {
            return;
        }
        property.SetValue(current, value);
    }

    private static object? Step(object? target, string name, int? index)
    {
        var value = target?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(target);
        return index is int i ? value is IList list && i < list.Count ? list[i] : null : value;
    }

    private static IEnumerable<(string Name, int? Index)> Steps(string path) =>
        path.Split('.').Select(part => StepPattern().Match(part) is { Success: true } m
            ? (m.Groups[1].Value, (int?)int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            : (part, null));

    [GeneratedRegex(@"^(\w+)\[(\d{1,4})\]$")]
    private static partial Regex StepPattern();
}
