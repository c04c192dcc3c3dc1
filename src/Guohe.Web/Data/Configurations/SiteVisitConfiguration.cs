using Guohe.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class SiteVisitConfiguration : IEntityTypeConfiguration<SiteVisit>
{
    public void Configure(EntityTypeBuilder<SiteVisit> visit)
    {
        visit.Property(v => v.Id).ValueGeneratedNever();
        visit.Ignore(v => v.PendingHistory);
        visit.Ignore(v => v.Article);
        visit.Property(v => v.Version).IsConcurrencyToken();
        visit.HasIndex(v => v.SubjectId);
        visit.Property(v => v.Place).HasMaxLength(300);
        visit.Property(v => v.Notes).HasMaxLength(Mapping.TextLength);
        visit.Ignore(v => v.Team);
        visit.JsonRows<SiteVisit, ExpertAssignment>("_team", "Team");
        visit.OwnsMany(v => v.Opinions, opinion =>
        {
            opinion.ToTable("ExpertOpinions");
            opinion.WithOwner().HasForeignKey("SiteVisitId");
            opinion.HasKey(o => o.Id);
            opinion.Property(o => o.Id).ValueGeneratedNever();
            opinion.Property(o => o.ExpertName).HasMaxLength(100);
            opinion.Property(o => o.Text).HasMaxLength(Mapping.TextLength);
            opinion.Property(o => o.AmendmentReason).HasMaxLength(Mapping.TextLength);
            opinion.HasIndex(o => o.ExpertUserId);
        });
        visit.Navigation(v => v.Opinions).AutoInclude();
    }
}
