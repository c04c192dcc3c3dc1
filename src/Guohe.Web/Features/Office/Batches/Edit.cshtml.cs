using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Batches;

/// <summary>The office creates a yearly batch or changes its window (Art. 4). Dates are Beijing dates; the window closes at the end of the closing day.</summary>
public sealed class EditModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [Range(2000, 2200, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "年度")]
        public int? Year { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(100, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "批次名称")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "请填写{0}。")]
        [Display(Name = "申报开始日期")]
        public DateOnly? OpensOn { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Display(Name = "申报截止日期")]
        public DateOnly? ClosesOn { get; set; }

        [Range(1, 10000, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "拟选名额（可不填）")]
        public int? Quota { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null)
        {
            var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
            Input = new InputModel { Year = today.Year, Name = $"{today.Year}年度第一批", OpensOn = today, ClosesOn = today.AddMonths(2) };
            return Page();
        }
        if (await db.Batches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == Id) is not { } batch)
        {
            return NotFound();
        }
        Input = new InputModel
        {
            Year = batch.Year,
            Name = batch.Name,
            OpensOn = ChinaTime.DateOf(batch.OpensAtUtc),
            ClosesOn = ChinaTime.DateOf(batch.ClosesAtUtc.AddTicks(-1)),
            Quota = batch.Quota,
            Version = batch.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var opens = ChinaTime.StartOfDayUtc(Input.OpensOn!.Value);
        var closes = ChinaTime.StartOfDayUtc(Input.ClosesOn!.Value.AddDays(1));
        var actor = User.Actor();
        try
        {
            if (Id is null)
            {
                db.Batches.Add(Batch.Create(actor, clock.GetUtcNow().UtcDateTime, Input.Year!.Value, Input.Name, opens, closes, Input.Quota));
            }
            else
            {
                if (await db.Batches.SingleOrDefaultAsync(b => b.Id == Id) is not { } batch)
                {
                    return NotFound();
                }
                db.Entry(batch).Property(b => b.Version).OriginalValue = Input.Version; // the version the clerk saw
                batch.Change(actor, Input.Year!.Value, Input.Name, opens, closes, Input.Quota);
            }
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该批次刚被他人修改，请返回列表重新打开后再改。您填写的内容仍在下面。"]);
            return Page();
        }
        TempData["Message"] = l["批次已保存。"].Value;
        return RedirectToPage("/Office/Batches/Index");
    }
}
