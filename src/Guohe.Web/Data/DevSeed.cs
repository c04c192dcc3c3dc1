using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>
/// Demo data for Development only (never outside it): organisations and one account per role.
/// Idempotent: running it again adds nothing.
/// </summary>
public static class DevSeed
{
    public const string DemoPassword = "Guohe@Demo2026";

    public static readonly IReadOnlyList<(string Email, Role Role)> DemoAccounts =
    [
        ("applicant@demo.guohe.cn", Role.Applicant),
        ("recommender@demo.guohe.cn", Role.Recommender),
        ("office@demo.guohe.cn", Role.Office),
        ("expert@demo.guohe.cn", Role.Expert),
        ("association@demo.guohe.cn", Role.Association),
        ("admin@demo.guohe.cn", Role.Admin),
        ("auditor@demo.guohe.cn", Role.Auditor),
    ];

    private static readonly (string Prefix, string Name, string Liaison)[] DemoOrganisations =
    [
        ("91110108MA01AB2C3", "中关村国际创新孵化器有限公司", "林晓"),
        ("51110000MJ0123456", "北京市科技企业孵化器协会", "王敏"),
        ("91310115MA1K4L5M6", "上海张江国际科技园发展有限公司", "陈静"),
        ("91440300MA5F6G7H8", "深圳湾跨境孵化服务有限公司", "黄磊"),
        ("12330000470012345", "浙江大学国际技术转移中心", "周婷"),
    ];

    public static Uscc DemoUscc(int index) =>
        Uscc.Parse(DemoOrganisations[index].Prefix + Uscc.CheckCharacter(DemoOrganisations[index].Prefix));

    public static async Task RunAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<GuoheDbContext>();
        var users = services.GetRequiredService<UserManager<GuoheUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        for (var i = 0; i < DemoOrganisations.Length; i++)
        {
            var uscc = DemoUscc(i);
            if (!await db.Organisations.AnyAsync(o => o.Uscc == uscc))
            {
                var (_, name, liaison) = DemoOrganisations[i];
                db.Organisations.Add(Organisation.Register(uscc, name, liaison, $"liaison{i}@demo.guohe.cn", $"1391000000{i}", now));
            }
        }
        await db.SaveChangesAsync();

        var applicantOrg = DemoUscc(0);
        var recommenderOrg = DemoUscc(1);
        var organisationOf = new Dictionary<Role, Guid>
        {
            [Role.Applicant] = await db.Organisations.Where(o => o.Uscc == applicantOrg).Select(o => o.Id).SingleAsync(),
            [Role.Recommender] = await db.Organisations.Where(o => o.Uscc == recommenderOrg).Select(o => o.Id).SingleAsync(),
        };
        foreach (var (email, role) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }
            var user = new GuoheUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = "演示" + Roles.Label(role),
                OrganisationId = organisationOf.TryGetValue(role, out var org) ? org : null,
                CreatedAtUtc = now,
                PasswordChangedAtUtc = now,
            };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRoleAsync(user, role.ToString()));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
