using Guohe.Domain.Designations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// One acceptance evaluation of an expert (现场评估, Art. 13(2)): after declaring no conflict of interest with the pilot unit,
/// the construction summary (Form 4) with its documents read-only, and the written evaluation opinion (书面评估意见) — scores,
/// overall recommendation and text; a filed opinion is locked and an amendment is a new revision with a reason. When the
/// last expert of the team files, the office is told. Anyone not on the team gets 404, and the attempt is logged.
/// </summary>
public sealed class EvaluationModel(
    GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l, ILogger<EvaluationModel> logger)
    : ExpertVisitPageModel(db, clock, l, logger)
{
    public Designation Designation { get; private set; } = null!; // set by LoadSubjectAsync before the page renders

    /// <summary>The construction summary under evaluation (shown once the expert has declared).</summary>
    public Obligation? Summary { get; private set; }

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    protected override SiteVisitPurpose Purpose => SiteVisitPurpose.AcceptanceEvaluation;

    protected override Texts Wording => new(
        Localizer["查看建设工作总结前，请确认本人与被评估单位无利益冲突。"],
        Localizer["请先声明本人与被评估单位无利益冲突。"],
        Localizer["另一位专家或办公室刚刚更新了本次评估，请刷新页面后重新声明。"],
        Localizer["另一位专家或办公室刚刚更新了本次评估，您的意见未保存。请刷新页面后重新提交。"]);

    protected override async Task<bool> LoadSubjectAsync(SiteVisit visit)
    {
        Designation = (await Db.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == visit.SubjectId))!;
        return Designation is not null;
    }

    protected override async Task LoadMaterialAsync(SiteVisit visit)
    {
        var summaries = Db.Obligations.AsNoTracking().Where(o => o.DesignationId == Designation.Id && o.Kind == ObligationKind.ConstructionSummary && o.Status != ObligationStatus.Open);
        Summary = Designation.AcceptanceSummaryId is { } summaryId
            ? await summaries.SingleOrDefaultAsync(o => o.Id == summaryId)
            : await summaries.Where(o => o.FiledAtUtc <= visit.ScheduledAtUtc).OrderByDescending(o => o.FiledAtUtc).FirstOrDefaultAsync();
        Documents = Summary is null ? [] : await Db.StoredFiles.AsNoTracking()
            .Where(f => f.DesignationId == Designation.Id && f.OwnerId == Summary.Id && f.DeletedAtUtc == null).ToListAsync();
        History = await Db.HistoryOfAsync(visit.Id);
    }

    /// <summary>The evaluation itself moves nothing: the office proposes the outcome (Art. 13(3)).</summary>
    protected override bool CompleteOpinions(Actor actor, DateTime now) => true;

    protected override Task AnnounceCompleteAsync() => ExpertVisits.AnnounceEvaluationCompleteAsync(notifier, Designation);
}
