using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Office.Statistics;

/// <summary>
/// 定期报告: the office picks the years and downloads the statistics report to the Guidance Office as a Word file (Art. 7(5)),
/// with the same figures as the statistics page.
/// </summary>
public sealed class ReportModel(GuoheDbContext db, StatisticsCache statistics, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public Period Period => Period.Of(From, To);

    public async Task OnGetAsync() => Years = await IndexModel.YearsAsync(db, clock);

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var data = await statistics.GetAsync(db, Period, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return File(StatisticsReport.Write(data), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            $"统计报告-{data.Period.Zh}.docx");
    }
}
