using Guohe.Domain.Common;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Identity;

public sealed record RoleCount(Role Role, int Count)
{
    public static async Task<IReadOnlyList<RoleCount>> ReadAsync(GuoheDbContext db)
    {
        var counts = await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            group userRole by role.Name into g
                            select new { Name = g.Key!, Count = g.Count() }).ToDictionaryAsync(x => x.Name, x => x.Count);
        return Roles.All.Select(r => new RoleCount(r, counts.GetValueOrDefault(r.ToString()))).ToList();
    }
}
