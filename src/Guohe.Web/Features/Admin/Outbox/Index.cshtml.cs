using Guohe.Web.Infrastructure;
using Guohe.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Admin.Outbox;

/// <summary>The messages written to the outbox folder when no mail server is configured, newest first.</summary>
public sealed class IndexModel(Mail.Outbox outbox) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<OutboxMessage> Messages { get; private set; } = new([], 1, PageSize, 0);

    public void OnGet()
    {
        var all = outbox.List();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(PageNumber, 1, pages);
        Messages = new Paged<OutboxMessage>(all.Skip((page - 1) * PageSize).Take(PageSize).ToList(), page, PageSize, all.Count);
    }

    public string Link(int page) => $"?p={page}";
}
