using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Shared;

/// <summary>The list of accounts and roles, filtered and paged: managed by the administrator, read by the auditor.</summary>
public abstract class AccountListPageModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Role? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<AccountList.Row> Accounts { get; private set; } = new([], 1, 20, 0);

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        Accounts = await AccountList.ReadAsync(db, Role, Search, PageNumber);
    }

    public string Link(int page) => $"?role={Role}&search={Uri.EscapeDataString(Search ?? string.Empty)}&p={page}";
}
