using Guohe.Domain.Designations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class DesignationConfiguration : IEntityTypeConfiguration<Designation>
{
    public void Configure(EntityTypeBuilder<Designation> designation)
    {
        designation.Property(d => d.Id).ValueGeneratedNever();
        designation.Ignore(d => d.PendingHistory);
        designation.Property(d => d.Version).IsConcurrencyToken();
        designation.Property(d => d.Uscc).MapUscc();
        designation.HasIndex(d => d.Uscc);
        designation.HasIndex(d => d.OrganisationId);
        designation.HasIndex(d => d.ApplicationId).IsUnique();
        designation.HasIndex(d => d.Status);
        designation.Property(d => d.OrganisationName).HasMaxLength(Mapping.NameLength);
        designation.Ignore(d => d.Grades);
        designation.JsonRows<Designation, AnnualGrade>("_grades", "Grades");
        designation.Ignore(d => d.Commendations);
        designation.JsonRows<Designation, Commendation>("_commendations", "Commendations");
        designation.Ignore(d => d.PublicNotices);
        designation.JsonRows<Designation, PublicNotice>("_publicNotices", "PublicNotices");
    }
}
