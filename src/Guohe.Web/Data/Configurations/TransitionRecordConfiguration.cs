using Guohe.Domain.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

/// <summary>The append-only history: one row per verb, unique per (aggregate type, aggregate, sequence).</summary>
internal sealed class TransitionRecordConfiguration : IEntityTypeConfiguration<TransitionRecord>
{
    public void Configure(EntityTypeBuilder<TransitionRecord> record)
    {
        record.ToTable("TransitionRecords");
        record.Property(r => r.Id).ValueGeneratedNever();
        record.Property(r => r.AggregateType).HasMaxLength(40);
        record.Property(r => r.From).HasMaxLength(40);
        record.Property(r => r.To).HasMaxLength(40);
        record.Property(r => r.Trigger).HasMaxLength(60);
        record.Property(r => r.ActorName).HasMaxLength(100);
        record.Property(r => r.Opinion).HasMaxLength(Mapping.TextLength);
        record.Property(r => r.Article).HasMaxLength(Mapping.ArticleLength);
        record.Property(r => r.AttachmentIds).HasMaxLength(2000);
        record.HasIndex(r => new { r.AggregateType, r.AggregateId, r.Sequence }).IsUnique();
        record.HasIndex(r => r.ActorUserId);
        // The pages read one aggregate's history by its id alone (ids are unique across aggregates): without this the read
        // scanned every record (an application's page at 14 requests/s on the bench data set, bench/Guohe.Bench pages).
        record.HasIndex(r => new { r.AggregateId, r.Sequence });
    }
}
