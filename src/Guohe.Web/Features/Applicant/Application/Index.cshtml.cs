using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Applicant.Application;

/// <summary>The unit's current application: number, batch, state and its whole history (SPEC §2.5).</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public DomainApplication? Current { get; private set; }

    public string BatchName { get; private set; } = string.Empty;

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var organisationId = User.Organisation();
        Current = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .OrderByDescending(a => a.CreatedAtUtc).FirstOrDefaultAsync();
        if (Current is null)
        {
            return;
        }
        BatchName = await db.Batches.Where(b => b.Id == Current.BatchId).Select(b => b.Name).SingleAsync();
        var id = Current.Id;
        History = await db.HistoryOfAsync(id);
    }
}
