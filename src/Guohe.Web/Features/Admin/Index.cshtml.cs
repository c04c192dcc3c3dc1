using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Admin;

/// <summary>The administrator's home: accounts per role.</summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    public IReadOnlyList<RoleCount> Counts { get; private set; } = [];

    public async Task OnGetAsync() => Counts = await RoleCount.ReadAsync(db);
}
