using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Guohe.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Applicant.Obligations;

/// <summary>
/// Forms 2–4 online (Art. 12(1), 12(3), 13(1), 14): the unit fills its annual plan, annual summary or construction summary,
/// saves drafts (incomplete is fine, invalid values are not stored), adds or removes tagged items and partner rows without
/// JavaScript, may upload the document itself, and files it; filing links each partner row to the institution directory.
/// Another organisation's obligation is 404, and the attempt is logged. A filed or reviewed one is read-only.
/// </summary>
[UploadLimits]
public sealed partial class EditModel(
    GuoheDbContext db, TimeProvider clock, Notifier notifier, FileStore store, IStringLocalizer<SharedResource> l, ILogger<EditModel> logger) : PageModel
{
    public sealed record DocumentView(Guid Id, string Name, long Size, DateTime UploadedAtUtc);

    [BindProperty]
    public ObligationInput Input { get; set; } = new();

    public Obligation Obligation { get; private set; } = null!; // set by LoadAsync before the page renders

    public string OrganisationName { get; private set; } = string.Empty;

    public DateOnly RecognitionDate { get; private set; }

    public DocumentView? Document { get; private set; }

    public string? UploadError { get; private set; }

    public IReadOnlyList<Problem> FileProblems { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public bool Editable => ObligationFiling.Editable(Obligation);

    public DateOnly Today => ChinaTime.DateOf(Now);

    public long MaxBytes => store.MaxBytes;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Blank rows posted (dropped before saving, offered again when the page is shown back).</summary>
    private (int Items, int Partners) _blank;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Input = ObligationInput.From(Obligation);
        OfferEmptyRows();
        return Page();
    }

    /// <summary>保存草稿.</summary>
    public Task<IActionResult> OnPostAsync(Guid id) => SaveAsync(id, then: () =>
    {
        TempData["Message"] = l["草稿已保存。"].Value;
        return Task.FromResult<IActionResult>(RedirectToPage(new { id }));
    });

    public Task<IActionResult> OnPostAddItemAsync(Guid id) => SaveAsync(id, then: () =>
    {
        Input.Items.Add(new ObligationInput.ItemInput());
        return Task.FromResult<IActionResult>(PageWithBlankRows());
    });

    public Task<IActionResult> OnPostRemoveItemAsync(Guid id, int index) => SaveAsync(id, before: () =>
    {
        if (index >= 0 && index < Input.Items.Count)
        {
            Input.Items.RemoveAt(index);
            return true;
        }
        return false;
    }, then: () => Task.FromResult<IActionResult>(RedirectToPage(new { id })));

    public Task<IActionResult> OnPostAddPartnerAsync(Guid id) => SaveAsync(id, then: () =>
    {
        Input.Partners.Add(new ObligationInput.PartnerInput());
        return Task.FromResult<IActionResult>(PageWithBlankRows());
    });

    public Task<IActionResult> OnPostRemovePartnerAsync(Guid id, int index) => SaveAsync(id, before: () =>
    {
        if (index >= 0 && index < Input.Partners.Count)
        {
            Input.Partners.RemoveAt(index);
            return true;
        }
        return false;
    }, then: () => Task.FromResult<IActionResult>(RedirectToPage(new { id })));

    /// <summary>
    /// 提交: the form is checked as a whole; with problems it is kept as a draft and the problems show on their fields.
    /// Otherwise the partner rows are resolved in the directory and the filing, the new directory entries and the links are
    /// written in one SaveChanges.
    /// </summary>
    public async Task<IActionResult> OnPostFileAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Editable)
        {
            return ReadOnly(id);
        }
        var posted = Prepare(() => false);
        var form = Input.ToForm();
        FileProblems = Obligation.CheckForm(form, Obligation.Kind, Document is not null);
        if (!posted || FileProblems.Count > 0)
        {
            // Keep what is valid as the draft, then show every problem on its field.
            var saved = await SaveDraftAsync(form);
            if (saved is not null)
            {
                return saved;
            }
            ModelState.AddProblems(FileProblems);
            ModelState.AddModelError(string.Empty, posted
                ? l["还不能提交，已保存为草稿。请补齐标红的内容后再提交。"]
                : l["已保存填写正确的内容；标红的项格式不正确，未保存，请改正后再提交。"]);
            return PageWithBlankRows();
        }
        db.Entry(Obligation).Property(o => o.Version).OriginalValue = Input.Version;
        try
        {
            if ((await ObligationFiling.FileAsync(db, notifier, Obligation, User.Actor(), Now, form, HttpContext.RequestAborted)) is [var early, ..])
            {
                // Form 4 before the construction period ended (Art. 13(1)): kept as the draft, nothing filed.
                if (await SaveDraftAsync(form) is { } refused)
                {
                    return refused;
                }
                ModelState.AddModelError(string.Empty, early.In(Cultures.IsEnglish));
                return PageWithBlankRows();
            }
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConflictPage();
        }
        TempData["Message"] = l["已提交，请留意办公室审核意见。"].Value;
        return RedirectToPage("/Applicant/Obligations/Index");
    }

    /// <summary>Uploads the plan or summary document (PDF or DOCX); a new upload replaces the previous one.</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? upload)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Editable)
        {
            return ReadOnly(id);
        }
        Input = ObligationInput.From(Obligation);
        OfferEmptyRows();
        ModelState.Clear(); // the upload form posts no form fields: show the stored ones
        var (_, refusal, args) = await ObligationFiling.UploadAsync(store, Obligation, upload, User.Id(), HttpContext.RequestAborted);
        if (refusal is not null)
        {
            UploadError = l[refusal, args];
            return Page();
        }
        TempData["Message"] = l["文档已上传。"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Saves the posted form as the draft (valid fields only), then continues; a stale version is a clear message.</summary>
    private async Task<IActionResult> SaveAsync(Guid id, Func<Task<IActionResult>> then, Func<bool>? before = null)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Editable)
        {
            return ReadOnly(id);
        }
        var posted = Prepare(before ?? (() => false));
        if (await SaveDraftAsync(Input.ToForm()) is { } refused)
        {
            return refused;
        }
        if (!posted)
        {
            ModelState.AddModelError(string.Empty, l["已保存填写正确的内容；标红的项格式不正确，未保存，请改正后再保存。"]);
            return PageWithBlankRows();
        }
        return await then();
    }

    /// <summary>
    /// Applies a row removal, drops blank rows, checks what the attributes cannot (country from the list, a category for
    /// every item) and puts the stored value back wherever the posted one is invalid. True when everything posted is valid.
    /// </summary>
    private bool Prepare(Func<bool> before)
    {
        var shifted = before();
        _blank = (Input.Items.Count(i => i.IsBlank), Input.Partners.Count(p => p.IsBlank));
        shifted |= Input.DropBlankRows();
        if (shifted)
        {
            ModelState.Clear(); // row indexes moved: validate the rows as they now are
            TryValidateModel(Input, nameof(Input));
        }
        ObligationFiling.Validate(Input, Obligation.Kind, (field, zh, args) =>
            ModelState.AddModelError($"{nameof(Input)}.{field}", l[zh, [.. args.Select(a => a is string key ? l[key].Value : a)]]));
        var posted = ModelState.IsValid;
        KeepStoredWhereInvalid.Apply(ModelState, nameof(Input), Input, ObligationInput.From(Obligation));
        return posted;
    }

    /// <summary>Stores the form as the draft; returns the page to show instead when that failed.</summary>
    private async Task<IActionResult?> SaveDraftAsync(ObligationForm form)
    {
        db.Entry(Obligation).Property(o => o.Version).OriginalValue = Input.Version;
        try
        {
            Obligation.SaveDraft(User.Actor(), Now, form);
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return ConflictPage();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        Input.Version = Obligation.Version;
        ModelState.Remove("Input.Version");
        return null;
    }

    private PageResult ConflictPage()
    {
        ModelState.AddModelError(string.Empty, l["该表刚在其他窗口或由同事保存过，本次未保存。请复制您的修改，刷新页面后再填。"]);
        return Page();
    }

    private RedirectToPageResult ReadOnly(Guid id)
    {
        TempData["Message"] = l["该表已提交，不能再修改。"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>The page again, with the blank rows the user had added still offered at the end.</summary>
    private PageResult PageWithBlankRows()
    {
        for (var i = 0; i < _blank.Items && Input.Items.Count < ObligationInput.MaxRows; i++)
        {
            Input.Items.Add(new ObligationInput.ItemInput());
        }
        for (var i = 0; i < _blank.Partners && Input.Partners.Count < ObligationInput.MaxRows; i++)
        {
            Input.Partners.Add(new ObligationInput.PartnerInput());
        }
        OfferEmptyRows();
        return Page();
    }

    private void OfferEmptyRows()
    {
        if (!Editable)
        {
            return;
        }
        if (Input.Items.Count == 0)
        {
            Input.Items.Add(new ObligationInput.ItemInput()); // the form needs at least one: offer the first row
        }
        if (Input.Partners.Count == 0)
        {
            Input.Partners.Add(new ObligationInput.PartnerInput());
        }
    }

    /// <summary>The obligation if it is this user's organisation's; otherwise logs the attempt and answers false.</summary>
    private async Task<bool> LoadAsync(Guid id)
    {
        var organisationId = User.Organisation();
        var obligation = await ObligationFiling.Own(db, organisationId).SingleOrDefaultAsync(o => o.Id == id);
        if (obligation is null)
        {
            LogRefused(logger, User.Id(), organisationId, id);
            return false;
        }
        Obligation = obligation;
        var designation = await db.Designations.AsNoTracking().Where(d => d.Id == obligation.DesignationId)
            .Select(d => new { d.OrganisationName, d.RecognitionDate }).SingleAsync();
        OrganisationName = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync()
            ?? designation.OrganisationName;
        RecognitionDate = designation.RecognitionDate;
        Document = await ObligationFiling.DocumentAsync(db, id) is { } file ? new DocumentView(file.Id, file.OriginalName, file.Size, file.UploadedAtUtc) : null;
        History = await db.HistoryOfAsync(id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Obligation refused: user {UserId} of organisation {OrganisationId} asked for obligation {ObligationId}")]
    private static partial void LogRefused(ILogger logger, Guid userId, Guid? organisationId, Guid obligationId);
}
