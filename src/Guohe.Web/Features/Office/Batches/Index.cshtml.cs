using Guohe.Domain.Common;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Batches;

/// <summary>The yearly batches (Art. 4) with their windows, newest first.</summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, int Year, string Name, DateOnly OpensOn, DateOnly ClosesOn, int? Quota, string State);

    public IReadOnlyList<Row> Batches { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batches = await db.Batches.AsNoTracking().OrderByDescending(b => b.OpensAtUtc)
            .Select(b => new { b.Id, b.Year, b.Name, b.OpensAtUtc, b.ClosesAtUtc, b.Quota }).ToListAsync();
        Batches = batches.Select(b => new Row(b.Id, b.Year, b.Name, ChinaTime.DateOf(b.OpensAtUtc), ChinaTime.DateOf(b.ClosesAtUtc.AddTicks(-1)), b.Quota,
            now < b.OpensAtUtc ? "未开始" : now < b.ClosesAtUtc ? "申报中" : "已截止")).ToList();
    }
}
