using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// 统计分析: the figures the office steers by and reports regularly to the Guidance Office (Art. 7(5); SPEC §4) — counts by
/// stage, batch, province, unit type, level, key field (Art. 15) and construction content (Art. 9); partner countries wanted
/// and actual, Belt and Road partners marked; filings on time and late; expert workload; fees (Art. 18). Each table has a
/// chart and downloads as .xlsx (<c>?handler=Export&amp;table=…</c>), for the years chosen.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, StatisticsCache statistics, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    /// <summary>The table to export.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Table { get; set; }

    public StatisticsData Data { get; private set; } = null!; // set in OnGetAsync before the page renders

    public IReadOnlyList<int> Years { get; private set; } = [];

    public Period Period => Period.Of(From, To);

    /// <summary>
    /// The key under which the page keeps its rendered figures, tables and chart data (with the reader's language, by the
    /// <c>&lt;cache&gt;</c> tag helper): the count its figures come from, so a recount — after a minute, or at once after a
    /// decision — renders afresh. Null when the statistics cache is off.
    /// </summary>
    public string? RenderKey => statistics.Lifetime > TimeSpan.Zero ? $"{Period.Query}|{Data.Count}" : null;

    public TimeSpan RenderLifetime => statistics.Lifetime;

    public async Task OnGetAsync()
    {
        Data = await statistics.GetAsync(db, Period, HttpContext.RequestAborted);
        Years = YearsFrom(Data.FirstBatchYear, clock); // counted with the figures, so a cached dashboard reads no batches
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var data = await statistics.GetAsync(db, Period, HttpContext.RequestAborted);
        if (data.Table(Table ?? string.Empty) is not { } table)
        {
            return NotFound();
        }
        return this.Spreadsheet($"{l[table.Title]}-{StatText.Period(Period, l)}", clock, table.Rows, StatText.Columns(table, l));
    }

    /// <summary>The years to choose from: the first batch's year (or five years back) to next year.</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(GuoheDbContext db, TimeProvider clock) =>
        YearsFrom(await db.Batches.MinAsync(b => (int?)b.Year), clock);

    private static IReadOnlyList<int> YearsFrom(int? firstBatchYear, TimeProvider clock)
    {
        var thisYear = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year;
        var first = firstBatchYear ?? thisYear;
        first = Math.Min(first, thisYear - 5);
        return [.. Enumerable.Range(first, thisYear + 2 - first).OrderDescending()];
    }

    public string ExportLink(string table) => $"/Office/Statistics?handler=Export&table={table}&{Period.Query}";
}
