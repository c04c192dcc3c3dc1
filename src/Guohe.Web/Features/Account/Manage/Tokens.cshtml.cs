using System.ComponentModel.DataAnnotations;
using Guohe.Web.Api;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Guohe.Web.Features.Account.Manage;

/// <summary>
/// 个人访问令牌: the signed-in user's tokens for the REST API (/api/v1, docs/decisions/0008-rest-api.md). Create one with a name,
/// an expiry (default 90 days, at most a year) and the scopes the user's role can use — the token is shown once and only its
/// SHA-256 is stored; list them with their last use; revoke one after confirming. Every creation and revocation is logged.
/// </summary>
public sealed partial class TokensModel(GuoheDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, ILogger<TokensModel> logger) : PageModel
{
    public sealed class CreateInput
    {
        [Required(ErrorMessage = "请填写{0}。")]
        [StringLength(ApiTokens.MaxNameLength, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "令牌名称")]
        public string Name { get; set; } = string.Empty;

        [Range(1, ApiTokens.MaxDays, ErrorMessage = "{0}应在{1}到{2}天之间。")]
        [Display(Name = "有效期（天）")]
        public int Days { get; set; } = ApiTokens.DefaultDays;

        /// <summary>"read", "file", "office".</summary>
        [Display(Name = "权限范围")]
        public List<string> Scopes { get; set; } = [];
    }

    public sealed record Row(Guid Id, string Name, string Prefix, ApiScopes Scopes, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    [BindProperty]
    public Guid RevokeId { get; set; }

    [BindProperty]
    [Display(Name = "我确认撤销此令牌；撤销后使用它的系统将无法再访问，且不能恢复。")]
    public bool Confirm { get; set; }

    /// <summary>The token just created: shown on this response only, never again.</summary>
    public string? NewToken { get; private set; }

    public ApiScopes Allowed { get; private set; }

    public Paged<Row> Tokens { get; private set; } = new([], 1, 20, 0);

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(int p = 1)
    {
        Input.Scopes = [ApiTokens.Name(ApiScopes.Read)]; // read is ticked by default
        await LoadAsync(p);
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var allowed = ApiTokens.AllowedFor(User.Role() ?? throw new InvalidOperationException("The user holds no role."));
        var scopes = ApiScopes.None;
        foreach (var name in Input.Scopes.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var scope = ApiTokens.Each(allowed).FirstOrDefault(s => string.Equals(ApiTokens.Name(s), name, StringComparison.OrdinalIgnoreCase));
            if (scope == ApiScopes.None)
            {
                ModelState.AddModelError("Input.Scopes", l["您的角色不能使用权限范围“{0}”。", name]);
            }
            scopes |= scope;
        }
        if (scopes == ApiScopes.None && ModelState.IsValid)
        {
            ModelState.AddModelError("Input.Scopes", l["请至少选择一项权限范围。"]);
        }
        var me = User.Id();
        if (await db.ApiTokens.CountAsync(t => t.UserId == me && t.RevokedAtUtc == null && t.ExpiresAtUtc > now) >= ApiTokens.MaxActivePerUser)
        {
            ModelState.AddModelError(string.Empty, l["有效令牌最多{0}个，请先撤销不用的令牌。", ApiTokens.MaxActivePerUser]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(1);
            return Page();
        }
        var (token, secret) = ApiTokens.Create(me, Input.Name, scopes, now, now.AddDays(Input.Days));
        db.ApiTokens.Add(token);
        db.AddAuditEvent(Guohe.Web.Audit.AuditEvent.TokenCreated, $"ApiToken:{token.Id}", detail: $"{token.Name}; scopes {token.Scopes}; expires {token.ExpiresAtUtc:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        TokenCreated(logger, token.Id, me, User.Role()?.ToString() ?? "-", token.Scopes.ToString(), token.ExpiresAtUtc, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-");
        NewToken = secret;
        Response.Headers.CacheControl = "no-store"; // the token is in this page only
        ModelState.Clear();
        Input = new CreateInput { Scopes = [ApiTokens.Name(ApiScopes.Read)] };
        await LoadAsync(1);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        var me = User.Id();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == RevokeId && t.UserId == me);
        if (token is null)
        {
            return NotFound(); // not this user's token
        }
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), l["请勾选确认后再撤销。"]);
            await LoadAsync(1);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.Revoke(now))
        {
            db.AddAuditEvent(Guohe.Web.Audit.AuditEvent.TokenRevoked, $"ApiToken:{token.Id}", detail: token.Name);
            await db.SaveChangesAsync();
            TokenRevoked(logger, token.Id, me, User.Role()?.ToString() ?? "-", HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-");
            TempData["Message"] = l["令牌“{0}”已撤销。", token.Name].Value;
        }
        else
        {
            TempData["Message"] = l["该令牌已撤销。"].Value;
        }
        return RedirectToPage();
    }

    private async Task LoadAsync(int page)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Allowed = ApiTokens.AllowedFor(User.Role() ?? throw new InvalidOperationException("The user holds no role."));
        var me = User.Id();
        Tokens = await Paging.ReadAsync(
            db.ApiTokens.AsNoTracking().Where(t => t.UserId == me)
                .OrderBy(t => t.RevokedAtUtc != null).ThenByDescending(t => t.CreatedAtUtc)
                .Select(t => new Row(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc)),
            page);
    }

    public string Link(int page) => $"?p={page}";

    public static string ScopeLabel(ApiScopes scope) => scope switch
    {
        ApiScopes.Read => "读取（read）",
        ApiScopes.File => "报送（file）",
        ApiScopes.Office => "办理（office）",
        _ => scope.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "API token {TokenId} created by user {UserId} ({Role}), scopes {Scopes}, expires {ExpiresAtUtc:o}, from {Ip}")]
    private static partial void TokenCreated(ILogger logger, Guid tokenId, Guid userId, string role, string scopes, DateTime expiresAtUtc, string ip);

    [LoggerMessage(Level = LogLevel.Information, Message = "API token {TokenId} revoked by user {UserId} ({Role}) from {Ip}")]
    private static partial void TokenRevoked(ILogger logger, Guid tokenId, Guid userId, string role, string ip);
}
