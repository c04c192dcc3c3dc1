using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Identity;

/// <summary>Who holds which role: the list the administrator manages and the auditor reads.</summary>
public static class AccountList
{
    public sealed record Row(Guid Id, string DisplayName, string Email, string Role, string? Organisation,
        bool Confirmed, bool TwoFactor, bool Disabled, DateTimeOffset? LockoutEnd, DateTime CreatedAtUtc)
    {
        public bool LockedOutAt(DateTimeOffset now) => !Disabled && LockoutEnd > now;
    }

    public static Task<Paged<Row>> ReadAsync(GuoheDbContext db, Role? role, string? search, int page)
    {
        var query = from user in db.Users
                    join userRole in db.UserRoles on user.Id equals userRole.UserId
                    join r in db.Roles on userRole.RoleId equals r.Id
                    join organisation in db.Organisations on user.OrganisationId equals organisation.Id into organisations
                    from organisation in organisations.DefaultIfEmpty()
                    select new { user, RoleName = r.Name!, OrganisationName = organisation != null ? organisation.Name : null };
        if (role is { } wanted)
        {
            var name = wanted.ToString();
            query = query.Where(x => x.RoleName == name);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var upper = text.ToUpperInvariant(); // e-mail search ignores case, through the normalised column
            query = query.Where(x => x.user.DisplayName.Contains(text) || x.user.NormalizedEmail!.Contains(upper)
                || (x.OrganisationName != null && x.OrganisationName.Contains(text)));
        }
        var rows = query
            .OrderBy(x => x.RoleName).ThenBy(x => x.user.Email)
            .Select(x => new Row(x.user.Id, x.user.DisplayName, x.user.Email!, x.RoleName, x.OrganisationName,
                x.user.EmailConfirmed, x.user.TwoFactorEnabled, x.user.DisabledAtUtc != null,
                x.user.LockoutEnd, x.user.CreatedAtUtc));
        return Paging.ReadAsync(rows, page);
    }
}
