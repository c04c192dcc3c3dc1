using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Reviews;

/// <summary>Why the experts visit: the application's site visit (Art. 11(4)–(5)) or the acceptance on-site evaluation (Art. 13(2)).</summary>
public enum SiteVisitPurpose
{
    /// <summary>实地调研 of an application; the subject is an Application.</summary>
    ApplicationReview,
    /// <summary>现场评估 at acceptance; the subject is a Designation.</summary>
    AcceptanceEvaluation,
}

/// <summary>An expert's overall recommendation.</summary>
public enum OverallRecommendation
{
    /// <summary>建议通过.</summary>
    Recommend,
    /// <summary>有条件通过.</summary>
    RecommendWithConditions,
    /// <summary>不建议通过.</summary>
    NotRecommend,
}

/// <summary>
/// One member of the expert team (Art. 5, 11(4)); exactly one member of a team is the leader (组长). A member flagged with a
/// conflict of interest sits on the team only with the office's recorded <see cref="OverrideReason"/>; the member declares
/// no conflict before first seeing the application (<see cref="NoConflictDeclaredAtUtc"/>).
/// </summary>
public sealed record ExpertAssignment(Guid ExpertUserId, string Name, bool IsLeader)
{
    public ConflictKinds Conflicts { get; init; }

    public string? OverrideReason { get; init; }

    public DateTime? NoConflictDeclaredAtUtc { get; init; }
}

/// <summary>Scores on the four conditions of Art. 10, each from 0 to <see cref="Maximum"/>.</summary>
public sealed record ExpertScores(int GoalsAndModel, int ChannelsAndTeam, int TechnologyTransfer, int Platforms)
{
    public const int Maximum = 25;

    public int Total => GoalsAndModel + ChannelsAndTeam + TechnologyTransfer + Platforms;

    public IReadOnlyList<Problem> Problems()
    {
        var problems = new List<Problem>();
        Check(GoalsAndModel, "GoalsAndModel", "第十条第（一）项", "Art. 10(1)");
        Check(ChannelsAndTeam, "ChannelsAndTeam", "第十条第（二）项", "Art. 10(2)");
        Check(TechnologyTransfer, "TechnologyTransfer", "第十条第（三）项", "Art. 10(3)");
        Check(Platforms, "Platforms", "第十条第（四）项", "Art. 10(4)");
        return problems;

        void Check(int score, string field, string zh, string en)
        {
            if (score is < 0 or > Maximum)
            {
                problems.Add(new Problem("opinion.score", $"{zh}的评分应在0到{Maximum}分之间。", $"The score for {en} must be between 0 and {Maximum}.", $"Scores.{field}"));
            }
        }
    }
}

/// <summary>
/// 书面审核意见 / 书面评估意见 of one expert (Art. 11(5), 13(2)). Locked once filed: an amendment is a new revision and the
/// earlier one stays as it was.
/// </summary>
public sealed class ExpertOpinion
{
    private ExpertOpinion()
    {
        ExpertName = string.Empty;
        Text = string.Empty;
    }

    internal ExpertOpinion(Actor expert, DateTime now, int revision, ExpertScores scores, OverallRecommendation recommendation, string text, string? amendmentReason)
    {
        Id = Guid.CreateVersion7(now);
        ExpertUserId = expert.UserId;
        ExpertName = expert.Name;
        Revision = revision;
        GoalsAndModel = scores.GoalsAndModel;
        ChannelsAndTeam = scores.ChannelsAndTeam;
        TechnologyTransfer = scores.TechnologyTransfer;
        Platforms = scores.Platforms;
        Recommendation = recommendation;
        Text = text;
        AmendmentReason = amendmentReason;
        FiledAtUtc = now;
    }

    public Guid Id { get; private set; }

    public Guid ExpertUserId { get; private set; }

    public string ExpertName { get; private set; }

    /// <summary>1 for the first filing, 2 for the first amendment, …</summary>
    public int Revision { get; private set; }

    /// <summary>Art. 10(1).</summary>
    public int GoalsAndModel { get; private set; }

    /// <summary>Art. 10(2).</summary>
    public int ChannelsAndTeam { get; private set; }

    /// <summary>Art. 10(3).</summary>
    public int TechnologyTransfer { get; private set; }

    /// <summary>Art. 10(4).</summary>
    public int Platforms { get; private set; }

    public OverallRecommendation Recommendation { get; private set; }

    public string Text { get; private set; }

    public string? AmendmentReason { get; private set; }

    public DateTime FiledAtUtc { get; private set; }

    public ExpertScores Scores() => new(GoalsAndModel, ChannelsAndTeam, TechnologyTransfer, Platforms);
}

/// <summary>
/// 实地调研 (Art. 11(4)) or 现场评估 (Art. 13(2)): a date, a place, notes and an expert team with one leader; each assigned
/// expert files one written opinion. Used for an application's site visit and a designation's acceptance evaluation.
/// </summary>
public sealed class SiteVisit : HistoryAggregate
{
    private readonly List<ExpertAssignment> _team = [];
    private readonly List<ExpertOpinion> _opinions = [];

    private SiteVisit()
    {
        Place = string.Empty;
        Notes = string.Empty;
    }

    public SiteVisitPurpose Purpose { get; private set; }

    /// <summary>The application (ApplicationReview) or designation (AcceptanceEvaluation) visited.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>Date of the visit (China date).</summary>
    public DateOnly Date { get; private set; }

    public string Place { get; private set; }

    /// <summary>Arrangements, or for an evaluation the work report, inspection and review meeting (Art. 13(2)).</summary>
    public string Notes { get; private set; }

    public IReadOnlyList<ExpertAssignment> Team => _team;

    /// <summary>Every revision of every opinion, oldest first.</summary>
    public IReadOnlyList<ExpertOpinion> Opinions => _opinions;

    public DateTime ScheduledAtUtc { get; private set; }

    public string Article => Purpose == SiteVisitPurpose.ApplicationReview ? History.Article.Art11_4 : History.Article.Art13_2;

    protected override string AggregateType => "SiteVisit";

    /// <summary>The office schedules a visit with its expert team (Art. 11(4) or 13(2)).</summary>
    public static SiteVisit Schedule(
        Actor actor, DateTime now, SiteVisitPurpose purpose, Guid subjectId, DateOnly date, string place, string? notes,
        IReadOnlyList<ExpertAssignment> team)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Office, "安排实地调研或现场评估", "schedule a site visit");
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(place))
        {
            problems.Add(new Problem("sitevisit.place", "请填写调研地点。", "Enter the place of the visit.", "Place"));
        }
        if (team.Count == 0)
        {
            problems.Add(new Problem("sitevisit.team", "请至少指派一位评审专家。", "Assign at least one expert.", "Team"));
        }
        else if (team.Count(t => t.IsLeader) != 1)
        {
            problems.Add(new Problem("sitevisit.leader", "专家组必须有且只有一位组长。", "The expert team must have exactly one leader.", "Team"));
        }
        if (team.Select(t => t.ExpertUserId).Distinct().Count() != team.Count)
        {
            problems.Add(new Problem("sitevisit.duplicate", "同一位专家不能重复指派。", "An expert is assigned twice.", "Team"));
        }
        foreach (var member in team.Where(t => t.Conflicts != ConflictKinds.None && string.IsNullOrWhiteSpace(t.OverrideReason)))
        {
            problems.Add(new Problem("sitevisit.conflict",
                $"{member.Name}存在利益冲突，如确需指派，请填写放行理由。",
                $"{member.Name} has a conflict of interest; give a reason to assign them anyway.", $"Overrides[{member.ExpertUserId}]"));
        }
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        var visit = new SiteVisit
        {
            Id = Guid.CreateVersion7(now),
            Purpose = purpose,
            SubjectId = subjectId,
            Date = date,
            Place = place.Trim(),
            Notes = notes?.Trim() ?? string.Empty,
            ScheduledAtUtc = now,
        };
        visit._team.AddRange(team.Select(t => t with
        {
            Name = t.Name.Trim(),
            OverrideReason = t.Conflicts == ConflictKinds.None ? null : t.OverrideReason!.Trim(),
            NoConflictDeclaredAtUtc = null,
        }));
        var overrides = visit._team.Where(t => t.OverrideReason is not null).Select(t => $"；{t.Name}利益冲突放行理由：{t.OverrideReason}");
        visit.Record(string.Empty, visit.StatusName(), "Schedule", actor, now, $"{ChinaTime.Iso(date)} {visit.Place}{string.Concat(overrides)}", visit.Article);
        return visit;
    }

    /// <summary>The office changes date, place or notes (before or after the visit).</summary>
    public void ChangeArrangements(Actor actor, DateTime now, DateOnly date, string place, string? notes)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Office, "修改调研安排", "change the arrangements");
        Date = date;
        Place = RequireText(place, "sitevisit.place", "请填写调研地点。", "Enter the place of the visit.");
        Notes = notes?.Trim() ?? string.Empty;
        var status = StatusName();
        Record(status, status, "ChangeArrangements", actor, now, $"{ChinaTime.Iso(date)} {Place}", Article);
    }

    /// <summary>
    /// An assigned expert declares no conflict of interest with the visited unit, before first seeing its application
    /// (issue 4). Declaring twice changes nothing.
    /// </summary>
    public void DeclareNoConflict(Actor actor, DateTime now)
    {
        RequireUtc(now);
        RequireAssigned(actor, "声明无利益冲突", "declare no conflict");
        var index = _team.FindIndex(t => t.ExpertUserId == actor.UserId);
        if (_team[index].NoConflictDeclaredAtUtc is not null)
        {
            return;
        }
        _team[index] = _team[index] with { NoConflictDeclaredAtUtc = now };
        var status = StatusName();
        Record(status, status, "DeclareNoConflict", actor, now, "本人与被调研单位无利益冲突。", Article);
    }

    /// <summary>Whether the expert has declared no conflict (and so may see the application).</summary>
    public bool HasDeclaredNoConflict(Guid expertUserId) =>
        _team.Any(t => t.ExpertUserId == expertUserId && t.NoConflictDeclaredAtUtc is not null);

    /// <summary>现场评估 (Art. 13(2)): the date of the unit head's work report.</summary>
    public DateOnly? WorkReportOn { get; private set; }

    /// <summary>现场评估: the date of the on-site inspection.</summary>
    public DateOnly? InspectionOn { get; private set; }

    /// <summary>现场评估: the date of the review meeting.</summary>
    public DateOnly? ReviewMeetingOn { get; private set; }

    /// <summary>现场评估: the uploaded minutes of the review meeting.</summary>
    public Guid? MinutesFileId { get; private set; }

    /// <summary>
    /// The office records the course of an acceptance evaluation (Art. 13(2)): the dates of the unit head's work report, the
    /// inspection and the review meeting, and the uploaded minutes.
    /// </summary>
    public void RecordProceedings(Actor actor, DateTime now, DateOnly workReportOn, DateOnly inspectionOn, DateOnly reviewMeetingOn, Guid? minutesFileId)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Office, "记录现场评估过程", "record the evaluation's proceedings");
        if (Purpose != SiteVisitPurpose.AcceptanceEvaluation)
        {
            throw new DomainException(new Problem("sitevisit.purpose", "只有验收现场评估需要记录汇报、考察和评审会日期。", "Only an acceptance evaluation records the report, inspection and meeting dates."));
        }
        if (reviewMeetingOn < workReportOn || reviewMeetingOn < inspectionOn)
        {
            throw new DomainException(new Problem("sitevisit.dates", "评审会日期不能早于工作汇报和现场考察日期。", "The review meeting cannot be before the work report and the inspection.", "ReviewMeetingOn"));
        }
        WorkReportOn = workReportOn;
        InspectionOn = inspectionOn;
        ReviewMeetingOn = reviewMeetingOn;
        MinutesFileId = minutesFileId ?? MinutesFileId;
        var status = StatusName();
        Record(status, status, "RecordProceedings", actor, now,
            $"汇报{ChinaTime.Iso(workReportOn)}；考察{ChinaTime.Iso(inspectionOn)}；评审会{ChinaTime.Iso(reviewMeetingOn)}", Article, minutesFileId is { } f ? [f] : null);
    }

    /// <summary>When the reminder before the visit went out (null: not yet).</summary>
    public DateTime? ReminderSentAtUtc { get; private set; }

    /// <summary>Records that the team was reminded of the visit.</summary>
    public void MarkReminded(DateTime now)
    {
        RequireUtc(now);
        ReminderSentAtUtc = now;
    }

    /// <summary>An assigned expert files the written opinion (Art. 11(5), 13(2)); once only — use <see cref="AmendOpinion"/> after.</summary>
    public ExpertOpinion FileOpinion(Actor actor, DateTime now, ExpertScores scores, OverallRecommendation recommendation, string text, IReadOnlyList<Guid>? attachmentIds = null)
    {
        RequireAssigned(actor);
        if (!HasDeclaredNoConflict(actor.UserId))
        {
            throw new DomainException(new Problem("opinion.declaration", "请先声明本人与被调研单位无利益冲突。", "Declare first that you have no conflict of interest with the unit."));
        }
        if (CurrentOpinionOf(actor.UserId) is not null)
        {
            throw new DomainException(new Problem("opinion.filed", "您已提交书面意见，已提交的意见不能修改；如需更正，请提交修订意见。", "You have already filed your opinion; it is locked. File an amendment instead."));
        }
        return AddOpinion(actor, now, 1, scores, recommendation, text, null, "FileOpinion", attachmentIds);
    }

    /// <summary>An expert amends a filed opinion: a new revision with a reason; the earlier revision is kept unchanged.</summary>
    public ExpertOpinion AmendOpinion(Actor actor, DateTime now, ExpertScores scores, OverallRecommendation recommendation, string text, string reason, IReadOnlyList<Guid>? attachmentIds = null)
    {
        RequireAssigned(actor);
        var current = CurrentOpinionOf(actor.UserId)
            ?? throw new DomainException(new Problem("opinion.none", "您尚未提交书面意见，无法修订。", "You have not filed an opinion yet, so there is nothing to amend."));
        var why = RequireText(reason, "opinion.reason", "请填写修订理由。", "Enter the reason for the amendment.");
        return AddOpinion(actor, now, current.Revision + 1, scores, recommendation, text, why, "AmendOpinion", attachmentIds);
    }

    /// <summary>The latest revision of the expert's opinion, or null.</summary>
    public ExpertOpinion? CurrentOpinionOf(Guid expertUserId) =>
        _opinions.Where(o => o.ExpertUserId == expertUserId).MaxBy(o => o.Revision);

    /// <summary>The latest revision of every filed opinion.</summary>
    public IReadOnlyList<ExpertOpinion> CurrentOpinions() =>
        [.. _team.Select(t => CurrentOpinionOf(t.ExpertUserId)).OfType<ExpertOpinion>()];

    /// <summary>Assigned experts who have not yet filed.</summary>
    public IReadOnlyList<ExpertAssignment> ExpertsWithoutOpinion() =>
        [.. _team.Where(t => CurrentOpinionOf(t.ExpertUserId) is null)];

    public bool AllOpinionsFiled => _team.Count > 0 && ExpertsWithoutOpinion().Count == 0;

    private ExpertOpinion AddOpinion(Actor actor, DateTime now, int revision, ExpertScores scores, OverallRecommendation recommendation, string text, string? reason, string trigger, IReadOnlyList<Guid>? attachmentIds)
    {
        RequireUtc(now);
        var problems = scores.Problems().ToList();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new Problem("opinion.text", "请填写书面意见。", "Enter the written opinion.", "Text"));
        }
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        var from = StatusName();
        var opinion = new ExpertOpinion(actor, now, revision, scores, recommendation, text.Trim(), reason);
        _opinions.Add(opinion);
        Record(from, StatusName(), trigger, actor, now, reason ?? opinion.Text, Purpose == SiteVisitPurpose.ApplicationReview ? History.Article.Art11_5 : History.Article.Art13_2, attachmentIds);
        return opinion;
    }

    private string StatusName() => AllOpinionsFiled ? "OpinionsComplete" : "AwaitingOpinions";

    private void RequireAssigned(Actor actor, string actionZh = "提交书面意见", string actionEn = "file an opinion")
    {
        RequireRole(actor, Role.Expert, actionZh, actionEn);
        if (_team.All(t => t.ExpertUserId != actor.UserId))
        {
            throw new DomainException(new Problem("opinion.assigned", $"您未被指派参加本次调研，不能{actionZh}。", $"You are not assigned to this visit, so you cannot {actionEn}."));
        }
    }

    private static void RequireRole(Actor actor, Role role, string actionZh, string actionEn)
    {
        if (actor.Role != role)
        {
            throw new DomainException(new Problem("sitevisit.role",
                $"只有{RoleNames.Zh(role)}可以{actionZh}，您当前的角色是{RoleNames.Zh(actor.Role)}。",
                $"Only the {role} role may {actionEn}; you are acting as {actor.Role}."));
        }
    }
}
