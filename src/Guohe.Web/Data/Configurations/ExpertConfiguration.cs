using Guohe.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class ExpertConfiguration : IEntityTypeConfiguration<Expert>
{
    public void Configure(EntityTypeBuilder<Expert> expert)
    {
        expert.Property(e => e.Id).ValueGeneratedNever();
        expert.Ignore(e => e.PendingHistory);
        expert.Property(e => e.Version).IsConcurrencyToken();
        expert.ComplexProperty(e => e.Details, details =>
        {
            details.Property(d => d.Name).HasMaxLength(100);
            details.Property(d => d.Title).HasMaxLength(100);
            details.Property(d => d.OrganisationName).HasMaxLength(Mapping.NameLength);
            details.Property(d => d.OrganisationUscc).HasMaxLength(18);
            details.Property(d => d.Province).HasMaxLength(20);
            details.Property(d => d.Email).HasMaxLength(256);
            details.Property(d => d.Mobile).HasMaxLength(20);
            // One organisation (name or USCC) per line.
            details.Property(d => d.DeclaredConflicts)
                .HasConversion(
                    list => string.Join('\n', list),
                    text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                    new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (h, s) => HashCode.Combine(h, s)), list => list.ToArray()))
                .HasMaxLength(Mapping.TextLength);
        });
    }
}
