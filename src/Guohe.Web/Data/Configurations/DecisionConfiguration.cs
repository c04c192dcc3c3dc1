using Guohe.Domain.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> decision)
    {
        decision.Property(d => d.Id).ValueGeneratedNever();
        decision.Ignore(d => d.PendingHistory);
        decision.Property(d => d.Version).IsConcurrencyToken();
        decision.Property(d => d.Uscc).MapUscc();
        decision.HasIndex(d => d.Uscc);
        decision.HasIndex(d => d.ApplicationId);
        decision.HasIndex(d => d.DesignationId);
        decision.HasIndex(d => d.Status);
        decision.Property(d => d.OrganisationName).HasMaxLength(Mapping.NameLength);
        decision.Property(d => d.Reason).HasMaxLength(Mapping.TextLength);
        decision.Property(d => d.Article).HasMaxLength(Mapping.ArticleLength);
        decision.Property(d => d.ProposedByName).HasMaxLength(100);
        decision.Property(d => d.DecidedByName).HasMaxLength(100);
        decision.Property(d => d.DecisionOpinion).HasMaxLength(Mapping.TextLength);
    }
}
