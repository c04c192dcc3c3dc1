using Guohe.Domain.Designations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class ObligationConfiguration : IEntityTypeConfiguration<Obligation>
{
    public void Configure(EntityTypeBuilder<Obligation> obligation)
    {
        obligation.Property(o => o.Id).ValueGeneratedNever();
        obligation.Ignore(o => o.PendingHistory);
        obligation.Ignore(o => o.FiledLate);
        obligation.Property(o => o.Version).IsConcurrencyToken();
        obligation.HasIndex(o => new { o.DesignationId, o.Kind, o.Year }).IsUnique(); // one plan, summary or construction summary per year, however many job instances run
        obligation.HasIndex(o => o.OrganisationId);
        obligation.HasIndex(o => new { o.Year, o.Status, o.DueDate, o.FiledAtUtc }); // covers the statistics' timeliness per year (StatisticsSql)
        obligation.Property(o => o.Article).HasMaxLength(Mapping.ArticleLength);
        obligation.Property(o => o.ExtensionReason).HasMaxLength(Mapping.TextLength);
        obligation.Property(o => o.WorkText).HasMaxLength(Mapping.TextLength * 4);
        obligation.Property(o => o.Achievements).HasMaxLength(Mapping.TextLength * 4);
        obligation.Property(o => o.ReviewOpinion).HasMaxLength(Mapping.TextLength);
        obligation.ComplexProperty(o => o.Preparer, Mapping.MapPerson);
        obligation.Ignore(o => o.Partners);
        obligation.JsonRows<Obligation, PartnerRow>("_partners", "Partners");
        obligation.Ignore(o => o.Items);
        obligation.JsonRows<Obligation, WorkItem>("_items", "Items");
    }
}
