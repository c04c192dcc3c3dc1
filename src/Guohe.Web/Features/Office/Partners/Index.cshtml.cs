using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Institutions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Partners;

/// <summary>
/// Partner reconciliation of one unit and year (Art. 9(2)–(3), 12(3)): the partners it wanted in its annual plan (Form 2 II)
/// beside those it worked with according to its annual summary (Form 3 II): matched, wanted only, actual only. Rows match by
/// directory entry after merges, or by country and normalised name when a row is not linked.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Pair(PartnerRow Wanted, PartnerRow Actual);

    [BindProperty(SupportsGet = true)]
    public Guid DesignationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public Designation Designation { get; private set; } = null!; // set in OnGetAsync before the page renders

    public IReadOnlyList<int> Years { get; private set; } = [];

    public Obligation? Plan { get; private set; }

    public Obligation? Summary { get; private set; }

    public IReadOnlyList<Pair> Matched { get; private set; } = [];

    public IReadOnlyList<PartnerRow> WantedOnly { get; private set; } = [];

    public IReadOnlyList<PartnerRow> ActualOnly { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == DesignationId) is not { } designation)
        {
            return NotFound();
        }
        Designation = designation;
        var obligations = await db.Obligations.AsNoTracking()
            .Where(o => o.DesignationId == DesignationId && (o.Kind == ObligationKind.AnnualPlan || o.Kind == ObligationKind.AnnualSummary))
            .ToListAsync();
        var thisYear = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime).Year;
        var lastYear = Math.Max(designation.RecognitionDate.Year, designation.EndedOn?.Year ?? thisYear);
        Years = [.. Enumerable.Range(designation.RecognitionDate.Year, lastYear - designation.RecognitionDate.Year + 1)
            .Union(obligations.Select(o => o.Year)).OrderDescending()];
        var year = Year is { } asked && Years.Contains(asked) ? asked : Years.Contains(thisYear) ? thisYear : Years[0];
        Year = year;
        Plan = obligations.FirstOrDefault(o => o.Kind == ObligationKind.AnnualPlan && o.Year == year);
        Summary = obligations.FirstOrDefault(o => o.Kind == ObligationKind.AnnualSummary && o.Year == year);

        var network = await PartnerNetwork.ReadAsync(db);
        var actual = (Summary?.Partners ?? []).ToList();
        var matched = new List<Pair>();
        var wantedOnly = new List<PartnerRow>();
        foreach (var wanted in Plan?.Partners ?? [])
        {
            var index = actual.FindIndex(a => network.Same(wanted, a));
            if (index < 0)
            {
                wantedOnly.Add(wanted);
                continue;
            }
            matched.Add(new Pair(wanted, actual[index]));
            actual.RemoveAt(index);
        }
        Matched = matched;
        WantedOnly = wantedOnly;
        ActualOnly = actual;
        return Page();
    }
}
