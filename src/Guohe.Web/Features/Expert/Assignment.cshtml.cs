using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Expert;

/// <summary>
/// One site-visit assignment of an expert (Art. 11(4)–(5)): after the declaration of no conflict, the application read-only
/// (Form 1, filing documents, history) and the written opinion (<see cref="ExpertVisitPageModel"/>). When the last expert of
/// the team files, the application moves on in the same transaction (CompleteOpinions, an expert's row of the transition table).
/// </summary>
public sealed class AssignmentModel(
    GuoheDbContext db, TimeProvider clock, Guohe.Web.Notifications.Notifier notifier, IStringLocalizer<SharedResource> l, ILogger<AssignmentModel> logger)
    : ExpertVisitPageModel(db, clock, l, logger)
{
    public DomainApplication Application { get; private set; } = null!; // set by LoadSubjectAsync before the page renders

    public IReadOnlyList<StoredFile> Documents { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    protected override SiteVisitPurpose Purpose => SiteVisitPurpose.ApplicationReview;

    protected override Texts Wording => new(
        Localizer["查看申请材料前，请确认本人与申请单位无利益冲突。"],
        Localizer["请先声明本人与申请单位无利益冲突。"],
        Localizer["另一位专家或办公室刚刚更新了本次调研，请刷新页面后重新声明。"],
        Localizer["另一位专家或办公室刚刚更新了本次调研，您的意见未保存。请刷新页面后重新提交。"]);

    protected override async Task<bool> LoadSubjectAsync(SiteVisit visit)
    {
        Application = (await Db.Applications.SingleOrDefaultAsync(a => a.Id == visit.SubjectId))!;
        return Application is not null;
    }

    protected override async Task LoadMaterialAsync(SiteVisit visit)
    {
        Documents = await Db.CurrentDocumentsAsync(Application.Id);
        History = await Db.HistoryOfAsync(Application.Id);
    }

    protected override bool CompleteOpinions(Actor actor, DateTime now) => ExpertVisits.CompleteApplication(Application, Visit, actor, now);

    protected override Task AnnounceCompleteAsync() => notifier.ApplicationMovedAsync(Application);
}
