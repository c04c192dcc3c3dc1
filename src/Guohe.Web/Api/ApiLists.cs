using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Api;

/// <summary>One page of a list in the API: the items, the page and size asked for, the total and the number of pages.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int Size, int Total, int Pages);

/// <summary>
/// The query of a list: <c>page</c> (from 1), <c>size</c> (1–100, default 20), <c>sort</c> (a field, <c>-field</c> for descending).
/// Every parameter is read as text so that a wrong one is answered with its own field error, in the request's language.
/// </summary>
public sealed class ApiListQuery(HttpContext context)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Page { get; private set; } = 1;

    public int Size { get; private set; } = DefaultSize;

    public string Sort { get; private set; } = string.Empty;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string field, string zh, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(ApiProblems.Text(context, zh, args));
    }

    /// <summary>Reads page, size and sort; <paramref name="sorts"/> are the allowed fields, the first the default.</summary>
    public ApiListQuery Read(string? page, string? size, string? sort, params string[] sorts)
    {
        if (!string.IsNullOrEmpty(page))
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 1_000_000)
            {
                Page = p;
            }
            else
            {
                Error("page", "页码应为从1开始的整数。");
            }
        }
        if (!string.IsNullOrEmpty(size))
        {
            if (int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= MaxSize)
            {
                Size = s;
            }
            else
            {
                Error("size", "每页条数应为1到{0}之间的整数。", MaxSize);
            }
        }
        Sort = sorts[0];
        if (!string.IsNullOrEmpty(sort))
        {
            if (sorts.Contains(sort, StringComparer.Ordinal))
            {
                Sort = sort;
            }
            else
            {
                Error("sort", "排序只能是：{0}。", string.Join(", ", sorts));
            }
        }
        return this;
    }

    /// <summary>An enum filter by its name (case-insensitive); a wrong name is a field error listing the allowed ones.</summary>
    public T? Enum<T>(string field, string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (System.Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        Error(field, "“{0}”的值无效，可选：{1}。", field, string.Join(", ", System.Enum.GetNames<T>()));
        return null;
    }

    public int? Number(string field, string? text, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Error(field, "“{0}”应为{1}到{2}之间的整数。", field, min, max);
        return null;
    }

    public Guid? Id(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Guid.TryParse(text, out var id))
        {
            return id;
        }
        Error(field, "“{0}”应为编号（GUID）。", field);
        return null;
    }

    /// <summary>A date as ISO 8601 (<c>2026-06-10</c>); null when absent.</summary>
    public DateOnly? Date(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(field, "“{0}”应为日期，格式为 yyyy-MM-dd。", field);
        return null;
    }

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        ApiProblems.Validation(context, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>The page asked for (an empty page past the end, never another page than asked).</summary>
    public async Task<ApiPage<T>> ReadAsync<T>(IQueryable<T> ordered)
    {
        var total = await ordered.CountAsync(context.RequestAborted);
        var items = await ordered.Skip((Page - 1) * Size).Take(Size).ToListAsync(context.RequestAborted);
        return new ApiPage<T>(items, Page, Size, total, Math.Max(1, (total + Size - 1) / Size));
    }
}
