using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Audit;

/// <summary>The outcome of <see cref="AuditChain.VerifyAsync"/>: valid, or the first broken record and why.</summary>
public sealed record AuditVerification(
    bool Valid, long Checked, long FirstSequence, long HeadSequence, string HeadHash, long? AnchorSequence,
    long? BrokenAt, string? ProblemZh, string? ProblemEn);

/// <summary>The outcome of <see cref="AuditChain.PurgeAsync"/>.</summary>
public sealed record AuditPurge(long Removed, long? ThroughSequence, DateTime CutoffUtc);

/// <summary>
/// The hash chain of the audit log (docs/decisions/0010-audit-log.md): canonical content, SHA-256, verification from the genesis
/// or the newest purge anchor to the head, and the purge itself. The <c>audit verify</c> and <c>audit purge</c> commands, the
/// auditor's page and the tests all call these.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first record ever written.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The shortest retention the law allows: six months (Cybersecurity Law Art. 21(3); QUALITY.md, audit).</summary>
    public const int MinimumRetentionDays = 186;

    /// <summary>
    /// The hashed text: a JSON array of a version tag and every field, the previous hash last. Times to the microsecond (both
    /// databases keep that exactly), ids in "D" form, enums by name.
    /// </summary>
    public static string Canonical(AuditRecord r) => JsonSerializer.Serialize(new[]
    {
        "guohe-audit-1",
        r.Sequence.ToString(CultureInfo.InvariantCulture),
        r.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        r.UserId?.ToString("D") ?? string.Empty,
        r.UserName,
        r.Role,
        r.Ip,
        r.Event.ToString(),
        r.Target,
        r.Result.ToString(),
        r.Detail,
        r.Changes,
        r.PreviousHash,
    });

    public static string ComputeHash(AuditRecord record) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(record))));

    /// <summary>UTC to whole microseconds: PostgreSQL keeps no finer, so the hash of what was written is the hash of what is read.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    internal static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>
    /// Walks the chain in sequence order from the newest anchor (or the genesis): each record must follow the one before without a gap,
    /// carry its hash as the previous hash, and hash to its own stored hash; the last must be the head. Names the first record that
    /// breaks any of these.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(GuoheDbContext db, CancellationToken cancellationToken = default)
    {
        var anchor = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        var start = (anchor?.Sequence ?? 0) + 1;
        var expected = start;
        var previous = anchor?.Hash ?? Genesis;
        long count = 0;
        AuditVerification Broken(long at, string zh, string en) =>
            new(false, count, start, head?.Sequence ?? 0, head?.Hash ?? string.Empty, anchor?.Sequence, at, zh, en);

        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (record.Sequence < expected)
            {
                return Broken(record.Sequence, $"记录 #{record.Sequence} 早于清理锚点 #{start - 1}，不应存在。",
                    $"record #{record.Sequence} is older than the purge anchor #{start - 1} and should not exist.");
            }
            if (record.Sequence > expected)
            {
                return Broken(expected, $"记录 #{expected} 缺失（其后为 #{record.Sequence}）。", $"record #{expected} is missing (the next is #{record.Sequence}).");
            }
            if (!string.Equals(record.PreviousHash, previous, StringComparison.Ordinal))
            {
                return Broken(record.Sequence, $"记录 #{record.Sequence} 的前序哈希与上一条记录不符（记录被删除、调换或改动）。",
                    $"record #{record.Sequence} does not continue the chain: its previous hash differs from the record before it (removed, swapped or altered).");
            }
            if (!string.Equals(ComputeHash(record), record.Hash, StringComparison.Ordinal))
            {
                return Broken(record.Sequence, $"记录 #{record.Sequence} 的内容与其哈希不符（内容被改动）。",
                    $"record #{record.Sequence}'s content does not match its hash (altered).");
            }
            previous = record.Hash;
            expected++;
            count++;
        }
        var last = expected - 1;
        if (head is null)
        {
            return count == 0 && anchor is null
                ? new AuditVerification(true, 0, start, 0, Genesis, null, null, null, null)
                : Broken(start, "链头记录缺失。", "the head row of the chain is missing.");
        }
        if (head.Sequence > last)
        {
            return Broken(last + 1, $"末尾记录 #{last + 1}–#{head.Sequence} 缺失（日志被截断）。", $"records #{last + 1}–#{head.Sequence} at the end are missing (the log was truncated).");
        }
        if (head.Sequence < last || !string.Equals(head.Hash, previous, StringComparison.Ordinal))
        {
            return Broken(Math.Min(head.Sequence + 1, last), $"链头（#{head.Sequence}）与最后一条记录 #{last} 不符。", $"the head (#{head.Sequence}) does not match the last record #{last}.");
        }
        return new AuditVerification(true, count, start, head.Sequence, head.Hash, anchor?.Sequence, null, null, null);
    }

    /// <summary>
    /// Removes the records older than <paramref name="retentionDays"/> (never fewer than <see cref="MinimumRetentionDays"/>), leaving an
    /// anchor with the last removed record's sequence and hash, and records the purge; all in one transaction, under the chain's lock.
    /// Refuses when the chain does not verify: a broken log is evidence and is kept.
    /// </summary>
    public static async Task<AuditPurge> PurgeAsync(GuoheDbContext db, int retentionDays, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (retentionDays < MinimumRetentionDays)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionDays), retentionDays, $"Audit records are kept at least {MinimumRetentionDays} days.");
        }
        var cutoff = nowUtc.AddDays(-retentionDays);
        var verification = await VerifyAsync(db, cancellationToken);
        if (!verification.Valid)
        {
            throw new InvalidOperationException($"The audit log does not verify ({verification.ProblemEn}); nothing is purged.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockAuditChainAsync(cancellationToken);
        // Records are appended under the lock with the time of the append, so their times do not decrease along the chain.
        var last = await db.AuditRecords.AsNoTracking().Where(r => r.AtUtc < cutoff).OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return new AuditPurge(0, null, cutoff);
        }
        var removed = await db.AuditRecords.Where(r => r.Sequence <= last.Sequence).ExecuteDeleteAsync(cancellationToken);
        db.AuditAnchors.Add(new AuditAnchor { Id = last.Sequence, Sequence = last.Sequence, Hash = last.Hash, PurgedAtUtc = nowUtc, Removed = removed });
        db.AddAuditEvent(AuditEvent.Purge, $"AuditRecord:…{last.Sequence}", detail: string.Create(CultureInfo.InvariantCulture,
            $"removed {removed} records through #{last.Sequence}, older than {cutoff:yyyy-MM-dd'T'HH:mm:ss'Z'} ({retentionDays} days); anchor {last.Hash}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuditPurge(removed, last.Sequence, cutoff);
    }
}

/// <summary><c>Audit:RetentionDays</c>: how long records are kept (default and minimum 186 days).</summary>
public sealed class AuditOptions
{
    public int RetentionDays { get; set; } = AuditChain.MinimumRetentionDays;

    /// <summary>Runs the purge once a day in the web host (<c>Audit:PurgeJobEnabled</c>); the command does the same on demand.</summary>
    public bool PurgeJobEnabled { get; set; } = true;
}
