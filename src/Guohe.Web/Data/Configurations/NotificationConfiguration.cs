using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Guohe.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.TextZh).HasMaxLength(500);
        notification.Property(n => n.TextEn).HasMaxLength(500);
        notification.Property(n => n.Link).HasMaxLength(300);
        notification.HasIndex(n => new { n.UserId, n.ReadAtUtc });
    }
}

internal sealed class ObligationReminderConfiguration : IEntityTypeConfiguration<ObligationReminder>
{
    public void Configure(EntityTypeBuilder<ObligationReminder> reminder)
    {
        reminder.Property(r => r.Id).ValueGeneratedNever();
        reminder.HasIndex(r => new { r.ObligationId, r.Stage, r.DueDate }).IsUnique();
        reminder.HasOne<Guohe.Domain.Designations.Obligation>().WithMany().HasForeignKey(r => r.ObligationId).OnDelete(DeleteBehavior.Cascade);
    }
}
