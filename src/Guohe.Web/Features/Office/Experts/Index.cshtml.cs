using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Experts;

/// <summary>
/// The expert pool (专家库, Art. 5) kept by the office: search by name or organisation, filter by key field (Art. 15),
/// recommending association and status; each expert with this year's assignments. Paged. The same list, unpaged, downloads
/// as an .xlsx file (<c>?handler=Export</c>) with the columns the page shows — no contact details or ID numbers.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Domain.Reviews.Expert Expert, bool HasAccount, ExpertLoad Load);

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public KeyFields? Field { get; set; }

    [BindProperty(SupportsGet = true)]
    public RecommendingAssociation? Association { get; set; }

    /// <summary>"active" (default), "inactive" or "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "active";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Experts { get; private set; } = new([], 1, 20, 0);

    public int PoolSize { get; private set; }

    public async Task OnGetAsync()
    {
        var rows = await RowsAsync();
        var pages = Math.Max(1, (rows.Count + 19) / 20);
        var page = Math.Clamp(PageNumber, 1, pages);
        Experts = new Paged<Row>([.. rows.Skip((page - 1) * 20).Take(20)], page, 20, rows.Count);
    }

    /// <summary>Every expert the filters select, unpaged, as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await RowsAsync();
        return this.Spreadsheet(l["专家库"], clock, rows,
        [
            new(l["姓名"], r => r.Expert.Details.Name),
            new(l["职称"], r => r.Expert.Details.Title),
            new(l["工作单位"], r => r.Expert.Details.OrganisationName),
            new(l["省份"], r => l[r.Expert.Details.Province].Value),
            new(l["重点领域"], r => string.Join("、", KeyFieldNames.Of(r.Expert.Details.Fields).Select(f => l[f.Zh].Value))),
            new(l["推荐协会"], r => l[RecommendingAssociations.Zh(r.Expert.Details.RecommendedBy)].Value),
            new(l["登录账号"], r => r.HasAccount ? l["已关联"].Value : l["未关联"].Value),
            new(l["本年任务"], r => r.Load.ThisYear),
            new(l["未完成任务"], r => r.Load.Open),
            new(l["状态"], r => r.Expert.Active ? l["在库"].Value : l["已停用"].Value),
        ]);
    }

    /// <summary>The one query of the list and its export: the pool, filtered, by name.</summary>
    private async Task<List<Row>> RowsAsync()
    {
        // The pool is small (the committee has hundreds, not thousands): filter the flags and text in memory.
        var experts = await db.Experts.AsNoTracking().ToListAsync();
        PoolSize = experts.Count;
        var accounts = (await db.Users.Where(u => u.DisabledAtUtc == null).Select(u => u.Id).ToListAsync()).ToHashSet();
        var load = await db.LoadThisYearAsync(clock.GetUtcNow().UtcDateTime);
        var text = Search?.Trim() ?? string.Empty;
        return experts
            .Where(e => text.Length == 0 || e.Details.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || e.Details.OrganisationName.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Where(e => Field is not { } field || e.Details.Fields.HasFlag(field))
            .Where(e => Association is not { } association || e.Details.RecommendedBy == association)
            .Where(e => Status switch { "inactive" => !e.Active, "all" => true, _ => e.Active })
            .OrderBy(e => e.Details.Name, StringComparer.Ordinal)
            .Select(e => new Row(e, e.Details.UserId is { } id && accounts.Contains(id), e.Details.UserId is { } user ? load.GetValueOrDefault(user, new ExpertLoad(0, 0)) : new ExpertLoad(0, 0)))
            .ToList();
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&field={Field}&association={Association}&status={Status}&p={page}";
}
