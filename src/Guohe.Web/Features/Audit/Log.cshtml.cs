using Guohe.Domain.Common;
using Guohe.Web.Audit;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Audit;

/// <summary>
/// The auditor's search of the audit log (QUALITY.md, audit; MLPS 安全审计 c): by time range (China dates), user, event, object and
/// result, newest first, paged; the records the filter selects download as an .xlsx file (<c>?handler=Export</c>), itself recorded.
/// </summary>
public sealed class LogModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>An export holds at most this many records; a narrower filter gets the rest.</summary>
    public const int MaxExport = 100_000;

    public sealed record Row(long Sequence, DateTime AtUtc, string UserName, string Role, string Ip, AuditEvent Event, string Target,
        AuditResult Result, string Detail, string Changes, string Hash);

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true, Name = "event")]
    public AuditEvent? Event { get; set; }

    [BindProperty(SupportsGet = true, Name = "target")]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public AuditResult? Result { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Records { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync() => Records = await Paging.ReadAsync(Query(), PageNumber, 50, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = await Query().Take(MaxExport).ToListAsync(HttpContext.RequestAborted);
        return this.Spreadsheet(l["审计日志"], clock, rows,
        [
            new(l["序号"], r => r.Sequence),
            new(l["时间（北京时间）"], r => r.AtUtc.Add(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["用户"], r => r.UserName),
            new(l["角色"], r => RoleText(r.Role)),
            new("IP", r => r.Ip),
            new(l["事件"], r => l[AuditText.Event(r.Event)].Value),
            new(l["对象"], r => r.Target),
            new(l["结果"], r => l[AuditText.Result(r.Result)].Value),
            new(l["说明"], r => r.Detail),
            new(l["写入的数据"], r => r.Changes),
            new(l["哈希"], r => r.Hash),
        ]);
    }

    /// <summary>The one query of the list and its export: the records the filters select, newest first.</summary>
    private IQueryable<Row> Query()
    {
        var records = db.AuditRecords.AsNoTracking();
        if (From is { } from)
        {
            var start = ChinaTime.StartOfDayUtc(from);
            records = records.Where(r => r.AtUtc >= start);
        }
        if (To is { } to)
        {
            var end = ChinaTime.StartOfDayUtc(to.AddDays(1));
            records = records.Where(r => r.AtUtc < end);
        }
        if (UserName?.Trim() is { Length: > 0 } user)
        {
            records = records.Where(r => r.UserName.Contains(user));
        }
        if (Event is { } e)
        {
            records = records.Where(r => r.Event == e);
        }
        if (Target?.Trim() is { Length: > 0 } target)
        {
            records = records.Where(r => r.Target.Contains(target) || r.Changes.Contains(target));
        }
        if (Result is { } result)
        {
            records = records.Where(r => r.Result == result);
        }
        return records.OrderByDescending(r => r.Sequence)
            .Select(r => new Row(r.Sequence, r.AtUtc, r.UserName, r.Role, r.Ip, r.Event, r.Target, r.Result, r.Detail, r.Changes, r.Hash));
    }

    public string RoleText(string role) =>
        Enum.TryParse<Role>(role, out var known) ? l[Identity.Roles.Label(known)].Value : role == "System" ? l["系统"].Value : role;

    public string Link(int page) =>
        $"?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&user={Uri.EscapeDataString(UserName ?? string.Empty)}&event={Event}"
        + $"&target={Uri.EscapeDataString(Target ?? string.Empty)}&result={Result}&p={page}";
}
