using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant;

/// <summary>The applicant unit's home: its organisation and what is waiting for it.</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public sealed record OrganisationView(string Name, string Uscc, string LiaisonName, string LiaisonEmail, string LiaisonMobile);

    public OrganisationView? Organisation { get; private set; }

    public async Task OnGetAsync()
    {
        var id = User.Organisation();
        Organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationView(o.Name, o.Uscc.Value, o.LiaisonName, o.LiaisonEmail, o.LiaisonMobile))
            .SingleOrDefaultAsync();
    }
}
