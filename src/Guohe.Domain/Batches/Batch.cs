using Guohe.Domain.Common;

namespace Guohe.Domain.Batches;

/// <summary>
/// 批次 (Art. 4: 每年优选一批): a yearly call for applications with a submission window. Only an open batch
/// accepts submissions. The quota is informational (how many pilot units the batch intends to select).
/// </summary>
public sealed class Batch
{
    private Batch()
    {
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>e.g. 2026年度第一批.</summary>
    public string Name { get; private set; }

    /// <summary>The window opens at this UTC instant (inclusive).</summary>
    public DateTime OpensAtUtc { get; private set; }

    /// <summary>The window closes at this UTC instant (exclusive).</summary>
    public DateTime ClosesAtUtc { get; private set; }

    public int? Quota { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>The office opens a new batch (Art. 4, 7(1)).</summary>
    public static Batch Create(Actor actor, DateTime now, int year, string name, DateTime opensAtUtc, DateTime closesAtUtc, int? quota = null)
    {
        RequireOffice(actor);
        var batch = new Batch { Id = Guid.CreateVersion7(now), CreatedAtUtc = now };
        batch.Apply(year, name, opensAtUtc, closesAtUtc, quota);
        return batch;
    }

    /// <summary>Changes the window or quota (e.g. extends the deadline).</summary>
    public void Change(Actor actor, int year, string name, DateTime opensAtUtc, DateTime closesAtUtc, int? quota)
    {
        RequireOffice(actor);
        Apply(year, name, opensAtUtc, closesAtUtc, quota);
    }

    /// <summary>Whether the batch accepts submissions at this instant.</summary>
    public bool IsOpen(DateTime now) => now >= OpensAtUtc && now < ClosesAtUtc;

    private void Apply(int year, string name, DateTime opensAtUtc, DateTime closesAtUtc, int? quota)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(new Problem("batch.name", "请填写批次名称，例如“2026年度第一批”。", "Enter the batch name, e.g. 2026年度第一批.", "Name"));
        }
        if (year is < 2000 or > 2200)
        {
            throw new DomainException(new Problem("batch.year", "批次年度不正确。", "The batch year is not valid.", "Year"));
        }
        if (closesAtUtc <= opensAtUtc)
        {
            throw new DomainException(new Problem("batch.window", "申报截止时间必须晚于开始时间。", "The window must close after it opens.", "ClosesAtUtc"));
        }
        if (quota is <= 0)
        {
            throw new DomainException(new Problem("batch.quota", "名额必须为正数。", "The quota must be a positive number.", "Quota"));
        }
        Year = year;
        Name = name.Trim();
        OpensAtUtc = opensAtUtc;
        ClosesAtUtc = closesAtUtc;
        Quota = quota;
    }

    private static void RequireOffice(Actor actor)
    {
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("batch.role", "只有办公室可以设置申报批次。", "Only the office may set up batches."));
        }
    }
}
