using Guohe.Domain.Announcements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> announcement)
    {
        announcement.Property(a => a.Id).ValueGeneratedNever();
        announcement.Ignore(a => a.PendingHistory);
        announcement.Ignore(a => a.Days);
        announcement.Ignore(a => a.OpensAtUtc);
        announcement.Ignore(a => a.EndsAtUtc);
        announcement.Property(a => a.Version).IsConcurrencyToken();
        announcement.Property(a => a.Title).HasMaxLength(AnnouncementText.MaxTitle);
        announcement.Property(a => a.Body).HasMaxLength(AnnouncementText.MaxBody);
        announcement.Property(a => a.ClosingStatement).HasMaxLength(AnnouncementText.MaxBody);
        announcement.HasIndex(a => new { a.Status, a.StartsOn });
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> objection)
    {
        objection.Property(o => o.Id).ValueGeneratedNever();
        objection.Ignore(o => o.PendingHistory);
        objection.Ignore(o => o.IsHandled);
        objection.Property(o => o.Version).IsConcurrencyToken();
        objection.Property(o => o.Name).HasMaxLength(ObjectionText.MaxName);
        objection.Property(o => o.Contact).HasMaxLength(ObjectionText.MaxContact);
        objection.Property(o => o.Text).HasMaxLength(ObjectionText.MaxText);
        objection.Property(o => o.Handling).HasMaxLength(ObjectionText.MaxText);
        objection.Property(o => o.HandledByName).HasMaxLength(100);
        objection.Property(o => o.IpHash).HasMaxLength(64);
        objection.HasOne<Announcement>().WithMany().HasForeignKey(o => o.AnnouncementId).OnDelete(DeleteBehavior.Restrict);
        objection.HasIndex(o => new { o.AnnouncementId, o.SubmittedAtUtc });
        objection.HasIndex(o => new { o.IpHash, o.SubmittedAtUtc }); // the per-address limit counts the last hour
    }
}
