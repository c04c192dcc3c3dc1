using Guohe.Domain.Stories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> story)
    {
        story.Property(s => s.Id).ValueGeneratedNever();
        story.Ignore(s => s.PendingHistory);
        story.Property(s => s.Version).IsConcurrencyToken();
        story.Property(s => s.Title).HasMaxLength(StoryContent.TitleLength);
        story.Property(s => s.Text).HasMaxLength(StoryContent.TextLength);
        story.Ignore(s => s.OrganisationIds);
        story.PrimitiveCollection<Guid[]>("_organisationIds").HasColumnName("OrganisationIds");
        story.HasIndex(s => new { s.Status, s.PublishedAtUtc });
    }
}
