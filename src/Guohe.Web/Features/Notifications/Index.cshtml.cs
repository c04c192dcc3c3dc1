using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Notifications;

/// <summary>The signed-in user's notices, newest first; reading the page marks nothing — the user marks them read.</summary>
[Authorize]
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.Id();
        Items = await db.Notifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAtUtc).Take(100).ToListAsync();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var me = User.Id();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == me && n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now));
        UnreadCounts.Changed();
        return RedirectToPage();
    }
}
