using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.Fees;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Guohe.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Fees;

/// <summary>
/// The office charges a fee to a unit (Art. 18): kind, amount in yuan, date, invoice number and description; corrects it with
/// a reason; records the payment with its date. The unit is told of each charge. Every change is in the fee's history.
/// </summary>
public sealed class EditModel(GuoheDbContext db, TimeProvider clock, Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Choice(Guid Id, string Name, string Uscc);

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>Narrows the organisation list (name or 统一社会信用代码) when charging a new fee.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Find { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "缴费日期")]
    public DateOnly? PaidOn { get; set; }

    public Fee? Fee { get; private set; }

    /// <summary>Organisations to charge: those with a designation or an application, or those matching <see cref="Find"/>.</summary>
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public sealed class InputModel
    {
        [Display(Name = "收费单位")]
        public Guid? OrganisationId { get; set; }

        [Required(ErrorMessage = "请选择{0}。")]
        [Display(Name = "费用类别")]
        public FeeKind? Kind { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Display(Name = "金额（元）")]
        public decimal? Amount { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [Display(Name = "收费日期")]
        public DateOnly? ChargedOn { get; set; }

        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "发票号")]
        public string? InvoiceNumber { get; set; }

        [StringLength(500, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "说明")]
        public string? Description { get; set; }

        [StringLength(500, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "更正理由")]
        public string? Reason { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is not null)
        {
            if (await db.Fees.AsNoTracking().SingleOrDefaultAsync(f => f.Id == Id) is not { } fee)
            {
                return NotFound();
            }
            var d = fee.Details;
            Input = new InputModel
            {
                OrganisationId = fee.OrganisationId, Kind = d.Kind, Amount = d.Amount, ChargedOn = d.ChargedOn,
                InvoiceNumber = d.InvoiceNumber, Description = d.Description, Version = fee.Version,
            };
        }
        else
        {
            Input.ChargedOn = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        }
        PaidOn = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        await LoadAsync();
        return Page();
    }

    /// <summary>Charges a new fee, or corrects an existing one (a reason is required).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        Organisation? organisation = null;
        if (Id is null)
        {
            organisation = Input.OrganisationId is { } organisationId ? await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId) : null;
            if (organisation is null)
            {
                ModelState.AddModelError("Input.OrganisationId", l["请选择收费单位。"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var details = new FeeDetails(Input.Kind!.Value, Input.Amount!.Value, Input.ChargedOn!.Value, Input.InvoiceNumber ?? string.Empty, Input.Description ?? string.Empty);
        var actor = User.Actor();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (Id is null)
            {
                var fee = Domain.Fees.Fee.Charge(actor, now, organisation!.Id, organisation.Name, details);
                db.Fees.Add(fee);
                await db.SaveChangesAsync();
                Id = fee.Id;
                var amount = IndexModel.Yuan(details.Amount);
                await notifier.UnitAsync(organisation.Id,
                    $"办公室向您单位登记了一笔{FeeKindNames.Zh(details.Kind)}：{amount}元（{ChinaTime.Iso(details.ChargedOn)}，《办法》第十八条）。",
                    $"The Office recorded a fee charged to your unit: {FeeKindNames.En(details.Kind)}, {amount} yuan ({ChinaTime.Iso(details.ChargedOn)}, Art. 18).",
                    "/Applicant/Fees");
                await notifier.SaveAsync();
                TempData["Message"] = l["费用已登记，已通知该单位。"].Value;
            }
            else
            {
                if (await db.Fees.SingleOrDefaultAsync(f => f.Id == Id) is not { } fee)
                {
                    return NotFound();
                }
                db.Entry(fee).Property(f => f.Version).OriginalValue = Input.Version;
                fee.Correct(actor, now, details, Input.Reason ?? string.Empty);
                await db.SaveChangesAsync();
                TempData["Message"] = l["费用已更正。"].Value;
            }
        }
        catch (DomainException e)
        {
            ModelState.AddProblems(e, prefix: "Input.");
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, l["该费用刚被同事修改，本次修改未保存。请重新打开后再改。"]);
            return Page();
        }
        return RedirectToPage("/Office/Fees/Edit", new { id = Id });
    }

    /// <summary>Records that the fee was paid on <see cref="PaidOn"/>.</summary>
    public async Task<IActionResult> OnPostPaidAsync()
    {
        if (Id is null || await db.Fees.SingleOrDefaultAsync(f => f.Id == Id) is not { } fee)
        {
            return NotFound();
        }
        ModelState.Clear(); // only the payment date is posted here
        if (PaidOn is not { } paidOn)
        {
            ModelState.AddModelError(nameof(PaidOn), l["请填写缴费日期。"]);
        }
        else
        {
            try
            {
                db.Entry(fee).Property(f => f.Version).OriginalValue = Input.Version;
                fee.MarkPaid(User.Actor(), clock.GetUtcNow().UtcDateTime, paidOn);
                await db.SaveChangesAsync();
                TempData["Message"] = l["已登记缴费。"].Value;
                return RedirectToPage("/Office/Fees/Edit", new { id = Id });
            }
            catch (DomainException e)
            {
                ModelState.AddProblems(e, prefix: string.Empty);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, l["该费用刚被同事修改，本次修改未保存。请重新打开后再改。"]);
            }
        }
        db.ChangeTracker.Clear();
        var d = fee.Details;
        Input = new InputModel
        {
            OrganisationId = fee.OrganisationId, Kind = d.Kind, Amount = d.Amount, ChargedOn = d.ChargedOn,
            InvoiceNumber = d.InvoiceNumber, Description = d.Description, Version = Input.Version,
        };
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Fee = Id is { } id ? await db.Fees.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id) : null;
        History = Id is { } historyId ? await db.HistoryOfAsync(historyId) : [];
        if (Id is not null)
        {
            return;
        }
        var text = Find?.Trim() ?? string.Empty;
        var query = db.Organisations.AsNoTracking();
        if (text.Length > 0)
        {
            query = Uscc.TryParse(text, out var uscc, out _) ? query.Where(o => o.Uscc == uscc) : query.Where(o => o.Name.Contains(text));
        }
        else
        {
            query = query.Where(o => db.Designations.Any(d => d.OrganisationId == o.Id) || db.Applications.Any(a => a.OrganisationId == o.Id));
        }
        var rows = await query.OrderBy(o => o.Name).Take(200).Select(o => new { o.Id, o.Name, Uscc = o.Uscc.Value }).ToListAsync();
        Organisations = [.. rows.Select(o => new Choice(o.Id, o.Name, o.Uscc ?? string.Empty))];
        if (Input.OrganisationId is { } chosen && Organisations.All(o => o.Id != chosen)
            && await db.Organisations.AsNoTracking().Where(o => o.Id == chosen).Select(o => new { o.Id, o.Name, Uscc = o.Uscc.Value }).SingleOrDefaultAsync() is { } kept)
        {
            Organisations = [new Choice(kept.Id, kept.Name, kept.Uscc ?? string.Empty), .. Organisations];
        }
    }
}
