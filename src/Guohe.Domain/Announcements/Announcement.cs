using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Announcements;

/// <summary>Where an announcement (公示) stands: drafted by the office, published for its publicity period, closed after it.</summary>
public enum AnnouncementStatus
{
    /// <summary>草稿: only the office sees it and may still change it.</summary>
    Draft,
    /// <summary>已发布: public; objections are accepted on the days of its period.</summary>
    Published,
    /// <summary>已办结: the period has ended, every objection is handled and the office has closed it.</summary>
    Closed,
}

/// <summary>Where a published announcement stands on a given day, as the public sees it.</summary>
public enum AnnouncementPhase
{
    Draft,
    /// <summary>未开始: published, the period starts later.</summary>
    Upcoming,
    /// <summary>公示中: objections are accepted.</summary>
    Open,
    /// <summary>公示期已结束: awaiting the office's closing.</summary>
    Ended,
    /// <summary>已办结.</summary>
    Closed,
}

/// <summary>What the office writes in an announcement (a value: replaced whole).</summary>
/// <param name="StartsOn">The first day of the publicity period (China date).</param>
/// <param name="Days">The length of the period in days, the start day included.</param>
public sealed record AnnouncementText(string Title, string Body, Guid? BatchId, DateOnly StartsOn, int Days)
{
    public const int MaxTitle = 200;
    public const int MaxBody = 8000;
    public const int MaxDays = 90;

    /// <summary>The last day of the period (China date, inclusive).</summary>
    public DateOnly EndsOn => StartsOn.AddDays(Days - 1);

    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > MaxTitle)
        {
            problems.Add(new Problem("announcement.title", $"请填写标题（不超过{MaxTitle}个字符）。", $"Enter a title (at most {MaxTitle} characters).", nameof(Title)));
        }
        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > MaxBody)
        {
            problems.Add(new Problem("announcement.body", $"请填写公示内容（不超过{MaxBody}个字符）。", $"Enter the text (at most {MaxBody} characters).", nameof(Body)));
        }
        if (Days is < 1 or > MaxDays)
        {
            problems.Add(new Problem("announcement.days", $"公示天数应在1至{MaxDays}天之间。", $"The period must last 1 to {MaxDays} days.", nameof(Days)));
        }
        if (StartsOn.Year is < 2000 or > 2200)
        {
            problems.Add(new Problem("announcement.start", "公示开始日期不正确。", "The start date is not valid.", nameof(StartsOn)));
        }
        return problems;
    }
}

/// <summary>
/// 公示 (Art. 11(7): 试点单位在两协会及联盟网站上予以公示): a public announcement by the office with a publicity period during which
/// anyone may file an <see cref="Objection"/> (异议). The office drafts and publishes it, handles every objection, and closes it once
/// the period has ended. Every verb appends one history record.
/// </summary>
public sealed class Announcement : HistoryAggregate
{
    private Announcement()
    {
        Title = string.Empty;
        Body = string.Empty;
    }

    public string Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>The batch whose proposed pilot units are announced, if any.</summary>
    public Guid? BatchId { get; private set; }

    /// <summary>The first day of the publicity period (China date).</summary>
    public DateOnly StartsOn { get; private set; }

    /// <summary>The last day of the publicity period (China date, inclusive).</summary>
    public DateOnly EndsOn { get; private set; }

    public AnnouncementStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>The office's public statement on the result of the announcement and the objections (written at closing).</summary>
    public string? ClosingStatement { get; private set; }

    protected override string AggregateType => "Announcement";

    /// <summary>The number of days of the period, the first and last included.</summary>
    public int Days => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    /// <summary>The UTC instant the period opens (00:00 Beijing time of the first day).</summary>
    public DateTime OpensAtUtc => ChinaTime.StartOfDayUtc(StartsOn);

    /// <summary>The UTC instant the period ends (24:00 Beijing time of the last day).</summary>
    public DateTime EndsAtUtc => ChinaTime.StartOfDayUtc(EndsOn.AddDays(1));

    /// <summary>Where the announcement stands at <paramref name="now"/>.</summary>
    public AnnouncementPhase PhaseAt(DateTime now) => Phase(Status, StartsOn, EndsOn, now);

    /// <summary>The phase from the stored columns (for list projections).</summary>
    public static AnnouncementPhase Phase(AnnouncementStatus status, DateOnly startsOn, DateOnly endsOn, DateTime now) => status switch
    {
        AnnouncementStatus.Draft => AnnouncementPhase.Draft,
        AnnouncementStatus.Closed => AnnouncementPhase.Closed,
        _ when now < ChinaTime.StartOfDayUtc(startsOn) => AnnouncementPhase.Upcoming,
        _ when now < ChinaTime.StartOfDayUtc(endsOn.AddDays(1)) => AnnouncementPhase.Open,
        _ => AnnouncementPhase.Ended,
    };

    /// <summary>Why an objection may not be filed at <paramref name="now"/> (before or after the period, not published); null when it may.</summary>
    public Problem? ObjectionRefusal(DateTime now) => PhaseAt(now) switch
    {
        AnnouncementPhase.Open => null,
        AnnouncementPhase.Upcoming => new Problem("objection.early",
            $"公示期尚未开始（{ChinaTime.Zh(StartsOn)}开始），暂不受理异议。",
            $"The publicity period has not started yet (it starts on {ChinaTime.Iso(StartsOn)}); objections are not accepted yet."),
        AnnouncementPhase.Draft => new Problem("objection.draft", "该公示尚未发布。", "This announcement is not published."),
        _ => new Problem("objection.late",
            $"公示期已于{ChinaTime.Zh(EndsOn)}结束，不再受理异议。",
            $"The publicity period ended on {ChinaTime.Iso(EndsOn)}; objections are no longer accepted."),
    };

    /// <summary>The office drafts an announcement (Art. 7(4), 11(7)).</summary>
    public static Announcement Draft(Actor actor, DateTime now, AnnouncementText text)
    {
        RequireUtc(now);
        RequireOffice(actor);
        var announcement = new Announcement { Id = Guid.CreateVersion7(now), CreatedAtUtc = now, Status = AnnouncementStatus.Draft };
        announcement.Apply(text);
        announcement.Record(string.Empty, nameof(AnnouncementStatus.Draft), "CreateAnnouncement", actor, now, announcement.Title, Article.Art11_7);
        return announcement;
    }

    /// <summary>Changes the draft; a published announcement is not changed.</summary>
    public void Edit(Actor actor, DateTime now, AnnouncementText text)
    {
        RequireUtc(now);
        RequireOffice(actor);
        if (Status != AnnouncementStatus.Draft)
        {
            throw new DomainException(new Problem("announcement.published", "公示已发布，不能再修改。", "The announcement is published and can no longer be changed."));
        }
        Apply(text);
        Record(nameof(AnnouncementStatus.Draft), nameof(AnnouncementStatus.Draft), "EditAnnouncement", actor, now, Title, Article.Art11_7);
    }

    /// <summary>Publishes the draft; refused when its period has already ended.</summary>
    public void Publish(Actor actor, DateTime now)
    {
        RequireUtc(now);
        RequireOffice(actor);
        if (Status != AnnouncementStatus.Draft)
        {
            throw new DomainException(new Problem("announcement.published", "公示已发布。", "The announcement is already published."));
        }
        if (now >= EndsAtUtc)
        {
            throw new DomainException(new Problem("announcement.past",
                $"公示期（至{ChinaTime.Zh(EndsOn)}）已过，请先修改公示开始日期。",
                $"The publicity period (until {ChinaTime.Iso(EndsOn)}) is over; change the start date first.", "StartsOn"));
        }
        Status = AnnouncementStatus.Published;
        PublishedAtUtc = now;
        Record(nameof(AnnouncementStatus.Draft), nameof(AnnouncementStatus.Published), "PublishAnnouncement", actor, now,
            $"{ChinaTime.Iso(StartsOn)} – {ChinaTime.Iso(EndsOn)}", Article.Art11_7);
    }

    /// <summary>
    /// Closes the announcement after its period with the office's statement of the result; refused before the period ends and
    /// while any objection is unhandled (<paramref name="unhandledObjections"/>).
    /// </summary>
    public void Close(Actor actor, DateTime now, string statement, int unhandledObjections)
    {
        RequireUtc(now);
        RequireOffice(actor);
        if (Status != AnnouncementStatus.Published)
        {
            throw new DomainException(Status == AnnouncementStatus.Closed
                ? new Problem("announcement.closed", "该公示已办结。", "The announcement is already closed.")
                : new Problem("announcement.draft", "公示尚未发布。", "The announcement is not published."));
        }
        if (now < EndsAtUtc)
        {
            throw new DomainException(new Problem("announcement.open",
                $"公示期至{ChinaTime.Zh(EndsOn)}结束，期满后才能办结。",
                $"The publicity period runs until {ChinaTime.Iso(EndsOn)}; the announcement can be closed only after it."));
        }
        if (unhandledObjections > 0)
        {
            throw new DomainException(new Problem("announcement.unhandled",
                $"尚有{unhandledObjections}件异议未处理，请先逐件记录处理情况。",
                $"{unhandledObjections} objection(s) are not handled yet; record the handling of each first."));
        }
        var text = RequireText(statement, "announcement.statement", "请填写公示结果说明。", "Enter the statement of the result.");
        if (text.Length > AnnouncementText.MaxBody)
        {
            throw new DomainException(new Problem("announcement.statement", $"公示结果说明不能超过{AnnouncementText.MaxBody}个字符。", $"The statement may have at most {AnnouncementText.MaxBody} characters."));
        }
        Status = AnnouncementStatus.Closed;
        ClosedAtUtc = now;
        ClosingStatement = text;
        Record(nameof(AnnouncementStatus.Published), nameof(AnnouncementStatus.Closed), "CloseAnnouncement", actor, now, text, Article.Art11_7);
    }

    private void Apply(AnnouncementText text)
    {
        var problems = text.Problems();
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        Title = text.Title.Trim();
        Body = text.Body.Trim();
        BatchId = text.BatchId;
        StartsOn = text.StartsOn;
        EndsOn = text.EndsOn;
    }

    internal static void RequireOffice(Actor actor)
    {
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("announcement.role", "只有办公室可以发布和办理公示。", "Only the office publishes and handles announcements."));
        }
    }
}
