using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Web.Data;
using Guohe.Web.Documents;
using Guohe.Web.Features.Office.Designations;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Batches;

/// <summary>
/// The yearly batches (Art. 4) with their windows, newest first. Each batch's roster of approved units — those whose
/// application in the batch the associations granted the pilot title by a confirmed decision (Art. 11(6)) — downloads as an
/// .xlsx file and as a Word file for the public listing (Art. 11(7)): number, name, province, type, recognition date; no personal data.
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, int Year, string Name, DateOnly OpensOn, DateOnly ClosesOn, int? Quota, string State);

    /// <summary>One approved unit of a batch's roster.</summary>
    public sealed record Approved(int Number, string Name, string Province, Guohe.Domain.Organisations.UnitType? Type, DateOnly RecognitionDate);

    public IReadOnlyList<Row> Batches { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batches = await db.Batches.AsNoTracking().OrderByDescending(b => b.OpensAtUtc)
            .Select(b => new { b.Id, b.Year, b.Name, b.OpensAtUtc, b.ClosesAtUtc, b.Quota }).ToListAsync();
        Batches = batches.Select(b => new Row(b.Id, b.Year, b.Name, ChinaTime.DateOf(b.OpensAtUtc), ChinaTime.DateOf(b.ClosesAtUtc.AddTicks(-1)), b.Quota,
            now < b.OpensAtUtc ? "未开始" : now < b.ClosesAtUtc ? "申报中" : "已截止")).ToList();
    }

    /// <summary>The roster of the batch's approved units (序号、单位名称、省份、单位类型、认定日期), by recognition date.</summary>
    public async Task<IActionResult> OnGetRosterAsync(Guid id)
    {
        if (await RosterAsync(id) is not (var name, var rows))
        {
            return NotFound();
        }
        return this.Spreadsheet(string.Format(System.Globalization.CultureInfo.CurrentCulture, l["{0}试点单位名单"], name), clock, rows,
        [
            new(l["序号"], r => r.Number),
            new(l["单位名称"], r => r.Name),
            new(l["省份"], r => r.Province.Length > 0 ? l[r.Province].Value : null),
            new(l["单位类型"], r => r.Type is { } t ? l[DesignationText.Types[t]].Value : null),
            new(l["认定日期"], r => r.RecognitionDate),
        ]);
    }

    /// <summary>The same roster as a Word file, titled for publication and printed in Chinese whatever the interface language.</summary>
    public async Task<IActionResult> OnGetRosterWordAsync(Guid id)
    {
        if (await RosterAsync(id) is not (var name, var rows))
        {
            return NotFound();
        }
        var printed = rows.Select(r => new RosterRow(r.Name, r.Province, r.Type is { } t ? DesignationText.Types[t] : string.Empty, r.RecognitionDate)).ToList();
        return WordFile.Result(RosterDocument.Write(name, printed), RosterDocument.TitleOf(name));
    }

    /// <summary>The batch's name and its approved units in roster order; null when there is no such batch.</summary>
    private async Task<(string Name, IReadOnlyList<Approved> Rows)?> RosterAsync(Guid id)
    {
        if (await db.Batches.AsNoTracking().Where(b => b.Id == id).Select(b => b.Name).SingleOrDefaultAsync() is not { } name)
        {
            return null;
        }
        var granted = await (from d in db.Decisions.AsNoTracking()
                             where d.Kind == DecisionKind.GrantPilot && d.Status == DecisionStatus.Confirmed
                             join a in db.Applications.AsNoTracking() on d.ApplicationId equals (Guid?)a.Id
                             where a.BatchId == id
                             join g in db.Designations.AsNoTracking() on d.OpenedDesignationId equals (Guid?)g.Id
                             select new { a.Number, a.OrganisationName, a.Profile.Province, a.Profile.UnitType, g.RecognitionDate })
                            .ToListAsync();
        return (name, [.. granted
            .OrderBy(r => r.RecognitionDate).ThenBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.OrganisationName, StringComparer.Ordinal)
            .Select((r, i) => new Approved(i + 1, r.OrganisationName, r.Province, r.UnitType, r.RecognitionDate))]);
    }
}
