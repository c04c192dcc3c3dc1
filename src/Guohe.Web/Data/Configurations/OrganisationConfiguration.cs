using Guohe.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.Property(o => o.Uscc).MapUscc();
        organisation.HasIndex(o => o.Uscc).IsUnique();
        // The office's list is ordered by name and searched within it (issue 10): walked in order, the page needs only the
        // rows it shows, and the count reads the index instead of the wide rows.
        organisation.HasIndex(o => o.Name);
        organisation.Property(o => o.Name).HasMaxLength(200);
        organisation.Property(o => o.LiaisonName).HasMaxLength(100);
        organisation.Property(o => o.LiaisonEmail).HasMaxLength(256);
        organisation.Property(o => o.LiaisonMobile).HasMaxLength(20);
        organisation.Property(o => o.Id).ValueGeneratedNever();
        organisation.Ignore(o => o.PendingHistory);
        organisation.Property(o => o.Version).IsConcurrencyToken();
        organisation.ComplexProperty(o => o.Profile, Mapping.MapProfile);
        organisation.ComplexProperty(o => o.Publication, publication =>
        {
            publication.Property(p => p.Introduction).HasMaxLength(Publication.IntroductionLength);
            publication.Property(p => p.Website).HasMaxLength(Publication.WebsiteLength);
            publication.Property(p => p.Achievements).HasMaxLength(Publication.AchievementsLength);
        });
    }
}
