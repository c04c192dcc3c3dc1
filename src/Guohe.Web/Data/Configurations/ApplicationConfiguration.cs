using Guohe.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> application)
    {
        application.Property(a => a.Id).ValueGeneratedNever();
        application.Ignore(a => a.PendingHistory);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.Property(a => a.Uscc).MapUscc();
        application.HasIndex(a => a.Uscc);
        application.HasIndex(a => a.OrganisationId);
        application.HasIndex(a => a.BatchId);
        application.HasIndex(a => a.Status);
        application.Property(a => a.Number).HasMaxLength(40);
        application.HasIndex(a => a.Number).IsUnique().HasFilter("\"Number\" IS NOT NULL");
        application.Property(a => a.OrganisationName).HasMaxLength(Mapping.NameLength);
        application.Property(a => a.RecommendationOpinion).HasMaxLength(Mapping.TextLength);
        application.Property(a => a.PreliminaryOpinion).HasMaxLength(Mapping.TextLength);
        application.Property(a => a.ReviewOpinionLetter).HasMaxLength(Mapping.TextLength);
        application.ComplexProperty(a => a.Profile, Mapping.MapProfile);
        application.ComplexProperty(a => a.UnitHead, Mapping.MapPerson);
        application.ComplexProperty(a => a.Contact, Mapping.MapPerson);
        application.ComplexProperty(a => a.Introduction, introduction =>
        {
            introduction.Property(i => i.GoalsAndModel).HasMaxLength(Mapping.TextLength);
            introduction.Property(i => i.ChannelsAndTeam).HasMaxLength(Mapping.TextLength);
            introduction.Property(i => i.TechnologyTransfer).HasMaxLength(Mapping.TextLength);
            introduction.Property(i => i.Platforms).HasMaxLength(Mapping.TextLength);
        });
        application.Ignore(a => a.Countries);
        application.JsonRows<Application, CooperationCountry>("_countries", "Countries");
        application.Ignore(a => a.MainPersons);
        application.JsonRows<Application, Guohe.Domain.Common.PersonRow>("_mainPersons", "MainPersons");
    }
}
