using Guohe.Domain.Fees;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant;

/// <summary>
/// The fees charged to this unit (Art. 18: 调研费用、专家评审费用、科技服务费用等均由申请单位承担) as the office recorded them —
/// kind, amount, date, invoice, paid or not — with the totals of each year. Only the unit's own fees are read.
/// </summary>
public sealed class FeesModel(GuoheDbContext db) : PageModel
{
    public sealed record FeeView(FeeKind Kind, decimal Amount, DateOnly ChargedOn, string InvoiceNumber, string Description, DateOnly? PaidOn);

    public sealed record YearTotal(int Year, decimal Charged, decimal Paid)
    {
        public decimal Unpaid => Charged - Paid;
    }

    public IReadOnlyList<FeeView> Fees { get; private set; } = [];

    public IReadOnlyList<YearTotal> Totals { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var organisationId = User.Organisation();
        // Amounts are summed here, not in SQL: SQLite cannot sum decimals, and a unit has few fees.
        Fees = (await db.Fees.AsNoTracking().Where(f => organisationId != null && f.OrganisationId == organisationId)
                .Select(f => new FeeView(f.Details.Kind, f.Details.Amount, f.Details.ChargedOn, f.Details.InvoiceNumber, f.Details.Description, f.PaidOn))
                .ToListAsync())
            .OrderByDescending(f => f.ChargedOn).ToList();
        Totals = [.. Fees.GroupBy(f => f.ChargedOn.Year).OrderByDescending(g => g.Key)
            .Select(g => new YearTotal(g.Key, g.Sum(f => f.Amount), g.Where(f => f.PaidOn is not null).Sum(f => f.Amount)))];
    }
}
