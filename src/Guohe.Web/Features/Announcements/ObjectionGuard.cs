using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Guohe.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guohe.Web.Features.Announcements;

/// <summary><c>Announcements</c> settings: the default publicity period and the guards of the public objection form.</summary>
public sealed class AnnouncementOptions
{
    /// <summary>The length of a new announcement's publicity period in days (editable per announcement).</summary>
    public int DefaultDays { get; set; } = 7;

    /// <summary>Objections accepted from one IP address per rolling hour.</summary>
    public int ObjectionsPerHourPerIp { get; set; } = 5;

    /// <summary>How long the arithmetic question of a form stays valid.</summary>
    public int ChallengeMinutes { get; set; } = 30;

    /// <summary>
    /// The secret key of the IP hash (HMAC-SHA256). Set it to a long random value in production: without it the hash of an IPv4
    /// address could be reversed by trying every address.
    /// </summary>
    public string IpHashKey { get; set; } = string.Empty;
}

/// <summary>An arithmetic question and the protected token carrying its answer.</summary>
public sealed record Challenge(string Question, string Token);

/// <summary>
/// The guards of the anonymous objection form (QUALITY.md; ASVS 2.4 anti-automation), without a third-party service: an arithmetic
/// question whose answer travels in a Data-Protection token with its issue time (checked against the injected clock), the per-IP
/// limit counted in the database (so it holds across instances and restarts), and the IP kept only as a keyed hash.
/// </summary>
public sealed class ObjectionGuard(IDataProtectionProvider protection, IOptions<AnnouncementOptions> options, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Guohe.Announcements.ObjectionChallenge.v1");

    public AnnouncementOptions Options => options.Value;

    /// <summary>A new question for the form of <paramref name="announcementId"/>.</summary>
    public Challenge NewChallenge(Guid announcementId)
    {
        var a = RandomNumberGenerator.GetInt32(1, 20);
        var b = RandomNumberGenerator.GetInt32(1, 20);
        var issued = clock.GetUtcNow().UtcTicks;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{announcementId:N}|{a + b}|{issued}");
        return new Challenge(string.Create(CultureInfo.InvariantCulture, $"{a} + {b} = ?"), _protector.Protect(payload));
    }

    /// <summary>Whether <paramref name="answer"/> answers the question of <paramref name="token"/>, issued for this announcement and not expired.</summary>
    public bool Verify(Guid announcementId, string? token, string? answer)
    {
        if (string.IsNullOrWhiteSpace(token) || !int.TryParse(answer?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given))
        {
            return false;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return false; // forged or from another installation
        }
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] != announcementId.ToString("N")
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued))
        {
            return false;
        }
        var age = clock.GetUtcNow().UtcTicks - issued;
        return given == expected && age >= 0 && age <= TimeSpan.FromMinutes(Options.ChallengeMinutes).Ticks;
    }

    /// <summary>The keyed hash of an address (lower-case hex); the address itself is never stored (PIPL Art. 51).</summary>
    public string HashIp(IPAddress? address)
    {
        var key = Encoding.UTF8.GetBytes("Guohe.Objection.Ip|" + Options.IpHashKey);
        var text = address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether the address with <paramref name="ipHash"/> has used up its objections of the last hour.</summary>
    public async Task<bool> OverLimitAsync(GuoheDbContext db, string ipHash, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var recent = await db.Objections.AsNoTracking().CountAsync(o => o.IpHash == ipHash && o.SubmittedAtUtc > since, cancellationToken);
        return recent >= Options.ObjectionsPerHourPerIp;
    }
}
