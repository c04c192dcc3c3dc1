using Guohe.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> record)
    {
        record.ToTable("AuditRecords");
        record.HasKey(r => r.Sequence);
        record.Property(r => r.Sequence).ValueGeneratedNever();
        record.Property(r => r.UserName).HasMaxLength(256);
        record.Property(r => r.Role).HasMaxLength(40);
        record.Property(r => r.Ip).HasMaxLength(45);
        record.Property(r => r.Target).HasMaxLength(400);
        record.Property(r => r.Detail).HasMaxLength(2000);
        record.Property(r => r.PreviousHash).HasMaxLength(64);
        record.Property(r => r.Hash).HasMaxLength(64);
        // The auditor's search: by time (the default order is by sequence), by user, by event.
        record.HasIndex(r => r.AtUtc);
        record.HasIndex(r => r.UserName);
        record.HasIndex(r => r.Event);
    }
}

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> anchor)
    {
        anchor.ToTable("AuditAnchors");
        anchor.Property(a => a.Id).ValueGeneratedNever();
        anchor.Property(a => a.Hash).HasMaxLength(64);
        anchor.HasIndex(a => a.Sequence).IsUnique();
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> head)
    {
        head.ToTable("AuditHead");
        head.Property(h => h.Id).ValueGeneratedNever();
        head.Property(h => h.Hash).HasMaxLength(64);
    }
}
