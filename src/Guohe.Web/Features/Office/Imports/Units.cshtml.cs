using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Features.Office.Imports;

/// <summary>
/// The office imports the pilot units and bases the two associations recognised before Guohe existed (Art. 11(6), 13(3)):
/// download the template, upload the filled sheet, see every error with its row and reason or a preview of what will be
/// created, and confirm — all rows in one transaction or none (<see cref="UnitImport"/>). Confirmation takes the very file
/// checked, kept encrypted for the clerk (<see cref="PendingImports"/>), so nothing irreversible happens on the first post.
/// </summary>
[UploadLimits]
public sealed class UnitsModel(
    GuoheDbContext db, Storage storage, IDataProtectionProvider protection, IOptions<FilesOptions> files, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>At most this many rows of the preview are shown; the counts cover all.</summary>
    public const int PreviewRows = 500;

    /// <summary>The outcome of checking the uploaded file, when one was checked.</summary>
    public UnitImportCheck? Check { get; private set; }

    /// <summary>The checked file waiting for confirmation (its SHA-256).</summary>
    [BindProperty]
    public string? Token { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public long MaxBytes => files.Value.MaxBytes;

    public void OnGet()
    {
    }

    /// <summary>The empty template with the Chinese column headers and a sheet of instructions.</summary>
    public FileContentResult OnGetTemplate() =>
        File(UnitImport.Template(), Spreadsheets.ContentType, $"{l["试点单位和基地导入模板"]}.xlsx");

    /// <summary>Checks the uploaded sheet; stores nothing but, when every row is valid, the file awaiting confirmation.</summary>
    public async Task<IActionResult> OnPostCheckAsync(IFormFile? upload)
    {
        Token = null;
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError(string.Empty, l["请选择要导入的Excel文件（.xlsx）。"]);
            return Page();
        }
        if (upload.Length > MaxBytes)
        {
            ModelState.AddModelError(string.Empty, string.Format(System.Globalization.CultureInfo.CurrentCulture, l["文件超过{0}，不能导入。请拆分后分次导入。"], Sizes.Format(MaxBytes)));
            return Page();
        }
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
        var content = buffer.ToArray();
        FileName = FileNames.Sanitise(upload.FileName);
        Check = await UnitImport.ValidateAsync(db, new MemoryStream(content, writable: false), FileName, ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted);
        if (Check.IsValid)
        {
            Token = await Pending().KeepAsync(User.Id(), content, HttpContext.RequestAborted);
        }
        return Page();
    }

    /// <summary>Imports the file checked before, all rows or none.</summary>
    public async Task<IActionResult> OnPostCommitAsync()
    {
        var pending = Pending();
        var content = await pending.FindAsync(User.Id(), Token, HttpContext.RequestAborted);
        if (content is null)
        {
            Token = null;
            ModelState.AddModelError(string.Empty, l["待确认的文件已失效，本次未导入任何内容。请重新上传。"]);
            return Page();
        }
        var name = FileNames.Sanitise(FileName);
        UnitImportResult result;
        try
        {
            result = await UnitImport.CommitAsync(db, new MemoryStream(content, writable: false), name, User.Actor(), clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            pending.Forget(User.Id(), Token);
            Token = null;
            ModelState.AddModelError(string.Empty, l["有人同时登记了表中的单位，本次未导入任何内容。请重新上传检查。"]);
            return Page();
        }
        pending.Forget(User.Id(), Token);
        if (!result.Committed)
        {
            Check = result.Check;
            Token = null;
            ModelState.AddModelError(string.Empty, l["检查之后系统中的数据有了变化，本次未导入任何内容。请按下表修改后重新上传。"]);
            return Page();
        }
        var check = result.Check;
        TempData["Message"] = string.Format(System.Globalization.CultureInfo.CurrentCulture,
            l["导入完成：新建单位{0}个，已有单位{1}个（未修改）；新建资格{2}个，跳过{3}个（已有资格）。"].Value,
            check.OrganisationsToCreate, check.OrganisationsExisting, check.DesignationsToCreate, check.DesignationsSkipped);
        return RedirectToPage("/Office/Imports/Units");
    }

    private PendingImports Pending() => new(storage, protection, clock);
}
