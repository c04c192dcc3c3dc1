using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Announcements;

/// <summary>
/// One announcement for the office (Art. 11(7)): publish the draft (confirmed), read the objections with the objectors' names,
/// contacts and files (personal data: this page only), record how each was handled (outcome and text; who and when are recorded),
/// and close the announcement once its period has ended (confirmed). The history shows who did what.
/// </summary>
public sealed class DetailModel(GuoheDbContext db, FileStore store, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 20;

    /// <summary>An objection as the office reads it, with its number in filing order, its file and its history.</summary>
    public sealed record Row(int Number, Objection Objection, StoredFile? File, IReadOnlyList<TransitionRecord> History);

    public Announcement Announcement { get; private set; } = null!; // set by LoadAsync before the page renders

    public AnnouncementPhase Phase { get; private set; }

    public string? BatchName { get; private set; }

    public Paged<Row> Objections { get; private set; } = new([], 1, PageSize, 0);

    public int Unhandled { get; private set; }

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>What the clerk wrote in a refused close, shown again so nothing typed is lost.</summary>
    public string? PostedStatement { get; private set; }

    /// <summary>The objection whose handling was refused, and the text the clerk wrote for it.</summary>
    public (Guid ObjectionId, string? Handling)? PostedHandling { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>The announcement's objections in filing order (numbered from 1), as this page and the API page them.</summary>
    public static IQueryable<Objection> ObjectionsOf(GuoheDbContext db, Guid id) =>
        db.Objections.Where(o => o.AnnouncementId == id).OrderBy(o => o.SubmittedAtUtc).ThenBy(o => o.Id);

    /// <summary>The announcement (untracked) and one of its objections (tracked), or null — the page and the API answer 404.</summary>
    public static async Task<(Announcement Announcement, Objection Objection)?> ObjectionAsync(GuoheDbContext db, Guid id, Guid objectionId) =>
        await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id) is { } announcement
            && await db.Objections.SingleOrDefaultAsync(o => o.Id == objectionId && o.AnnouncementId == id) is { } objection
            ? (announcement, objection)
            : null;

    /// <summary>
    /// Records (or corrects) how the objection was handled: an outcome is required (<c>请选择处理结果。</c>), the domain checks
    /// the rest (office only, a text). Saves; who and when are recorded. Throws DomainException or DbUpdateConcurrencyException.
    /// </summary>
    public static async Task HandleAsync(GuoheDbContext db, Announcement announcement, Objection objection, Actor actor, DateTime now, ObjectionOutcome? outcome, string? handling)
    {
        if (outcome is not { } chosen)
        {
            throw new DomainException(new Problem("objection.outcome", "请选择处理结果。", "Please choose the outcome.", "Outcome"));
        }
        objection.Handle(actor, now, announcement, chosen, handling ?? string.Empty);
        await db.SaveChangesAsync();
    }

    /// <summary>Publishes the draft after the clerk ticked the confirmation.</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, bool confirm, int version)
    {
        if (await db.Announcements.SingleOrDefaultAsync(a => a.Id == id) is not { } announcement)
        {
            return NotFound();
        }
        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, l["请勾选确认后再发布。"]);
        }
        return await ChangeAsync(id, confirm, announcement, version, () => announcement.Publish(User.Actor(), Now), l["公示已发布。"]);
    }

    /// <summary>Closes the announcement after its period, with the statement of the result, after the clerk ticked the confirmation.</summary>
    public async Task<IActionResult> OnPostCloseAsync(Guid id, bool confirm, int version, string? statement)
    {
        if (await db.Announcements.SingleOrDefaultAsync(a => a.Id == id) is not { } announcement)
        {
            return NotFound();
        }
        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, l["请勾选确认后再办结。"]);
        }
        var unhandled = await db.Objections.CountAsync(o => o.AnnouncementId == id && o.Outcome == null);
        PostedStatement = statement;
        return await ChangeAsync(id, confirm, announcement, version,
            () => announcement.Close(User.Actor(), Now, statement ?? string.Empty, unhandled), l["公示已办结。"]);
    }

    /// <summary>Records (or corrects) how one objection was handled.</summary>
    public async Task<IActionResult> OnPostHandleAsync(Guid id, Guid objectionId, ObjectionOutcome? outcome, string? handling, int version)
    {
        if (await ObjectionAsync(db, id, objectionId) is not var (announcement, objection))
        {
            return NotFound();
        }
        if (outcome is null)
        {
            ModelState.AddModelError(string.Empty, l["请选择处理结果。"]);
        }
        PostedHandling = (objectionId, handling);
        return await ChangeAsync(id, outcome is not null, objection, version,
            () => HandleAsync(db, announcement, objection, User.Actor(), Now, outcome, handling), l["已记录处理情况。"]);
    }

    /// <summary>The objection's file, for the office only (the folder's policy); decrypted, as an attachment with nosniff.</summary>
    public async Task<IActionResult> OnGetFileAsync(Guid id, Guid objectionId)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.OwnerId == objectionId && f.Kind == DocumentKind.ObjectionAttachment && f.DeletedAtUtc == null
            && db.Objections.Any(o => o.Id == objectionId && o.AnnouncementId == id));
        if (file is null || await store.ReadAsync(file, HttpContext.RequestAborted) is not { } content)
        {
            return NotFound();
        }
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(new MemoryStream(content, writable: false), file.ContentType, file.OriginalName);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Applies a verb to the aggregate as the clerk saw it (stale versions refused); on refusal, the page with the reason and nothing saved.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, bool valid, HistoryAggregate aggregate, int version, Action change, string done) =>
        await ChangeAsync(id, valid, aggregate, version, async () =>
        {
            change();
            await db.SaveChangesAsync();
        }, done);

    private async Task<IActionResult> ChangeAsync(Guid id, bool valid, HistoryAggregate aggregate, int version, Func<Task> change, string done)
    {
        if (valid)
        {
            try
            {
                db.Entry(aggregate).Property(nameof(HistoryAggregate.Version)).OriginalValue = version;
                await change();
                TempData["Message"] = done;
                return Redirect($"/Office/Announcements/{id}{(PageNumber > 1 ? $"?p={PageNumber}" : string.Empty)}"); // back to the page of objections the clerk was on
            }
            catch (DomainException e)
            {
                ModelState.AddProblems(e, string.Empty);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, l["该记录刚被他人修改，请刷新页面后重试。"]);
            }
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id) is not { } announcement)
        {
            return false;
        }
        Announcement = announcement;
        Phase = announcement.PhaseAt(Now);
        BatchName = announcement.BatchId is { } batchId
            ? await db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Name).SingleOrDefaultAsync()
            : null;
        Unhandled = await db.Objections.CountAsync(o => o.AnnouncementId == id && o.Outcome == null);
        var page = await Paging.ReadAsync(ObjectionsOf(db, id).AsNoTracking(),
            PageNumber, PageSize, HttpContext.RequestAborted);
        var ids = page.Items.Select(o => o.Id).ToList();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.OwnerId) && f.Kind == DocumentKind.ObjectionAttachment && f.DeletedAtUtc == null).ToListAsync();
        var histories = await db.TransitionRecords.AsNoTracking()
            .Where(r => r.AggregateType == "Objection" && ids.Contains(r.AggregateId)).OrderBy(r => r.Sequence).ToListAsync();
        Objections = new Paged<Row>(
            [.. page.Items.Select((o, i) => new Row((page.Page - 1) * PageSize + i + 1, o, files.FirstOrDefault(f => f.OwnerId == o.Id),
                [.. histories.Where(r => r.AggregateId == o.Id)]))],
            page.Page, page.PageSize, page.Total);
        History = await db.TransitionRecords.AsNoTracking()
            .Where(r => r.AggregateType == "Announcement" && r.AggregateId == id).OrderBy(r => r.Sequence).ToListAsync();
        return true;
    }

    public string Link(int page) => $"/Office/Announcements/{Announcement.Id}?p={page}";
}
