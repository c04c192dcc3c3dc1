using System.Text.RegularExpressions;
using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Announcements;

/// <summary>How the office found an objection (异议处理结果).</summary>
public enum ObjectionOutcome
{
    /// <summary>成立.</summary>
    Upheld,
    /// <summary>部分成立.</summary>
    PartlyUpheld,
    /// <summary>不成立.</summary>
    NotUpheld,
}

public static class ObjectionOutcomeNames
{
    public static IReadOnlyList<ObjectionOutcome> All { get; } = [ObjectionOutcome.Upheld, ObjectionOutcome.PartlyUpheld, ObjectionOutcome.NotUpheld];

    public static string Zh(ObjectionOutcome outcome) => outcome switch
    {
        ObjectionOutcome.Upheld => "成立",
        ObjectionOutcome.PartlyUpheld => "部分成立",
        _ => "不成立",
    };
}

/// <summary>What an objector writes (a value). Name and contact are personal data: only the office sees them (PIPL Art. 28–30).</summary>
public sealed partial record ObjectionText(string Name, string Contact, string Text)
{
    public const int MaxName = 50;
    public const int MaxContact = 100;
    public const int MaxText = 4000;

    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxName)
        {
            problems.Add(new Problem("objection.name", $"请填写姓名或单位名称（不超过{MaxName}个字符）。", $"Enter your name or organisation (at most {MaxName} characters).", nameof(Name)));
        }
        var contact = (Contact ?? string.Empty).Trim();
        if (contact.Length == 0 || contact.Length > MaxContact || !(Phone().IsMatch(contact) || Email().IsMatch(contact)))
        {
            problems.Add(new Problem("objection.contact", "请填写有效的联系电话或电子邮箱，以便办公室与您核实。", "Enter a valid phone number or e-mail address so that the office can reach you.", nameof(Contact)));
        }
        if (string.IsNullOrWhiteSpace(Text) || Text.Trim().Length > MaxText)
        {
            problems.Add(new Problem("objection.text", $"请填写异议内容及理由（不超过{MaxText}个字符）。", $"Enter the objection and its grounds (at most {MaxText} characters).", nameof(Text)));
        }
        return problems;
    }

    [GeneratedRegex(@"^\+?[0-9][0-9\- ()]{5,23}[0-9]$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}

/// <summary>
/// 异议: filed by anyone during an announcement's publicity period (Art. 11(7)), with an optional file. The office records how it was
/// handled (outcome and text, who and when); a later record corrects an earlier one until the announcement is closed. The objector's
/// IP address is kept only as a keyed hash, for the per-address limit.
/// </summary>
public sealed class Objection : HistoryAggregate
{
    private Objection()
    {
        Name = string.Empty;
        Contact = string.Empty;
        Text = string.Empty;
        IpHash = string.Empty;
    }

    public Guid AnnouncementId { get; private set; }

    public string Name { get; private set; }

    public string Contact { get; private set; }

    public string Text { get; private set; }

    /// <summary>A keyed hash of the address it came from (never the address itself).</summary>
    public string IpHash { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>Null until handled.</summary>
    public ObjectionOutcome? Outcome { get; private set; }

    /// <summary>The office's account of how it was handled (shown publicly after closing, without the objector's data).</summary>
    public string? Handling { get; private set; }

    public Guid? HandledByUserId { get; private set; }

    public string? HandledByName { get; private set; }

    public DateTime? HandledAtUtc { get; private set; }

    public bool IsHandled => Outcome is not null;

    protected override string AggregateType => "Objection";

    /// <summary>Files an objection; refused outside the announcement's period (<see cref="Announcement.ObjectionRefusal"/>) or with a field missing.</summary>
    public static Objection File(Announcement announcement, DateTime now, ObjectionText text, string ipHash)
    {
        RequireUtc(now);
        if (announcement.ObjectionRefusal(now) is { } refusal)
        {
            throw new DomainException(refusal);
        }
        var problems = text.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        return new Objection
        {
            Id = Guid.CreateVersion7(now),
            AnnouncementId = announcement.Id,
            Name = text.Name.Trim(),
            Contact = text.Contact.Trim(),
            Text = text.Text.Trim(),
            IpHash = ipHash,
            SubmittedAtUtc = now,
        };
    }

    /// <summary>The office records how the objection was handled; refused once the announcement is closed.</summary>
    public void Handle(Actor actor, DateTime now, Announcement announcement, ObjectionOutcome outcome, string handling)
    {
        RequireUtc(now);
        Announcement.RequireOffice(actor);
        if (announcement.Id != AnnouncementId)
        {
            throw new ArgumentException("The objection belongs to another announcement.", nameof(announcement));
        }
        if (announcement.Status == AnnouncementStatus.Closed)
        {
            throw new DomainException(new Problem("objection.closed", "公示已办结，处理情况不能再修改。", "The announcement is closed; the handling can no longer be changed."));
        }
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException(new Problem("objection.outcome", "请选择处理结果。", "Choose the outcome.", "Outcome"));
        }
        var text = RequireText(handling, "objection.handling", "请填写处理情况。", "Enter how the objection was handled.");
        if (text.Length > ObjectionText.MaxText)
        {
            throw new DomainException(new Problem("objection.handling", $"处理情况不能超过{ObjectionText.MaxText}个字符。", $"The handling may have at most {ObjectionText.MaxText} characters.", "Handling"));
        }
        var from = IsHandled ? "Handled" : "Received";
        Outcome = outcome;
        Handling = text;
        HandledByUserId = actor.UserId;
        HandledByName = actor.Name;
        HandledAtUtc = now;
        Record(from, "Handled", "HandleObjection", actor, now, $"{ObjectionOutcomeNames.Zh(outcome)}：{text}", Article.Art11_7);
    }
}
