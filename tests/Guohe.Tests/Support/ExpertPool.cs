using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Identity;

namespace Guohe.Tests.Support;

/// <summary>Arranges members of the expert pool (Art. 5): an Expert-role account and its pool record.</summary>
public static class ExpertPool
{
    public static async Task<GuoheUser> ExpertInPoolAsync(
        this GuoheApp app, KeyFields fields = KeyFields.ElectronicInformation, string organisation = "某某大学", string organisationUscc = "",
        IReadOnlyList<string>? declaredConflicts = null)
    {
        var user = await app.CreateAsync(Role.Expert);
        await app.WithDbAsync(async (db, _) =>
        {
            db.Experts.Add(Expert.Add(People.Office, app.Clock.GetUtcNow().UtcDateTime, new ExpertDetails
            {
                Name = user.DisplayName, OrganisationName = organisation, OrganisationUscc = organisationUscc, Province = "北京市",
                Fields = fields, RecommendedBy = RecommendingAssociation.Ctea, Email = user.Email!, UserId = user.Id,
                DeclaredConflicts = declaredConflicts ?? [],
            }));
            await db.SaveChangesAsync();
        });
        return user;
    }
}
