using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// What an expert does on a visit, whatever it visits (a site visit, Art. 11(4)–(5), or an acceptance evaluation, Art. 13(2)):
/// declare no conflict of interest before the first view, file the written opinion (scores on the four conditions of Art. 10,
/// overall recommendation, text), then amend it only as a new revision with a reason. Anyone not on the team gets 404 and the
/// attempt is logged. A page supplies what it visits, its wording, and what happens when the last opinion is filed.
/// </summary>
public abstract partial class ExpertVisitPageModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, ILogger logger) : PageModel
{
    /// <summary>The page's own wording, already localised.</summary>
    protected sealed record Texts(string ConfirmBeforeViewing, string DeclareFirst, string StaleDeclaration, string StaleOpinion);

    public SiteVisit Visit { get; private set; } = null!; // set by LoadAsync before the page renders

    /// <summary>Every revision of the signed-in expert's opinion, newest first.</summary>
    public IReadOnlyList<ExpertOpinion> MyRevisions { get; private set; } = [];

    public ExpertOpinion? Current => MyRevisions.Count > 0 ? MyRevisions[0] : null;

    public bool IsLeader { get; private set; }

    /// <summary>Whether the signed-in expert has declared no conflict, and so may see what is visited.</summary>
    public bool Declared { get; private set; }

    [BindProperty]
    public bool NoConflict { get; set; }

    [BindProperty]
    public OpinionInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    protected GuoheDbContext Db => db;

    protected IStringLocalizer<SharedResource> Localizer => l;

    protected abstract SiteVisitPurpose Purpose { get; }

    protected abstract Texts Wording { get; }

    /// <summary>Loads what the visit is about; false when it is missing (the page answers 404).</summary>
    protected abstract Task<bool> LoadSubjectAsync(SiteVisit visit);

    /// <summary>Loads the material shown once the expert has declared no conflict.</summary>
    protected abstract Task LoadMaterialAsync(SiteVisit visit);

    /// <summary>Called in the transaction of the last filing, before it is saved; returns whether to announce it after.</summary>
    protected abstract bool CompleteOpinions(Actor actor, DateTime now);

    /// <summary>Tells whoever acts next that every opinion is in (after the save).</summary>
    protected abstract Task AnnounceCompleteAsync();

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

    /// <summary>Files the first opinion (Art. 11(5), 13(2)).</summary>
    public async Task<IActionResult> OnPostAsync(Guid visitId) =>
        await LoadAsync(visitId) ? await ActAsync(amend: false) : NotFound();

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
        return await ActAsync(amend: true);
    }

    /// <summary>The expert declares no conflict of interest with the unit before seeing anything of it.</summary>
    public async Task<IActionResult> OnPostDeclareAsync(Guid visitId)
    {
        if (!await LoadAsync(visitId))
        {
            return NotFound();
        }
        ModelState.Clear();
        if (!NoConflict)
        {
            ModelState.AddModelError(nameof(NoConflict), Wording.ConfirmBeforeViewing);
            return Page();
        }
        db.Entry(Visit).Property(v => v.Version).OriginalValue = Version;
        try
        {
            await ExpertVisits.DeclareNoConflictAsync(db, Visit, User.Actor(), clock.GetUtcNow().UtcDateTime);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Wording.StaleDeclaration);
            return Page();
        }
        return RedirectToPage(new { visitId = Visit.Id });
    }

    private async Task<IActionResult> ActAsync(bool amend)
    {
        if (!Declared)
        {
            ModelState.AddModelError(string.Empty, Wording.DeclareFirst);
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
        var complete = false;
        try
        {
            if (amend)
            {
                await ExpertVisits.AmendOpinionAsync(db, Visit, actor, now, scores, Input.Recommendation!.Value, Input.Text!, Input.Reason);
            }
            else
            {
                complete = await ExpertVisits.FileOpinionAsync(db, Visit, actor, now, scores, Input.Recommendation!.Value, Input.Text!, CompleteOpinions);
            }
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: "Input.");
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Wording.StaleOpinion);
            return Page();
        }
        if (complete)
        {
            await AnnounceCompleteAsync();
        }
        TempData["Message"] = amend ? l["修订意见已提交，原意见保留在修订记录中。"].Value : l["书面意见已提交，提交后不能修改；如需更正，请提交修订意见。"].Value;
        return RedirectToPage(new { visitId = Visit.Id });
    }

    private async Task<bool> LoadAsync(Guid visitId)
    {
        var me = User.Id();
        var visit = await ExpertVisits.OnTeamAsync(db, visitId, Purpose, me);
        if (visit is null || !await LoadSubjectAsync(visit))
        {
            LogRefused(logger, Purpose, me, visitId);
            return false;
        }
        Visit = visit;
        IsLeader = visit.Team.Single(t => t.ExpertUserId == me).IsLeader;
        MyRevisions = [.. visit.Opinions.Where(o => o.ExpertUserId == me).OrderByDescending(o => o.Revision)];
        Declared = visit.HasDeclaredNoConflict(me);
        if (Declared)
        {
            await LoadMaterialAsync(visit);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expert page refused ({Purpose}): user {UserId} is not on the team of visit {VisitId}")]
    private static partial void LogRefused(ILogger logger, SiteVisitPurpose purpose, Guid userId, Guid visitId);
}
