using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Common;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Office.Experts;

/// <summary>
/// The office adds an expert to the pool or corrects one (Art. 5): name, organisation and its USCC, province, key fields
/// (Art. 15), recommending association, contact, the sign-in account, declared conflicts and whether the expert is active.
/// Every change is in the expert's history.
/// </summary>
public sealed class EditModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Account(Guid Id, string Name, string Email);

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Expert-role accounts not linked to another expert.</summary>
    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public IReadOnlyList<TransitionRecord> History { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(100, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "姓名")]
        public string? Name { get; set; }

        [StringLength(100, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "职称/职务")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "工作单位")]
        public string? OrganisationName { get; set; }

        [StringLength(18, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "工作单位统一社会信用代码（如知道）")]
        public string? OrganisationUscc { get; set; }

        [Required(ErrorMessage = "请选择{0}。")]
        [Display(Name = "省份")]
        public string? Province { get; set; }

        public List<KeyFields> Fields { get; set; } = [];

        [Required(ErrorMessage = "请选择{0}。")]
        [Display(Name = "推荐协会")]
        public RecommendingAssociation? RecommendedBy { get; set; }

        [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
        [StringLength(256, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "电子邮箱")]
        public string? Email { get; set; }

        [RegularExpression(Form1Input.MobilePattern, ErrorMessage = "手机号应为以1开头的11位数字。")]
        [Display(Name = "手机")]
        public string? Mobile { get; set; }

        [StringLength(4000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "申报回避单位")]
        public string? DeclaredConflicts { get; set; }

        [Display(Name = "登录账号")]
        public Guid? UserId { get; set; }

        [Display(Name = "在库（可被选派）")]
        public bool Active { get; set; } = true;

        [StringLength(500, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "变更说明")]
        public string? Note { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is not null)
        {
            if (await db.Experts.AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id) is not { } expert)
            {
                return NotFound();
            }
            var d = expert.Details;
            Input = new InputModel
            {
                Name = d.Name, Title = d.Title, OrganisationName = d.OrganisationName, OrganisationUscc = d.OrganisationUscc,
                Province = d.Province, Fields = [.. KeyFieldNames.Of(d.Fields).Select(f => f.Field)], RecommendedBy = d.RecommendedBy,
                Email = d.Email, Mobile = d.Mobile, DeclaredConflicts = string.Join('\n', d.DeclaredConflicts), UserId = d.UserId,
                Active = expert.Active, Version = expert.Version,
            };
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Input.Province is { } province && !Provinces.All.Contains(province))
        {
            ModelState.AddModelError("Input.Province", l["请从列表中选择省份。"]);
        }
        if (Input.UserId is { } userId && Accounts.All(a => a.Id != userId))
        {
            ModelState.AddModelError("Input.UserId", l["该账号不是评审专家账号，或已关联其他专家。"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var details = new ExpertDetails
        {
            Name = Input.Name ?? string.Empty,
            Title = Input.Title ?? string.Empty,
            OrganisationName = Input.OrganisationName ?? string.Empty,
            OrganisationUscc = Input.OrganisationUscc ?? string.Empty,
            Province = Input.Province ?? string.Empty,
            Fields = Input.Fields.Aggregate(KeyFields.None, (all, f) => all | f),
            RecommendedBy = Input.RecommendedBy!.Value,
            Email = Input.Email ?? string.Empty,
            Mobile = Input.Mobile ?? string.Empty,
            DeclaredConflicts = (Input.DeclaredConflicts ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            UserId = Input.UserId,
        };
        var actor = User.Actor();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (Id is null)
            {
                var expert = Domain.Reviews.Expert.Add(actor, now, details);
                db.Experts.Add(expert);
                Id = expert.Id;
            }
            else
            {
                if (await db.Experts.SingleOrDefaultAsync(e => e.Id == Id) is not { } expert)
                {
                    return NotFound();
                }
                db.Entry(expert).Property(e => e.Version).OriginalValue = Input.Version;
                expert.Update(actor, now, details, Input.Active, Input.Note);
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
            ModelState.AddModelError(string.Empty, l["该专家信息刚被同事修改，本次修改未保存。请重新打开后再改。"]);
            return Page();
        }
        TempData["Message"] = l["专家信息已保存。"].Value;
        return RedirectToPage("/Office/Experts/Edit", new { id = Id });
    }

    private async Task LoadAsync()
    {
        var linked = (await db.Experts.AsNoTracking().Where(e => e.Id != Id).Select(e => e.Details.UserId).ToListAsync()).OfType<Guid>().ToHashSet();
        var expertRole = nameof(Role.Expert);
        var accounts = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where r.Name == expertRole && u.DisabledAtUtc == null
                              orderby u.DisplayName
                              select new Account(u.Id, u.DisplayName, u.Email ?? string.Empty)).ToListAsync();
        Accounts = [.. accounts.Where(a => !linked.Contains(a.Id))];
        History = Id is { } id ? await db.HistoryOfAsync(id) : [];
    }
}
