namespace Guohe.Tests.Support;

/// <summary>The mails the app wrote to its outbox folder (no SMTP host in tests).</summary>
public static class Mailbox
{
    public static IReadOnlyList<MimeKit.MimeMessage> Messages(this GuoheApp app)
    {
        var folder = Path.Combine(app.DataDirectory, "outbox");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))]
            : [];
    }

    /// <summary>Each mail as "address subject".</summary>
    public static string[] Outbox(this GuoheApp app) =>
        [.. app.Messages().Select(m => $"{m.To.Mailboxes.Single().Address} {m.Subject}")];
}
