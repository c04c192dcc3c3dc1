using Guohe.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class PartnerCountryConfiguration : IEntityTypeConfiguration<PartnerCountry>
{
    public void Configure(EntityTypeBuilder<PartnerCountry> country)
    {
        country.Property(c => c.Id).ValueGeneratedNever();
        country.Ignore(c => c.PendingHistory);
        country.Property(c => c.Version).IsConcurrencyToken();
        country.Property(c => c.Code).HasMaxLength(2);
        country.HasIndex(c => c.Code).IsUnique();
        country.Property(c => c.ChangedByName).HasMaxLength(100);
    }
}
