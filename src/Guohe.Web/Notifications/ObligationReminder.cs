namespace Guohe.Web.Notifications;

/// <summary>Which reminder of an obligation: 30, 7 or 1 days before the due date, or on the day it became overdue.</summary>
public enum ReminderStage
{
    ThirtyDays,
    SevenDays,
    OneDay,
    Overdue,
}

/// <summary>
/// A reminder sent for an obligation's due date. Unique per obligation, stage and due date, so that the daily job sends each
/// reminder once even when two instances run it (the second insert fails and that instance sends nothing); an extended
/// due date gets its own reminders.
/// </summary>
public sealed class ObligationReminder
{
    public Guid Id { get; set; }

    public Guid ObligationId { get; set; }

    public ReminderStage Stage { get; set; }

    public DateOnly DueDate { get; set; }

    public DateTime SentAtUtc { get; set; }
}
