using Guohe.Domain.Batches;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> batch)
    {
        batch.Property(b => b.Name).HasMaxLength(100);
        batch.HasIndex(b => b.Year);
        batch.Property(b => b.Version).IsConcurrencyToken();
    }
}
