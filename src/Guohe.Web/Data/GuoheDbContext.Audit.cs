using System.Globalization;
using System.Text;
using Guohe.Domain.Decisions;
using Guohe.Web.Audit;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Guohe.Web.Data;

/// <summary>
/// The audit log's half of the context (docs/decisions/0010-audit-log.md): every save that changes stored data, or carries an
/// event added with <see cref="AddAuditEvent"/>, appends hash-chained <see cref="AuditRecord"/>s in the same transaction, after
/// taking the chain's lock so two concurrent saves cannot fork it.
/// </summary>
public abstract partial class GuoheDbContext
{
    /// <summary>The PostgreSQL advisory lock that serialises appends to the chain ("GuoheAud").</summary>
    internal const long AuditLockKey = 0x4775_6F68_6541_7564;

    private readonly List<PendingAuditEvent> _pendingAudit = [];

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    /// <summary>
    /// Records <paramref name="auditEvent"/> with the next save, in its transaction (a sign-in, an export, a view of an ID copy). The
    /// actor is the current request's user unless given (a sign-in names the account that tried).
    /// </summary>
    public void AddAuditEvent(AuditEvent auditEvent, string auditObject, AuditResult result = AuditResult.Succeeded, string? detail = null, AuditActor? actor = null) =>
        _pendingAudit.Add(new PendingAuditEvent(auditEvent, auditObject, result, detail ?? string.Empty, actor));

    /// <summary>Records <paramref name="auditEvent"/> now (with whatever else is pending).</summary>
    public async Task WriteAuditEventAsync(AuditEvent auditEvent, string auditObject, AuditResult result = AuditResult.Succeeded, string? detail = null,
        AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        AddAuditEvent(auditEvent, auditObject, result, detail, actor);
        await SaveChangesAsync(cancellationToken);
    }

    /// <summary>Takes the chain's lock inside the current transaction: PostgreSQL an advisory transaction lock; SQLite already holds
    /// the one write lock (BEGIN IMMEDIATE).</summary>
    internal async Task LockAuditChainAsync(CancellationToken cancellationToken)
    {
        if (IsPostgres)
        {
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditLockKey})", cancellationToken);
        }
    }

    private void LockAuditChain()
    {
        if (IsPostgres)
        {
            Database.ExecuteSqlRaw($"SELECT pg_advisory_xact_lock({AuditLockKey})");
        }
    }

    private bool IsPostgres => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    private int SaveWithAudit(bool acceptAllChangesOnSuccess)
    {
        var entries = AuditedEntries();
        if (entries is null)
        {
            return SaveCore(acceptAllChangesOnSuccess);
        }
        var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var added = new List<object>();
        try
        {
            LockAuditChain();
            var head = AuditHeads.AsNoTracking().SingleOrDefault(h => h.Id == 1);
            var anchor = head is null ? AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefault() : null;
            added.AddRange(AppendAudit(entries, head, anchor));
            var saved = SaveCore(acceptAllChangesOnSuccess);
            own?.Commit();
            return saved;
        }
        finally
        {
            ForgetAudit(added);
            own?.Dispose();
        }
    }

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var entries = AuditedEntries();
        if (entries is null)
        {
            return await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var added = new List<object>();
        try
        {
            await LockAuditChainAsync(cancellationToken);
            var head = await AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
            var anchor = head is null ? await AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken) : null;
            added.AddRange(AppendAudit(entries, head, anchor));
            var saved = await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return saved;
        }
        finally
        {
            ForgetAudit(added);
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The records written are not kept tracked: the next save reads the head afresh, and a failed save leaves nothing behind.</summary>
    private void ForgetAudit(List<object> added)
    {
        _pendingAudit.Clear();
        foreach (var entity in added)
        {
            Entry(entity).State = EntityState.Detached;
        }
    }

    /// <summary>What this save must record, or null when it records nothing (no pending event, no change of stored data).</summary>
    private List<PendingAuditEvent>? AuditedEntries()
    {
        // Changes were detected by PrepareSave; another scan of every tracked entity would show in a large import.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return AuditedEntriesCore();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private List<PendingAuditEvent>? AuditedEntriesCore()
    {
        var changes = new List<string>();
        string? main = null;
        var decision = false;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsAudited(entry))
            {
                continue;
            }
            var name = AuditName(entry);
            var mark = entry.State switch { EntityState.Added => '+', EntityState.Deleted => '-', _ => '~' };
            changes.Add(name + mark);
            if (entry.Entity is Decision)
            {
                main = decision ? main : name;
                decision = true;
            }
            else if (main is null && entry.Entity is not Guohe.Domain.History.TransitionRecord)
            {
                main = name;
            }
        }
        if (changes.Count == 0 && _pendingAudit.Count == 0)
        {
            return null;
        }
        var changed = string.Join("; ", changes.Distinct());
        if (_pendingAudit.Count > 0)
        {
            // The events name their own objects; the data written with them goes with the first.
            return [.. _pendingAudit.Select((e, i) => e with { Changes = i == 0 ? changed : string.Empty })];
        }
        return [new PendingAuditEvent(decision ? AuditEvent.Decision : AuditEvent.Change, main ?? changes[0].TrimEnd('+', '~', '-'), AuditResult.Succeeded, string.Empty, null) { Changes = changed }];
    }

    /// <summary>Adds the records for <paramref name="events"/>, chained after the head, and moves the head.</summary>
    private List<object> AppendAudit(List<PendingAuditEvent> events, AuditHead? head, AuditAnchor? anchor)
    {
        var current = _auditTrail?.Current() ?? AuditActor.System;
        var now = AuditChain.Truncate((_auditTrail?.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var sequence = head?.Sequence ?? anchor?.Sequence ?? 0;
        var previous = head?.Hash ?? anchor?.Hash ?? AuditChain.Genesis;
        var added = new List<object>();
        foreach (var e in events)
        {
            var actor = e.Actor is { } given ? given with { Ip = given.Ip.Length > 0 ? given.Ip : current.Ip } : current;
            var record = new AuditRecord
            {
                Sequence = ++sequence,
                AtUtc = now,
                UserId = actor.UserId,
                UserName = AuditChain.Cut(actor.UserName, 256),
                Role = AuditChain.Cut(actor.Role, 40),
                Ip = AuditChain.Cut(actor.Ip, 45),
                Event = e.Event,
                Target = AuditChain.Cut(e.Target, 400),
                Result = e.Result,
                Detail = AuditChain.Cut(e.Detail, 2000),
                Changes = e.Changes,
                PreviousHash = previous,
            };
            record.Hash = AuditChain.ComputeHash(record);
            previous = record.Hash;
            AuditRecords.Add(record);
            added.Add(record);
        }
        var newHead = new AuditHead { Id = 1, Sequence = sequence, Hash = previous };
        if (head is null)
        {
            AuditHeads.Add(newHead);
        }
        else
        {
            AuditHeads.Update(newHead);
        }
        added.Add(newHead);
        return added;
    }

    /// <summary>Identity's bookkeeping of a sign-in (failure count, lockout, stamps) is recorded as the sign-in event, not as a change.</summary>
    private static readonly HashSet<string> SignInBookkeeping =
        [nameof(GuoheUser.AccessFailedCount), nameof(GuoheUser.LockoutEnd), nameof(GuoheUser.ConcurrencyStamp), nameof(GuoheUser.SecurityStamp)];

    private static bool IsAudited(EntityEntry entry) => entry.Entity switch
    {
        AuditRecord or AuditAnchor or AuditHead or DataProtectionKey => false,
        Files.IdCopyView => false, // recorded as the IdCopyDownload event written with it
        Features.Office.Statistics.PartnerRowFact or Features.Office.Statistics.WorkItemFact or Features.Office.Statistics.TeamSeatFact => false, // copies, rewritten from audited rows
        // Identity's store marks every property modified (Update); what counts is a value that differs from the one loaded.
        GuoheUser when entry.State == EntityState.Modified => entry.Properties.Any(p =>
            p.IsModified && !SignInBookkeeping.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue)),
        _ => true,
    };

    /// <summary><c>Type:key</c>; an owned part is named by its owner; a key the database has yet to generate is "new".</summary>
    private static string AuditName(EntityEntry entry)
    {
        var type = entry.Metadata;
        while (type.FindOwnership() is { } ownership)
        {
            type = ownership.PrincipalEntityType;
        }
        var key = entry.Metadata.FindPrimaryKey();
        var builder = new StringBuilder(TypeName(type.ClrType, type.Name)).Append(':');
        if (key is null)
        {
            return builder.Append('?').ToString();
        }
        var values = key.Properties.Select(p => entry.Property(p.Name)).ToList();
        if (values.Any(v => v.IsTemporary))
        {
            return builder.Append("new").ToString();
        }
        return builder.AppendJoin(',', values.Select(v => Convert.ToString(v.CurrentValue, CultureInfo.InvariantCulture))).ToString();
    }

    private static string TypeName(Type clr, string name) =>
        clr == typeof(Dictionary<string, object>) ? name
        : clr.IsGenericType ? clr.Name[..clr.Name.IndexOf('`', StringComparison.Ordinal)]
        : clr.Name;
}
