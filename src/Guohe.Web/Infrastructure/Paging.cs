using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Infrastructure;

/// <summary>One page of a long list, with what the pager needs.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public Pager Pager(Func<int, string> link) => new(Page, Pages, Total, link);
}

/// <summary>The model of the _Pager partial.</summary>
public sealed record Pager(int Page, int Pages, int Total, Func<int, string> Link);

public static class Paging
{
    public static async Task<Paged<T>> ReadAsync<T>(IQueryable<T> ordered, int page, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, page, pageSize, total);
    }
}
