using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Stories;

/// <summary>A published success story (Art. 7(4), 17): title, date, text, pictures and the units it is about; anything else is 404.</summary>
[AllowAnonymous]
public sealed class DetailModel(GuoheDbContext db) : PageModel
{
    public Story Story { get; private set; } = null!; // set before the page renders

    public IReadOnlyList<StoryReads.Picture> Pictures { get; private set; } = [];

    public IReadOnlyList<StoryReads.UnitLink> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await StoryReads.PublishedAsync(db, id, cancellationToken) is not { } story)
        {
            return NotFound();
        }
        Story = story;
        Pictures = await StoryReads.PicturesAsync(db, id, cancellationToken);
        Units = await StoryReads.UnitsAsync(db, story.OrganisationIds.ToList(), cancellationToken);
        return Page();
    }
}
