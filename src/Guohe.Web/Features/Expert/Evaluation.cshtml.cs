using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Designations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// One acceptance evaluation of an expert (现场评估, Art. 13(2)): after declaring no conflict of interest with the pilot unit,
/// the construction summary (Form 4) with its documents read-only, and the written evaluation opinion (书面评估意见) — scores,
/// overall recommendation and text; a filed opinion is locked and an amendment is a new revision with a reason. When the
/// last expert of the team files, the office is told. Anyone not on the team gets 404, and the attempt is logged.
/// </summary>
public sealed partial class EvaluationModel(
    GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l, ILogger<EvaluationModel> logger) : PageModel
{
    public SiteVisit Visit { get; private set; } = null!; // set by LoadAsync before the page renders

    public Designation Designation { get; private set; } = null!; // set by LoadAsync before the page renders

    /// <summary>The construction summary under evaluation (shown once the expert has declared).</summary>
    public Obligation? Summary { get; private set; }

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    /// <summary>Every revision of the signed-in expert's opinion, newest first.</summary>
    public IReadOnlyList<ExpertOpinion> MyRevisions { get; private set; } = [];

    public ExpertOpinion? Current => MyRevisions.Count > 0 ? MyRevisions[0] : null;

    public bool IsLeader { get; private set; }

    /// <summary>Whether the signed-in expert has declared no conflict, and so may see the construction summary.</summary>
    public bool Declared { get; private set; }

    [BindProperty]
    [Display(Name = "本人与被评估单位无利益冲突")]
    public bool NoConflict { get; set; }

    [BindProperty]
    public AssignmentModel.OpinionInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        Version = Visit.Version;
        if (Current is { } current)
        {
            Input = new AssignmentModel.OpinionInput
            {
                Scores = new AssignmentModel.ScoresInput
                {
                    GoalsAndModel = current.GoalsAndModel, ChannelsAndTeam = current.ChannelsAndTeam,
                    TechnologyTransfer = current.TechnologyTransfer, Platforms = current.Platforms,
                },
                Recommendation = current.Recommendation,
                Text = current.Text,
            };
        }
        return Page();
    }

    /// <summary>Files the first evaluation opinion (Art. 13(2)).</summary>
    public async Task<IActionResult> OnPostAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        return await ActAsync(false);
    }

    /// <summary>The expert declares no conflict of interest with the unit before seeing its construction summary.</summary>
    public async Task<IActionResult> OnPostDeclareAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!NoConflict)
        {
            ModelState.AddModelError(nameof(NoConflict), l["查看建设工作总结前，请确认本人与被评估单位无利益冲突。"]);
            return Page();
        }
        db.Entry(Visit).Property(v => v.Version).OriginalValue = Version;
        try
        {
            Visit.DeclareNoConflict(User.Actor(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["另一位专家或办公室刚刚更新了本次评估，请刷新页面后重新声明。"]);
            return Page();
        }
        return RedirectToPage(new { visitId = Visit.Id });
    }

    /// <summary>Amends a filed opinion: a new revision with a reason; the earlier revision stays.</summary>
    public async Task<IActionResult> OnPostAmendAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", l["请填写{0}。", l["修订理由"]]);
        }
        return await ActAsync(true);
    }

    private async Task<IActionResult> ActAsync(bool amend)
    {
        if (!Declared)
        {
            ModelState.AddModelError(string.Empty, l["请先声明本人与被评估单位无利益冲突。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var actor = User.Actor();
        var now = clock.GetUtcNow().UtcDateTime;
        var s = Input.Scores;
        var scores = new ExpertScores(s.GoalsAndModel!.Value, s.ChannelsAndTeam!.Value, s.TechnologyTransfer!.Value, s.Platforms!.Value);
        db.Entry(Visit).Property(v => v.Version).OriginalValue = Version;
        var completed = false;
        try
        {
            if (amend)
            {
                Visit.AmendOpinion(actor, now, scores, Input.Recommendation!.Value, Input.Text!, Input.Reason!);
            }
            else
            {
                Visit.FileOpinion(actor, now, scores, Input.Recommendation!.Value, Input.Text!);
                completed = Visit.AllOpinionsFiled;
            }
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: "Input.");
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["另一位专家或办公室刚刚更新了本次评估，您的意见未保存。请刷新页面后重新提交。"]);
            return Page();
        }
        if (completed)
        {
            await notifier.RoleAsync(Role.Office, null,
                $"{Designation.OrganisationName}现场评估的专家书面评估意见已全部提交，请提出验收结论（《办法》第十三条）。",
                $"All experts' evaluation opinions on {Designation.OrganisationName} are in; propose the acceptance outcome (Art. 13).",
                $"/Office/Acceptance/Evaluate/{Designation.Id}");
            await notifier.SaveAsync();
        }
        TempData["Message"] = amend ? l["修订意见已提交，原意见保留在修订记录中。"].Value : l["书面意见已提交，提交后不能修改；如需更正，请提交修订意见。"].Value;
        return RedirectToPage(new { visitId = Visit.Id });
    }

    private async Task<bool> LoadAsync(Guid visitId)
    {
        var me = User.Id();
        var visit = await db.SiteVisits.SingleOrDefaultAsync(v => v.Id == visitId && v.Purpose == SiteVisitPurpose.AcceptanceEvaluation);
        var designation = visit is null || visit.Team.All(t => t.ExpertUserId != me)
            ? null
            : await db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == visit.SubjectId);
        if (visit is null || designation is null)
        {
            LogRefused(logger, me, visitId);
            return false;
        }
        Visit = visit;
        Designation = designation;
        IsLeader = visit.Team.Single(t => t.ExpertUserId == me).IsLeader;
        MyRevisions = [.. visit.Opinions.Where(o => o.ExpertUserId == me).OrderByDescending(o => o.Revision)];
        Declared = visit.HasDeclaredNoConflict(me);
        if (Declared)
        {
            var summaries = db.Obligations.AsNoTracking().Where(o => o.DesignationId == designation.Id && o.Kind == ObligationKind.ConstructionSummary && o.Status != ObligationStatus.Open);
            Summary = designation.AcceptanceSummaryId is { } summaryId
                ? await summaries.SingleOrDefaultAsync(o => o.Id == summaryId)
                : await summaries.Where(o => o.FiledAtUtc <= visit.ScheduledAtUtc).OrderByDescending(o => o.FiledAtUtc).FirstOrDefaultAsync();
            Documents = Summary is null ? [] : await db.StoredFiles.AsNoTracking()
                .Where(f => f.DesignationId == designation.Id && f.OwnerId == Summary.Id && f.DeletedAtUtc == null).ToListAsync();
            History = await db.HistoryOfAsync(visit.Id);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expert evaluation refused: user {UserId} is not on the team of acceptance evaluation {VisitId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, Guid visitId);
}
