using Guohe.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class BanConfiguration : IEntityTypeConfiguration<Ban>
{
    public void Configure(EntityTypeBuilder<Ban> ban)
    {
        ban.Property(b => b.Uscc).MapUscc();
        ban.HasIndex(b => b.Uscc);
        ban.HasIndex(b => b.DecisionId);
        ban.Property(b => b.Article).HasMaxLength(Mapping.ArticleLength);
        ban.Property(b => b.Reason).HasMaxLength(Mapping.TextLength);
        ban.Property(b => b.Version).IsConcurrencyToken();
    }
}
