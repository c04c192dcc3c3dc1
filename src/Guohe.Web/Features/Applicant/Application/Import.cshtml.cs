using System.Text.Json;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Documents;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DomainApplication = Guohe.Domain.Applications.Application;

namespace Guohe.Web.Features.Applicant.Application;

/// <summary>
/// The applicant uploads a filled Form 1 (.docx) and gets a draft with every field Guohe could read, and a list of what it
/// could not read and why. Nothing is submitted; the file itself is not kept. A draft that already has content is replaced
/// only after the applicant confirms it. Hostile files are refused before they are opened (<see cref="OfficeFileSafety"/>).
/// </summary>
[UploadLimits]
public sealed class ImportModel(GuoheDbContext db, FileStore store, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>What could not be read at the last import, carried across the redirect.</summary>
    public sealed record Unread(string Zh, string En)
    {
        public string Text => Cultures.IsEnglish ? En : Zh;
    }

    public DomainApplication? Current { get; private set; }

    public bool HasOpenBatch { get; private set; }

    public IReadOnlyList<Unread>? LastImport { get; private set; }

    public string? Error { get; private set; }

    public long MaxBytes => store.MaxBytes;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Whether importing would overwrite a draft (its entries, or the profile copied from the unit when it was started).</summary>
    public bool WouldReplace => Current is not null;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (TempData["Form1Import"] is string json)
        {
            LastImport = JsonSerializer.Deserialize<List<Unread>>(json);
        }
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload, bool replace)
    {
        await LoadAsync();
        if (Current is not null && !Editable(Current))
        {
            return Refuse(l["该申请已提交或已结束，不能再修改。"]);
        }
        if (Current is null && !HasOpenBatch)
        {
            return Refuse(l["目前没有开放的申报批次。"]);
        }
        if (WouldReplace && !replace)
        {
            return Refuse(l["草稿中已有填写的内容。导入将用文件中的内容替换申请表的全部字段，请勾选确认后再导入。"]);
        }
        if (upload is null || upload.Length == 0)
        {
            return Refuse(l["文件是空的，请选择要上传的文件。"]);
        }
        if (upload.Length > store.MaxBytes)
        {
            return Refuse(l["文件超过{0}的大小上限。", Sizes.Format(store.MaxBytes)]);
        }
        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
        }
        var (reading, refusal) = Form1Import.Read(content);
        if (refusal is not null)
        {
            return Refuse(Cultures.IsEnglish ? refusal.En : refusal.Zh);
        }
        var organisation = await db.Organisations.SingleAsync(o => o.Id == User.Organisation(), HttpContext.RequestAborted);
        var problems = reading!.Problems.ToList();
        if (reading.Uscc is { } uscc && !string.Equals(uscc.Trim(), organisation.Uscc.Value, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new Problem("import.uscc", $"文件中的统一社会信用代码{uscc}与本单位（{organisation.Uscc.Value}）不符，未导入。",
                $"The USCC in the file ({uscc}) is not this unit's ({organisation.Uscc.Value}); it was not imported.", "统一社会信用代码"));
        }
        Guid? recommenderId = null;
        if (reading.RecommenderName is { } name)
        {
            var recommenders = await Form1Input.RecommendersAsync(db);
            recommenderId = recommenders.Where(r => Form1Import.Normalise(r.Name) == Form1Import.Normalise(name)).Select(r => (Guid?)r.Id).FirstOrDefault();
            if (recommenderId is null)
            {
                problems.Add(new Problem("import.recommender", $"推荐单位“{name}”不在可选的推荐单位中，请在系统中选择。",
                    $"The recommender ‘{name}’ is not among the recommenders to choose from; choose one in Guohe.", "推荐单位"));
            }
        }

        var application = Current;
        if (application is null)
        {
            var batch = await OpenBatches().FirstAsync(HttpContext.RequestAborted);
            application = DomainApplication.Create(User.Actor(), Now, organisation, batch);
            db.Applications.Add(application);
        }
        // The same format checks as the edit page: a value it would refuse is not stored but listed.
        var input = Form1Input.From(reading.Form with { RecommenderOrganisationId = recommenderId }, application.Version);
        ModelState.Clear();
        if (!TryValidateModel(input, "Input"))
        {
            foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0))
            {
                foreach (var error in entry!.Errors)
                {
                    problems.Add(new Problem("import.format", $"{error.ErrorMessage}（{key.Replace("Input.", string.Empty, StringComparison.Ordinal)}）", $"{l[error.ErrorMessage].Value} ({key})", key));
                }
            }
            KeepStoredWhereInvalid.Apply(ModelState, "Input", input, Form1Input.From(application.Form(), application.Version));
        }
        try
        {
            application.EditDraft(User.Actor(), Now, input.ToForm());
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(l["申请表刚在其他窗口或由同事保存过，本次未保存。请复制您的修改，刷新页面后再填。"]);
        }
        TempData["Form1Import"] = JsonSerializer.Serialize(problems.Take(100).Select(p => new Unread(p.Zh, p.En)).ToList());
        TempData["Message"] = l["已从文件导入申请表草稿，尚未提交。请核对后继续填写。"].Value;
        return RedirectToPage();
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        return Page();
    }

    private static bool Editable(DomainApplication application) =>
        application.Status is ApplicationStatus.Draft or ApplicationStatus.ReturnedForRevision;

    private IQueryable<Domain.Batches.Batch> OpenBatches()
    {
        var now = Now;
        return db.Batches.Where(b => b.OpensAtUtc <= now && now < b.ClosesAtUtc).OrderBy(b => b.ClosesAtUtc);
    }

    private async Task LoadAsync()
    {
        var organisationId = User.Organisation();
        Current = await db.Applications.Where(a => a.OrganisationId == organisationId).OrderByDescending(a => a.CreatedAtUtc).FirstOrDefaultAsync();
        if (Current is not null && !Editable(Current) && !Current.IsOpen)
        {
            Current = null; // a closed application: the import starts a new one
        }
        HasOpenBatch = await OpenBatches().AnyAsync();
    }
}
