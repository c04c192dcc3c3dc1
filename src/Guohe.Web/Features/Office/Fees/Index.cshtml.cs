using Guohe.Domain.Fees;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Fees;

/// <summary>
/// The fees charged to units (Art. 18: 调研费用、专家评审费用、科技服务费用等由申请单位承担): filter by organisation (name or
/// 统一社会信用代码), year, kind and paid or unpaid; totals per year and kind of what the filter shows; paged. The fees the
/// filter shows, unpaged, download as an .xlsx file (<c>?handler=Export</c>).
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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
        var rows = await RowsAsync();
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

    /// <summary>Every fee the filters select, unpaged, as a spreadsheet; amounts as numbers (yuan).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await RowsAsync();
        return this.Spreadsheet(l["费用登记"], clock, rows,
        [
            new(l["收费日期"], f => f.Details.ChargedOn),
            new(l["单位"], f => f.OrganisationName),
            new(l["费用类别"], f => l[FeeKindNames.Zh(f.Details.Kind)].Value),
            new(l["金额（元）"], f => f.Details.Amount),
            new(l["发票号"], f => f.Details.InvoiceNumber),
            new(l["缴费状态"], f => f.IsPaid ? l["已缴"].Value : l["未缴"].Value),
            new(l["缴费日期"], f => f.PaidOn),
        ]);
    }

    /// <summary>The one query of the list, its totals and its export: the fees the filters select, newest first.</summary>
    private async Task<List<Fee>> RowsAsync()
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
        return all
            .Where(f => text.Length == 0 || (organisationId is { } id ? f.OrganisationId == id : f.OrganisationName.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .Where(f => Year is not { } year || f.Details.ChargedOn.Year == year)
            .Where(f => Kind is not { } kind || f.Details.Kind == kind)
            .Where(f => Paid switch { "paid" => f.IsPaid, "unpaid" => !f.IsPaid, _ => true })
            .OrderByDescending(f => f.Details.ChargedOn).ThenByDescending(f => f.Id)
            .ToList();
    }

    public string Link(int page) =>
        $"?search={Uri.EscapeDataString(Search ?? string.Empty)}&year={Year}&kind={Kind}&paid={Paid}&p={page}";

    public static string Yuan(decimal amount) => amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
