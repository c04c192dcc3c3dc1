using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Office.Units;

/// <summary>
/// 单位办理全程: an organisation's whole life, newest first — the history records of the organisation, its applications,
/// site visits, designations, obligations, decisions and fees, plus its bans — with time (Beijing), who, role, what,
/// opinion and article (SPEC §2.5).
/// </summary>
public sealed class IndexModel(GuoheDbContext db) : PageModel
{
    /// <summary>What a history record is about, as a resource key.</summary>
    public sealed record Entry(TransitionRecord Record, string Subject, string? Link);

    public sealed record DesignationRow(Guid Id, DesignationStatus Status, DateOnly RecognitionDate, DateOnly TermEndsOn, DateOnly? EndedOn, DateOnly? BaseGrantedOn, IReadOnlyList<PublicNotice> PublicNotices);

    public Organisation Organisation { get; private set; } = null!; // set by OnGetAsync before the page renders

    public IReadOnlyList<DesignationRow> Designations { get; private set; } = [];

    public IReadOnlyList<Ban> Bans { get; private set; } = [];

    public IReadOnlyList<Entry> Timeline { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid organisationId)
    {
        if (await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId) is not { } organisation)
        {
            return NotFound();
        }
        Organisation = organisation;
        var applications = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == organisationId).Select(a => a.Id).ToListAsync();
        var designations = await db.Designations.AsNoTracking().Where(d => d.OrganisationId == organisationId).OrderByDescending(d => d.RecognitionDate).ToListAsync();
        Designations = [.. designations.Select(d => new DesignationRow(d.Id, d.Status, d.RecognitionDate, d.TermEndsOn, d.EndedOn, d.BaseGrantedOn, d.PublicNotices))];
        var designationIds = designations.Select(d => d.Id).ToList();
        var subjects = applications.Concat(designationIds).ToList();
        var visits = await db.SiteVisits.AsNoTracking().Where(v => subjects.Contains(v.SubjectId)).Select(v => v.Id).ToListAsync();
        var obligations = await db.Obligations.AsNoTracking().Where(o => o.OrganisationId == organisationId).Select(o => o.Id).ToListAsync();
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.OrganisationId == organisationId).Select(d => d.Id).ToListAsync();
        var fees = await db.Fees.AsNoTracking().Where(f => f.OrganisationId == organisationId).Select(f => f.Id).ToListAsync();
        Bans = await db.Bans.AsNoTracking().Where(b => b.OrganisationId == organisationId).OrderByDescending(b => b.StartsOn).ToListAsync();

        var subject = new Dictionary<Guid, (string Subject, string? Link)> { [organisationId] = ("单位", null) };
        applications.ForEach(id => subject[id] = ("申请", $"/Office/Applications/Review/{id}"));
        designationIds.ForEach(id => subject[id] = ("资格", $"/Office/Designations/Grade/{id}"));
        visits.ForEach(id => subject[id] = ("实地调研", null));
        obligations.ForEach(id => subject[id] = ("年度材料", $"/Office/Obligations/Review/{id}"));
        decisions.ForEach(id => subject[id] = ("决定", null));
        fees.ForEach(id => subject[id] = ("费用", null));
        var ids = subject.Keys.ToList();
        var records = await db.TransitionRecords.AsNoTracking().Where(r => ids.Contains(r.AggregateId)).ToListAsync();
        Timeline = [.. records.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Sequence)
            .Select(r => new Entry(r, subject[r.AggregateId].Subject, subject[r.AggregateId].Link))];
        return Page();
    }
}
