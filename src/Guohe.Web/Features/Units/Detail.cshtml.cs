using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Stories;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Units;

/// <summary>
/// A designated unit's public page (Art. 11(7), 17), without signing in: what the list shows (name, province, type, level, key
/// fields, stage, recognition date) plus only what the unit consented to publish (<see cref="Publication"/>) and its published
/// success stories (Art. 7(4)). Never the unit's people, their contacts, ID numbers or the credit code. An organisation that is
/// not designated now — applying, ended, or unknown — is 404. The address is the organisation's id.
/// </summary>
[AllowAnonymous]
public sealed class DetailModel(GuoheDbContext db) : PageModel
{
    public sealed record StoryLink(Guid Id, string Title, DateTime? PublishedAtUtc);

    public PublicUnits.Unit Unit { get; private set; } = new();

    public Publication Publication { get; private set; } = Publication.None;

    /// <summary>Country codes of partner institutions in its filed summaries, when the unit shows them; else empty.</summary>
    public IReadOnlyList<string> PartnerCountries { get; private set; } = [];

    public IReadOnlyList<StoryLink> Stories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await PublicUnits.FindAsync(db, id, cancellationToken) is not { } unit)
        {
            return NotFound();
        }
        Unit = unit;
        Publication = await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Publication).SingleAsync(cancellationToken);
        if (Publication.ShowPartnerCountries)
        {
            PartnerCountries = await PartnerCountriesAsync(db, id, cancellationToken);
        }
        Stories = await db.Stories.AsNoTracking()
            .Where(s => s.Status == StoryStatus.Published && EF.Property<Guid[]>(s, "_organisationIds").Contains(id))
            .OrderByDescending(s => s.PublishedAtUtc)
            .Select(s => new StoryLink(s.Id, s.Title, s.PublishedAtUtc))
            .Take(50)
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// The countries the unit actually worked with: partner rows of its filed annual and construction summaries (Forms 3–4 II).
    /// Plans name wanted partners, which the public page does not present as partners.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PartnerCountriesAsync(GuoheDbContext db, Guid organisationId, CancellationToken cancellationToken)
    {
        var summaries = await db.Obligations.AsNoTracking()
            .Where(o => o.OrganisationId == organisationId && o.Status != ObligationStatus.Open && o.Kind != ObligationKind.AnnualPlan)
            .ToListAsync(cancellationToken);
        return [.. summaries.SelectMany(o => o.Partners).Select(p => p.CountryCode).Distinct(StringComparer.Ordinal)
            .OrderBy(Countries.Name, StringComparer.Create(System.Globalization.CultureInfo.CurrentUICulture, false))];
    }
}
