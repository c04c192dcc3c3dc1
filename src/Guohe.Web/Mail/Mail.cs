using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Guohe.Web.Infrastructure;
using MimeKit;

namespace Guohe.Web.Mail;

/// <summary>One message to one person. Chinese always; an English line follows when the recipient chose English.</summary>
public sealed record OutgoingMail(string ToAddress, string ToName, string Subject, string Body)
{
    public static OutgoingMail Bilingual(string toAddress, string toName, string language,
        string subjectZh, string subjectEn, string bodyZh, string bodyEn)
    {
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        return english
            ? new OutgoingMail(toAddress, toName, $"{subjectZh} / {subjectEn}", $"{bodyZh}\n\n---\n{bodyEn}")
            : new OutgoingMail(toAddress, toName, subjectZh, bodyZh);
    }
}

public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

public sealed class MailOptions
{
    public string FromAddress { get; set; } = "noreply@guohe.local";

    public string FromName { get; set; } = "国合孵化基地管理系统";

    public SmtpOptions Smtp { get; set; } = new();

    public sealed class SmtpOptions
    {
        /// <summary>When empty, mail goes to the outbox folder instead.</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 465;

        /// <summary>None, SslOnConnect (465) or StartTls (587).</summary>
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

        public string? UserName { get; set; }

        public string? Password { get; set; }
    }

    internal static MimeMessage ToMime(MailOptions options, OutgoingMail mail, DateTime now)
    {
        var message = new MimeMessage { Subject = mail.Subject, Date = now };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Body = new TextPart("plain") { Text = mail.Body };
        return message;
    }
}

/// <summary>Sends through an SMTP server (<c>Mail:Smtp:Host</c>).</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider clock, Outbox outbox, ILogger<SmtpMailSender> logger) : IMailSender
{
    /// <summary>Sends now; when the server cannot be reached or refuses, the message is kept in the outbox and logged, never lost and never a failed page.</summary>
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendNowAsync(mail, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException
            or MailKit.Security.AuthenticationException or MailKit.CommandException or MailKit.ProtocolException or TimeoutException)
        {
            logger.LogError(e, "SMTP sending failed; the message was kept in the outbox");
            await outbox.SendAsync(mail, cancellationToken);
        }
    }

    private async Task SendNowAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host ?? string.Empty, settings.Smtp.Port, settings.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? string.Empty, cancellationToken);
        }
        await client.SendAsync(MailOptions.ToMime(settings, mail, clock.GetUtcNow().UtcDateTime), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// With no mail server configured, each message is written to <c>data/outbox</c> as an .eml file
/// (readable by any mail program) and listed on the administrator's Outbox page.
/// </summary>
public sealed class Outbox(IOptions<MailOptions> options, TimeProvider clock, Storage storage) : IMailSender
{
    public string Folder => Path.Combine(storage.DataDirectory, "outbox");

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Directory.CreateDirectory(Folder);
        var name = $"{now:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(Folder, name + ".tmp");
        await MailOptions.ToMime(options.Value, mail, now).WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(Folder, name)); // whole files only: a reader never sees half a message
    }

    /// <summary>The messages in the outbox, newest first.</summary>
    public IReadOnlyList<OutboxMessage> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(Folder, "*.eml")
            .OrderByDescending(Path.GetFileName, StringComparer.Ordinal)
            .Select(Read)
            .ToList();
    }

    public OutboxMessage? Find(string id)
    {
        // The id is a file name we generated: refuse anything else (no path traversal).
        if (id.Length > 80 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            return null;
        }
        var path = Path.Combine(Folder, id + ".eml");
        return File.Exists(path) ? Read(path) : null;
    }

    private static OutboxMessage Read(string path)
    {
        using var message = MimeMessage.Load(path);
        return new OutboxMessage(
            Path.GetFileNameWithoutExtension(path),
            message.Date.UtcDateTime,
            message.To.Mailboxes.FirstOrDefault()?.Address ?? string.Empty,
            message.Subject ?? string.Empty,
            message.TextBody ?? string.Empty);
    }
}

public sealed record OutboxMessage(string Id, DateTime SentAtUtc, string To, string Subject, string Body);
