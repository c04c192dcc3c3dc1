using Guohe.Domain.Fees;
using Guohe.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> institution)
    {
        institution.Property(i => i.Id).ValueGeneratedNever();
        institution.Ignore(i => i.PendingHistory);
        institution.Property(i => i.Version).IsConcurrencyToken();
        institution.Property(i => i.CountryCode).HasMaxLength(2);
        institution.Property(i => i.Name).HasMaxLength(Mapping.NameLength);
        institution.HasIndex(i => i.CountryCode);
        // One normalised spelling per line.
        institution.Property(i => i.Aliases)
            .HasConversion(
                list => string.Join('\n', list),
                text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (h, s) => HashCode.Combine(h, s)), list => list.ToArray()))
            .HasMaxLength(Mapping.TextLength);
    }
}

internal sealed class FeeConfiguration : IEntityTypeConfiguration<Fee>
{
    public void Configure(EntityTypeBuilder<Fee> fee)
    {
        fee.Property(f => f.Id).ValueGeneratedNever();
        fee.Ignore(f => f.PendingHistory);
        fee.Ignore(f => f.IsPaid);
        fee.Property(f => f.Version).IsConcurrencyToken();
        fee.Property(f => f.OrganisationName).HasMaxLength(Mapping.NameLength);
        fee.HasIndex(f => f.OrganisationId);
        fee.ComplexProperty(f => f.Details, details =>
        {
            details.Property(d => d.Amount).HasPrecision(14, 2);
            details.Property(d => d.InvoiceNumber).HasMaxLength(50);
            details.Property(d => d.Description).HasMaxLength(500);
        });
    }
}
