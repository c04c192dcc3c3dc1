using Guohe.Domain.Fees;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Fees;

/// <summary>
/// The fees charged to units (Art. 18: 调研费用、专家评审费用、科技服务费用等由申请单位承担): filter by organisation (name or
/// 统一社会信用代码), year, kind and paid or unpaid; totals per year and kind of what the filter shows; paged.
/// </summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    /// <summary>One year's totals: by kind, all, paid and unpaid.</summary>
    public sealed record YearTotal(int Year, IReadOnlyDictionary<FeeKind, decimal> ByKind, decimal Total, decimal Paid, decimal Unpaid);

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public FeeKind? Kind { get; set; }

    /// <summary>"paid", "unpaid" or empty (all).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Paid { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Fee> Fees { get; private set; } = new([], 1, 20, 0);

    public IReadOnlyList<YearTotal> Totals { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public int AllCount { get; private set; }

    public async Task OnGetAsync()
    {
        // Fees are few (a handful per unit and year): filter and total in memory.
        var all = await db.Fees.AsNoTracking().ToListAsync();
        AllCount = all.Count;
        Years = [.. all.Select(f => f.Details.ChargedOn.Year).Distinct().OrderDescending()];
        var text = Search?.Trim() ?? string.Empty;
        Guid? organisationId = null;
        if (text.Length > 0 && Uscc.TryParse(text, out var uscc, out _))
        {
            organisationId = await db.Organisations.Where(o => o.Uscc == uscc).Select(o => (Guid?)o.Id).SingleOrDefaultAsync() ?? Guid.Empty;
        }
        var rows = all
            .Where(f => text.Length == 0 || (organisationId is { } id ? f.OrganisationId == id : f.OrganisationName.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .Where(f => Year is not { } year || f.Details.ChargedOn.Year == year)
            .Where(f => Kind is not { } kind || f.Details.Kind == kind)
            .Where(f => Paid switch { "paid" => f.IsPaid, "unpaid" => !f.IsPaid, _ => true })
            .OrderByDescending(f => f.Details.ChargedOn).ThenByDescending(f => f.Id)
            .ToList();
        Totals = [.. rows.GroupBy(f => f.Details.ChargedOn.Year).OrderByDescending(g => g.Key).Select(g => new YearTotal(
            g.Key,
            Enum.GetValues<FeeKind>().ToDictionary(k => k, k => g.Where(f => f.Details.Kind == k).Sum(f => f.Details.Amount)),
            g.Sum(f => f.Details.Amount),
            g.Where(f => f.IsPaid).Sum(f => f.Details.Amount),
            g.Where(f => !f.IsPaid).Sum(f => f.Details.Amount)))];
        var pages = Math.Max(1, (rows.Count + 19) / 20);
        var page = Math.Clamp(PageNumber, 1, pages);
        Fees = new Paged<Fee>([.. rows.Skip((page - 1) * 20).Take(20)], page, 20, rows.Count);
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&year={Year}&kind={Kind}&paid={Paid}&p={page}";

    public static string Yuan(decimal amount) => amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
