using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Admin;

/// <summary>
/// 个人信息查询: a person's request to see what Guohe holds on them (PIPL Art. 44–45) and to have it deleted (Art. 47). The
/// administrator enters the person's e-mail or mobile number and sees every place it occurs — accounts (with their tokens,
/// notices and recorded acts), units that name the person as liaison, the persons of Form 1 and of filed plans and summaries,
/// the expert register, objections to announcements — and downloads all of it as one JSON file. An account may be deleted
/// only while it has done nothing the programme's records keep (no recorded act); otherwise it can be disabled. The search
/// is posted, so the e-mail or number never stands in a URL.
/// </summary>
public sealed class PersonalDataModel(GuoheDbContext db, UserManager<GuoheUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // Chinese as itself in the file
    };

    [BindProperty]
    [Display(Name = "邮箱或手机号")]
    [Required(ErrorMessage = "请填写邮箱或手机号。")]
    [StringLength(256, ErrorMessage = "{0}不能超过{1}个字符。")]
    public string? Query { get; set; }

    /// <summary>Ticked to confirm the deletion of an account.</summary>
    [BindProperty]
    public bool ConfirmDelete { get; set; }

    public PersonalDataReport? Report { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostFindAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Report = await PersonalDataReport.FindAsync(db, Query!, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Everything found, as one JSON file (the reply to the person).</summary>
    public async Task<IActionResult> OnPostExportAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var report = await PersonalDataReport.FindAsync(db, Query!, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        var stamp = ChinaTime.DateOf(report.AtUtc).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return File(JsonSerializer.SerializeToUtf8Bytes(report, Json), "application/json", $"{l["个人信息"]}-{stamp}.json");
    }

    /// <summary>Deletes an account that has no recorded act, with its notices and tokens, after the tick.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid account)
    {
        ModelState.Remove(nameof(Query));
        var user = await users.FindByIdAsync(account.ToString());
        if (user is null)
        {
            return NotFound();
        }
        var acts = await db.TransitionRecords.CountAsync(r => r.ActorUserId == user.Id, HttpContext.RequestAborted);
        if (user.Id == User.Id())
        {
            ModelState.AddModelError(string.Empty, l["不能删除自己的账号。"]);
        }
        else if (acts > 0)
        {
            ModelState.AddModelError(string.Empty, l["该账号在项目记录中有{0}项操作，这些记录依法须保存，账号不能删除；可以停用账号。", acts]);
        }
        else if (!ConfirmDelete)
        {
            ModelState.AddModelError(nameof(ConfirmDelete), l["请勾选确认后再删除。"]);
        }
        if (!ModelState.IsValid)
        {
            Report = await PersonalDataReport.FindAsync(db, Query ?? user.Email ?? string.Empty, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        await db.Notifications.Where(n => n.UserId == user.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        await db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(HttpContext.RequestAborted);
            ModelState.AddModelError(string.Empty, l["账号未能删除：{0}", string.Join("；", result.Errors.Select(e => e.Description))]);
            Report = await PersonalDataReport.FindAsync(db, Query ?? string.Empty, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
            return Page();
        }
        await transaction.CommitAsync(HttpContext.RequestAborted);
        Web.Notifications.UnreadCounts.Changed();
        Done = l["已删除账号及其通知和访问令牌。"];
        return RedirectToPage();
    }
}

/// <summary>Everything Guohe holds on one person, found by their e-mail (any case) or mobile or phone number (exact).</summary>
public sealed record PersonalDataReport(
    string Query,
    DateTime AtUtc,
    IReadOnlyList<PersonalDataReport.AccountHeld> Accounts,
    IReadOnlyList<PersonalDataReport.LiaisonHeld> Liaisons,
    IReadOnlyList<PersonalDataReport.PersonHeld> FormPersons,
    IReadOnlyList<PersonalDataReport.ExpertHeld> Experts,
    IReadOnlyList<PersonalDataReport.ObjectionHeld> Objections)
{
    public sealed record AccountHeld(Guid Id, string Email, string DisplayName, string? Phone, string Role, string? Organisation,
        DateTime CreatedAtUtc, DateTime? DisabledAtUtc, bool TwoFactor, IReadOnlyList<TokenHeld> Tokens, IReadOnlyList<NoticeHeld> Notices, IReadOnlyList<ActHeld> Acts);

    public sealed record TokenHeld(string Name, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

    public sealed record NoticeHeld(DateTime CreatedAtUtc, string Text);

    public sealed record ActHeld(DateTime AtUtc, string Record, string From, string To, string Article);

    public sealed record LiaisonHeld(Guid OrganisationId, string Organisation, string Name, string Email, string Mobile);

    /// <summary>A person on a form: the form (申请表, 年度工作计划表…), its number or year, and the row (主要负责人…); form and row are resource keys.</summary>
    public sealed record PersonHeld(string Form, string Reference, string Row, Guid RecordId, PersonRow Person);

    public sealed record ExpertHeld(Guid Id, string Name, string Title, string Organisation, string Email, string Mobile);

    public sealed record ObjectionHeld(Guid Id, Guid AnnouncementId, DateTime SubmittedAtUtc, string Name, string Contact, string Text);

    public int Places => Accounts.Count + Liaisons.Count + FormPersons.Count + Experts.Count + Objections.Count;

    // EF Core translates ToLower() to SQL lower(); string.Equals with a StringComparison (CA1862) it cannot translate.
#pragma warning disable CA1862
    public static async Task<PersonalDataReport> FindAsync(GuoheDbContext db, string query, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var q = query.Trim();
        var lower = q.ToLowerInvariant();
        var upper = q.ToUpperInvariant();
        bool Matches(PersonRow p) => string.Equals(p.Email.Trim(), q, StringComparison.OrdinalIgnoreCase) || p.Mobile.Trim() == q || p.Phone.Trim() == q;

        var accounts = new List<AccountHeld>();
        foreach (var user in await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == upper || u.PhoneNumber == q).ToListAsync(cancellationToken))
        {
            var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefaultAsync(cancellationToken);
            var organisation = user.OrganisationId is { } id ? await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) : null;
            accounts.Add(new AccountHeld(user.Id, user.Email ?? string.Empty, user.DisplayName, user.PhoneNumber, role ?? string.Empty, organisation,
                user.CreatedAtUtc, user.DisabledAtUtc, user.TwoFactorEnabled,
                await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderBy(t => t.CreatedAtUtc)
                    .Select(t => new TokenHeld(t.Name, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc)).ToListAsync(cancellationToken),
                await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.CreatedAtUtc)
                    .Select(n => new NoticeHeld(n.CreatedAtUtc, n.TextZh)).ToListAsync(cancellationToken),
                await db.TransitionRecords.AsNoTracking().Where(r => r.ActorUserId == user.Id).OrderBy(r => r.AtUtc)
                    .Select(r => new ActHeld(r.AtUtc, r.AggregateType, r.From, r.To, r.Article)).ToListAsync(cancellationToken)));
        }

        var liaisons = await db.Organisations.AsNoTracking()
            .Where(o => o.LiaisonEmail.ToLower() == lower || o.LiaisonMobile == q)
            .Select(o => new LiaisonHeld(o.Id, o.Name, o.LiaisonName, o.LiaisonEmail, o.LiaisonMobile)).ToListAsync(cancellationToken);

        // Form 1: the unit head and contact are columns; the main persons are a JSON column, narrowed by text and matched here.
        var pattern = "%" + lower.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var byMainPerson = await db.Database.SqlQueryRaw<Guid>("""SELECT "Id" AS "Value" FROM "Applications" WHERE lower(CAST("MainPersons" AS TEXT)) LIKE {0} ESCAPE '\'""", pattern)
            .ToListAsync(cancellationToken);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => byMainPerson.Contains(a.Id)
                || a.UnitHead.Email.ToLower() == lower || a.UnitHead.Mobile == q || a.UnitHead.Phone == q
                || a.Contact.Email.ToLower() == lower || a.Contact.Mobile == q || a.Contact.Phone == q)
            .OrderBy(a => a.CreatedAtUtc).ToListAsync(cancellationToken);
        var persons = new List<PersonHeld>();
        foreach (var a in applications)
        {
            persons.AddRange(new[] { (Row: a.UnitHead, Label: "单位负责人") }
                .Concat(a.MainPersons.Select(p => (Row: p, Label: "主要负责人")))
                .Append((Row: a.Contact, Label: "联系人"))
                .Where(p => Matches(p.Row))
                .Select(p => new PersonHeld("申请表", a.Number ?? string.Empty, p.Label, a.Id, p.Row)));
        }
        var obligations = await db.Obligations.AsNoTracking()
            .Where(o => o.Preparer.Email.ToLower() == lower || o.Preparer.Mobile == q || o.Preparer.Phone == q)
            .OrderBy(o => o.Year).ToListAsync(cancellationToken);
        persons.AddRange(obligations.Select(o => new PersonHeld(Guohe.Web.Notifications.ObligationJob.KindNames(o.Kind).Zh, o.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "填表人", o.Id, o.Preparer)));

        var experts = await db.Experts.AsNoTracking()
            .Where(e => e.Details.Email.ToLower() == lower || e.Details.Mobile == q)
            .Select(e => new ExpertHeld(e.Id, e.Details.Name, e.Details.Title, e.Details.OrganisationName, e.Details.Email, e.Details.Mobile)).ToListAsync(cancellationToken);
        var objections = await db.Objections.AsNoTracking()
            .Where(o => o.Contact.ToLower() == lower || o.Contact == q)
            .OrderBy(o => o.SubmittedAtUtc)
            .Select(o => new ObjectionHeld(o.Id, o.AnnouncementId, o.SubmittedAtUtc, o.Name, o.Contact, o.Text)).ToListAsync(cancellationToken);
        return new PersonalDataReport(q, nowUtc, accounts, liaisons, persons, experts, objections);
    }
#pragma warning restore CA1862
}
