namespace Guohe.Web.Notifications;

/// <summary>An in-app notice to one account, in both languages, with a link to what it is about.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string TextZh { get; set; } = string.Empty;

    public string TextEn { get; set; } = string.Empty;

    public string Link { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}
