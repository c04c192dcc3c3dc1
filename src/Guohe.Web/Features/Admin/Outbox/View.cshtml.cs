using Guohe.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Admin.Outbox;

public sealed class ViewModel(Mail.Outbox outbox) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!; // set in OnGet before the page renders

    public IActionResult OnGet(string id)
    {
        if (outbox.Find(id) is not { } message)
        {
            return NotFound();
        }
        Message = message;
        return Page();
    }
}
