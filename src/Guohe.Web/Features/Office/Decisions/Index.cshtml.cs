using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Designations;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Decisions;

/// <summary>
/// 待决事项 (dynamic management, Art. 7(3), 12(4), 14): today's overdue filings and the designations that meet a rule for
/// disqualification or revocation, each with its article and a link to propose the decision; filings waiting for the
/// office's review; the proposals waiting for the associations; and the decisions they confirmed lately, with the letters,
/// certificates and notices to stamp and send. The system only points; the office proposes. The
/// obligations of the page — overdue and waiting for review — download as an .xlsx file (<c>?handler=Export</c>).
/// </summary>
public sealed class IndexModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Filed(Guid Id, string OrganisationName, ObligationKind Kind, int Year, DateOnly DueDate, DateTime FiledAtUtc);

    /// <summary>One obligation of the export: overdue (not filed) or filed and waiting for the office's review.</summary>
    public sealed record ObligationRow(string OrganisationName, int Year, ObligationKind Kind, DateOnly DueDate, bool Overdue, int? DaysOverdue, DateTime? FiledAtUtc);

    public sealed record Waiting(Guid Id, DecisionKind Kind, string OrganisationName, string Article, DateTime ProposedAtUtc);

    public ManagementReview Review { get; private set; } = new([], []);

    public IReadOnlyList<Filed> ToReview { get; private set; } = [];

    public IReadOnlyList<Waiting> Proposed { get; private set; } = [];

    /// <summary>Designations with a proposal waiting for the associations: no second proposal is suggested for them.</summary>
    public IReadOnlySet<Guid> PendingDesignations { get; private set; } = new HashSet<Guid>();

    public DateOnly Today { get; private set; }

    /// <summary>The most recent decisions the associations confirmed, with the documents they issue (<see cref="Documents.WordLink.Issued"/>).</summary>
    public IReadOnlyList<Decision> Confirmed { get; private set; } = [];

    /// <summary>How many confirmed decisions the page lists.</summary>
    public const int ConfirmedShown = 20;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Confirmed = await db.Decisions.AsNoTracking().Where(d => d.Status == DecisionStatus.Confirmed)
            .OrderByDescending(d => d.DecidedAtUtc).Take(ConfirmedShown).ToListAsync();
    }

    /// <summary>The obligations of the page, overdue first (most days first), then those waiting for review, as a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadAsync();
        var rows = Review.Overdue.OrderByDescending(o => o.DaysOverdue)
            .Select(o => new ObligationRow(o.OrganisationName, o.Year, o.Kind, o.DueDate, true, o.DaysOverdue, null))
            .Concat(ToReview.Select(f => new ObligationRow(f.OrganisationName, f.Year, f.Kind, f.DueDate, false, null, f.FiledAtUtc)));
        return this.Spreadsheet(l["年度材料"], clock, rows,
        [
            new(l["单位名称"], r => r.OrganisationName),
            new(l["年度"], r => r.Year),
            new(l["材料"], r => l[DesignationText.Obligation(r.Kind)].Value),
            new(l["截止日期"], r => r.DueDate),
            new(l["状态"], r => r.Overdue ? l["逾期未交"].Value : l["待审核"].Value),
            new(l["逾期天数"], r => r.DaysOverdue),
            new(l["提交时间（北京时间）"], r => r.FiledAtUtc?.Add(ChinaTime.Offset)),
        ]);
    }

    /// <summary>The one query of the page and its export.</summary>
    private async Task LoadAsync()
    {
        Today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var ended = new[] { DesignationStatus.Cancelled, DesignationStatus.Disqualified, DesignationStatus.Revoked };
        var designations = await db.Designations.AsNoTracking().Where(d => !ended.Contains(d.Status)).ToListAsync();
        var ids = designations.Select(d => d.Id).ToList();
        var obligations = await db.Obligations.AsNoTracking().Where(o => ids.Contains(o.DesignationId)).ToListAsync();
        Review = DynamicManagement.Review(designations, obligations, Today);
        var names = designations.ToDictionary(d => d.Id, d => d.OrganisationName);
        ToReview = [.. obligations.Where(o => o.Status == ObligationStatus.Filed).OrderBy(o => o.FiledAtUtc)
            .Select(o => new Filed(o.Id, names[o.DesignationId], o.Kind, o.Year, o.DueDate, o.FiledAtUtc ?? default))];
        Proposed = await db.Decisions.AsNoTracking().Where(d => d.Status == DecisionStatus.Proposed && d.DesignationId != null).OrderBy(d => d.ProposedAtUtc)
            .Select(d => new Waiting(d.Id, d.Kind, d.OrganisationName, d.Article, d.ProposedAtUtc)).ToListAsync();
        PendingDesignations = (await db.Decisions.AsNoTracking().Where(d => d.Status == DecisionStatus.Proposed && d.DesignationId != null)
            .Select(d => d.DesignationId!.Value).ToListAsync()).ToHashSet();
    }
}
