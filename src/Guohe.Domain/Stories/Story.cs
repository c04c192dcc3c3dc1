using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Stories;

/// <summary>The states of a success story: drafted by the office, published to the public, taken down again.</summary>
public enum StoryStatus
{
    /// <summary>草稿: only the office sees it.</summary>
    Draft,
    /// <summary>已发布: on the public pages.</summary>
    Published,
    /// <summary>已撤回: taken down; only the office sees it.</summary>
    Unpublished,
}

/// <summary>What a success story says: a title, its text and the designated units it is about.</summary>
public sealed record StoryContent(string Title, string Text, IReadOnlyList<Guid> OrganisationIds)
{
    public const int TitleLength = 100;
    public const int TextLength = 10000;
    public const int MaxUnits = 20;

    /// <summary>What must be fixed before the content is stored (each problem names its field).</summary>
    public IReadOnlyList<Problem> Check()
    {
        var problems = new List<Problem>();
        var title = Title?.Trim() ?? string.Empty;
        var text = Text?.Trim() ?? string.Empty;
        if (title.Length == 0)
        {
            problems.Add(new Problem("story.title", "请填写标题。", "Enter the title.", nameof(Title)));
        }
        else if (title.Length > TitleLength)
        {
            problems.Add(new Problem("story.title-length", $"标题不能超过{TitleLength}个字。", $"The title may have at most {TitleLength} characters.", nameof(Title)));
        }
        if (text.Length == 0)
        {
            problems.Add(new Problem("story.text", "请填写正文。", "Enter the text.", nameof(Text)));
        }
        else if (text.Length > TextLength)
        {
            problems.Add(new Problem("story.text-length", $"正文不能超过{TextLength}个字。", $"The text may have at most {TextLength} characters.", nameof(Text)));
        }
        var units = OrganisationIds?.Distinct().Count() ?? 0;
        if (units == 0)
        {
            problems.Add(new Problem("story.units", "请至少选择一个相关的试点单位或基地。", "Choose at least one pilot unit or base the story is about.", "OrganisationIds"));
        }
        else if (units > MaxUnits)
        {
            problems.Add(new Problem("story.units-many", $"相关单位不能超过{MaxUnits}个。", $"A story may name at most {MaxUnits} units.", "OrganisationIds"));
        }
        return problems;
    }
}

/// <summary>
/// 成功案例: the Alliance promotes the bases' successful experience (Art. 7(4)) and publishes it (Art. 17). The office writes
/// a story about one or more designated units with pictures (stored files owned by the story), publishes it and may take it
/// down again. Every verb appends one history record.
/// </summary>
public sealed class Story : HistoryAggregate
{
    private Guid[] _organisationIds = [];

    private Story()
    {
        Title = string.Empty;
        Text = string.Empty;
    }

    public string Title { get; private set; }

    public string Text { get; private set; }

    /// <summary>The designated units (organisations) the story is about.</summary>
    public IReadOnlyList<Guid> OrganisationIds => _organisationIds;

    public StoryStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When it was last published (null: never).</summary>
    public DateTime? PublishedAtUtc { get; private set; }

    public bool IsPublished => Status == StoryStatus.Published;

    protected override string AggregateType => "Story";

    public static Story Create(Actor actor, DateTime now, StoryContent content)
    {
        RequireUtc(now);
        RequireOffice(actor);
        var story = new Story { Id = Guid.CreateVersion7(now), CreatedAtUtc = now, Status = StoryStatus.Draft };
        story.Apply(content);
        story.Record(string.Empty, nameof(StoryStatus.Draft), "CreateStory", actor, now, story.Title, Article.Art7_4);
        return story;
    }

    public void Edit(Actor actor, DateTime now, StoryContent content)
    {
        RequireUtc(now);
        RequireOffice(actor);
        Apply(content);
        Record(Status.ToString(), Status.ToString(), "EditStory", actor, now, Title, Article.Art7_4);
    }

    /// <summary>Puts the story on the public pages; it needs at least one picture (<paramref name="pictures"/>: how many it has).</summary>
    public void Publish(Actor actor, DateTime now, int pictures)
    {
        RequireUtc(now);
        RequireOffice(actor);
        if (IsPublished)
        {
            throw new DomainException(new Problem("story.published", "该案例已经发布。", "The story is already published."));
        }
        if (pictures < 1)
        {
            throw new DomainException(new Problem("story.pictures", "发布前请至少上传一张图片。", "Upload at least one picture before publishing."));
        }
        var from = Status;
        Status = StoryStatus.Published;
        PublishedAtUtc = now;
        Record(from.ToString(), Status.ToString(), "PublishStory", actor, now, Title, Article.Art7_4);
    }

    /// <summary>Takes the story down from the public pages, with the reason.</summary>
    public void Unpublish(Actor actor, DateTime now, string reason)
    {
        RequireUtc(now);
        RequireOffice(actor);
        if (!IsPublished)
        {
            throw new DomainException(new Problem("story.not-published", "该案例尚未发布。", "The story is not published."));
        }
        var text = RequireText(reason, "story.reason", "请说明撤回的原因。", "State why the story is taken down.");
        Status = StoryStatus.Unpublished;
        Record(nameof(StoryStatus.Published), Status.ToString(), "UnpublishStory", actor, now, text, Article.Art7_4);
    }

    private void Apply(StoryContent content)
    {
        var problems = content.Check();
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        Title = content.Title.Trim();
        Text = content.Text.Trim();
        _organisationIds = [.. content.OrganisationIds.Distinct()];
    }

    private static void RequireOffice(Actor actor)
    {
        if (actor.Role != Role.Office)
        {
            throw new DomainException(new Problem("story.role", "只有办公室可以编辑和发布成功案例。", "Only the office writes and publishes success stories."));
        }
    }
}
