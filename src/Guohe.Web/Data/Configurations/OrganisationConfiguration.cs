using Guohe.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.Property(o => o.Uscc)
            .HasConversion(uscc => uscc.Value, value => Uscc.Parse(value))
            .HasMaxLength(18)
            .IsRequired();
        organisation.HasIndex(o => o.Uscc).IsUnique();
        organisation.Property(o => o.Name).HasMaxLength(200);
        organisation.Property(o => o.LiaisonName).HasMaxLength(100);
        organisation.Property(o => o.LiaisonEmail).HasMaxLength(256);
        organisation.Property(o => o.LiaisonMobile).HasMaxLength(20);
        organisation.Property(o => o.Version).IsConcurrencyToken();
        organisation.ComplexProperty(o => o.Profile, profile =>
        {
            profile.Property(p => p.Website).HasMaxLength(300);
            profile.Property(p => p.Address).HasMaxLength(300);
            profile.Property(p => p.LegalRepresentative).HasMaxLength(50);
            profile.Property(p => p.Province).HasMaxLength(20);
            profile.Property(p => p.IncubationAreaSquareMetres).HasPrecision(14, 2);
        });
    }
}
