using Guohe.Domain.Common;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant;

/// <summary>The applicant unit's home: its organisation and what is waiting for it.</summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public sealed record OrganisationView(string Name, string Uscc, string LiaisonName, string LiaisonEmail, string LiaisonMobile);

    public sealed record BatchView(string Name, DateOnly ClosesOn);

    public OrganisationView? Organisation { get; private set; }

    /// <summary>The batch accepting applications now, if any (Art. 4).</summary>
    public BatchView? OpenBatch { get; private set; }

    public async Task OnGetAsync()
    {
        Organisation = await Web.Files.ApplicationAccess.Organisations(db, User)
            .Select(o => new OrganisationView(o.Name, o.Uscc.Value, o.LiaisonName, o.LiaisonEmail, o.LiaisonMobile))
            .SingleOrDefaultAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Batches.AsNoTracking().Where(b => b.OpensAtUtc <= now && now < b.ClosesAtUtc)
            .OrderBy(b => b.ClosesAtUtc).Select(b => new { b.Name, b.ClosesAtUtc }).FirstOrDefaultAsync();
        OpenBatch = open is null ? null : new BatchView(open.Name, ChinaTime.DateOf(open.ClosesAtUtc.AddTicks(-1)));
    }
}
