using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Applications;
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
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// One assignment of an expert (Art. 11(4)–(5)): the application read-only (Form 1, filing documents, history) and the
/// expert's written opinion — scores on the four conditions of Art. 10, overall recommendation and text. Before the first
/// view the expert declares no conflict of interest (stored, in the visit's history); until then the page shows only the
/// unit's name and the arrangements. A filed opinion is locked; an amendment is a new revision with a reason. When the last expert of
/// the team files, the application moves on (CompleteOpinions, an expert's row of the transition table). Anyone not on
/// the team gets 404, and the attempt is logged.
/// </summary>
public sealed partial class AssignmentModel(
    GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l, ILogger<AssignmentModel> logger) : PageModel
{
    public SiteVisit Visit { get; private set; } = null!; // set by LoadAsync before the page renders

    public DomainApplication Application { get; private set; } = null!; // set by LoadAsync before the page renders

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    /// <summary>Every revision of the signed-in expert's opinion, newest first.</summary>
    public IReadOnlyList<ExpertOpinion> MyRevisions { get; private set; } = [];

    public ExpertOpinion? Current => MyRevisions.Count > 0 ? MyRevisions[0] : null;

    public bool IsLeader { get; private set; }

    /// <summary>Whether the signed-in expert has declared no conflict, and so may see the application.</summary>
    public bool Declared { get; private set; }

    [BindProperty]
    [Display(Name = "本人与申请单位无利益冲突")]
    public bool NoConflict { get; set; }

    [BindProperty]
    public OpinionInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public sealed class ScoresInput
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "第十条第（一）项")]
        public int? GoalsAndModel { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "第十条第（二）项")]
        public int? ChannelsAndTeam { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "第十条第（三）项")]
        public int? TechnologyTransfer { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Range(0, ExpertScores.Maximum, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "第十条第（四）项")]
        public int? Platforms { get; set; }
    }

    public sealed class OpinionInput
    {
        public ScoresInput Scores { get; set; } = new();

        [Required(ErrorMessage = "请选择{0}。")]
        [Display(Name = "总体意见")]
        public OverallRecommendation? Recommendation { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "书面意见")]
        public string? Text { get; set; }

        [StringLength(2000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "修订理由")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        Version = Visit.Version;
        if (Current is { } current)
        {
            Input = new OpinionInput
            {
                Scores = new ScoresInput
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

    /// <summary>Files the first opinion (Art. 11(5)).</summary>
    public async Task<IActionResult> OnPostAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        return await ActAsync(false);
    }

    /// <summary>The expert declares no conflict of interest with the unit before seeing its application.</summary>
    public async Task<IActionResult> OnPostDeclareAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!NoConflict)
        {
            ModelState.AddModelError(nameof(NoConflict), l["查看申请材料前，请确认本人与申请单位无利益冲突。"]);
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
            ModelState.AddModelError(string.Empty, l["另一位专家或办公室刚刚更新了本次调研，请刷新页面后重新声明。"]);
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
            ModelState.AddModelError(string.Empty, l["请先声明本人与申请单位无利益冲突。"]);
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
        var moved = false;
        try
        {
            if (amend)
            {
                Visit.AmendOpinion(actor, now, scores, Input.Recommendation!.Value, Input.Text!, Input.Reason!);
            }
            else
            {
                Visit.FileOpinion(actor, now, scores, Input.Recommendation!.Value, Input.Text!);
                if (Visit.AllOpinionsFiled && Application.Status == ApplicationStatus.SiteVisit && Application.SiteVisitId == Visit.Id)
                {
                    // The last expert's filing completes the opinions, in the same transaction (an expert's row, Art. 11(5)).
                    Application.CompleteOpinions(actor, now, Visit);
                    moved = true;
                }
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
            ModelState.AddModelError(string.Empty, l["另一位专家或办公室刚刚更新了本次调研，您的意见未保存。请刷新页面后重新提交。"]);
            return Page();
        }
        if (moved)
        {
            await notifier.ApplicationMovedAsync(Application);
        }
        TempData["Message"] = amend ? l["修订意见已提交，原意见保留在修订记录中。"].Value : l["书面意见已提交，提交后不能修改；如需更正，请提交修订意见。"].Value;
        return RedirectToPage(new { visitId = Visit.Id });
    }

    private async Task<bool> LoadAsync(Guid visitId)
    {
        var me = User.Id();
        var visit = await db.SiteVisits.SingleOrDefaultAsync(v => v.Id == visitId && v.Purpose == SiteVisitPurpose.ApplicationReview);
        var application = visit is null || visit.Team.All(t => t.ExpertUserId != me)
            ? null
            : await db.Applications.SingleOrDefaultAsync(a => a.Id == visit.SubjectId);
        if (visit is null || application is null)
        {
            LogRefused(logger, me, visitId);
            return false;
        }
        Visit = visit;
        Application = application;
        IsLeader = visit.Team.Single(t => t.ExpertUserId == me).IsLeader;
        MyRevisions = [.. visit.Opinions.Where(o => o.ExpertUserId == me).OrderByDescending(o => o.Revision)];
        Declared = visit.HasDeclaredNoConflict(me);
        if (Declared)
        {
            Documents = await db.CurrentDocumentsAsync(application.Id);
            History = await db.HistoryOfAsync(application.Id);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expert assignment refused: user {UserId} is not on the team of site visit {VisitId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, Guid visitId);
}
