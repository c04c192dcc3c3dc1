using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;

namespace Guohe.Domain.Designations;

/// <summary>The yearly evaluation grade of a base (跟踪评价考核, Art. 14), one per calendar year.</summary>
public sealed record AnnualGrade(int Year, Grade Grade, string Opinion, DateTime RecordedAtUtc);

/// <summary>表彰 of an outstanding base (Art. 14).</summary>
public sealed record Commendation(int Year, string Text, DateTime AtUtc);

/// <summary>通报 of a base (Art. 14), issued by a confirmed PublicNotice decision.</summary>
public sealed record PublicNotice(Guid DecisionId, DateOnly On, string Text);

/// <summary>
/// 资格: opened by the two associations' confirmed grant of the pilot title (Art. 11(6)), or imported by the office for a unit
/// recognised before Guohe existed (<see cref="Import"/>); a two-year construction period from
/// the recognition date (Art. 4, 12(5)); acceptance (Art. 13); later management of a base (Art. 14). See
/// <see cref="DesignationLifecycle.Table"/>.
/// </summary>
public sealed class Designation : HistoryAggregate
{
    private readonly List<AnnualGrade> _grades = [];
    private readonly List<Commendation> _commendations = [];
    private readonly List<PublicNotice> _publicNotices = [];

    private Designation()
    {
        OrganisationName = string.Empty;
    }

    private static TransitionTable<DesignationStatus, DesignationTrigger> Table => DesignationLifecycle.Table;

    public Guid OrganisationId { get; private set; }

    public Uscc Uscc { get; private set; }

    public string OrganisationName { get; private set; }

    /// <summary>The approved application; null for a designation imported from before Guohe.</summary>
    public Guid? ApplicationId { get; private set; }

    /// <summary>The confirmed GrantPilot decision; null for a designation imported from before Guohe.</summary>
    public Guid? GrantDecisionId { get; private set; }

    /// <summary>
    /// For an imported designation, the China date of the import: annual plans and summaries due before it were handled
    /// before Guohe and are not owed here (see <see cref="ObligationPlanner.Expected"/>). Null for a designation opened in Guohe.
    /// </summary>
    public DateOnly? ObligationsFrom { get; private set; }

    /// <summary>Whether the designation was imported from before Guohe rather than opened by a decision in it.</summary>
    public bool IsImported => ApplicationId is null;

    public DesignationStatus Status { get; private set; }

    /// <summary>认定日期: the China date the GrantPilot decision was confirmed.</summary>
    public DateOnly RecognitionDate { get; private set; }

    /// <summary>End of the construction period: recognition date + two years, + one year per extension.</summary>
    public DateOnly TermEndsOn { get; private set; }

    public int ExtensionCount { get; private set; }

    /// <summary>Maximum extensions, fixed from <see cref="DesignationRules"/> when the designation opened.</summary>
    public int MaxExtensions { get; private set; }

    public int ExtensionYears { get; private set; }

    /// <summary>The construction summary (obligation) that started the current acceptance review.</summary>
    public Guid? AcceptanceSummaryId { get; private set; }

    public DateOnly? BaseGrantedOn { get; private set; }

    /// <summary>The date the designation ended (cancelled, disqualified or revoked).</summary>
    public DateOnly? EndedOn { get; private set; }

    public Guid? EndDecisionId { get; private set; }

    public IReadOnlyList<AnnualGrade> Grades => _grades;

    public IReadOnlyList<Commendation> Commendations => _commendations;

    public IReadOnlyList<PublicNotice> PublicNotices => _publicNotices;

    public bool IsEnded => DesignationLifecycle.IsEnded(Status);

    protected override string AggregateType => Table.Name;

    /// <summary>
    /// Whether the two most recent graded years are consecutive and both 不合格 (Art. 14: 连续两年考核不合格).
    /// </summary>
    public bool HasTwoConsecutiveFails()
    {
        var lastTwo = _grades.OrderByDescending(g => g.Year).Take(2).ToList();
        return lastTwo.Count == 2 && lastTwo[0].Year == lastTwo[1].Year + 1 && lastTwo.All(g => g.Grade == Grade.Fail);
    }

    /// <summary>
    /// The problems that stop a decision of this kind against this designation, ignoring who acts: the table's
    /// state check and the guards (maximum extensions; two consecutive fails for a public notice or a revocation on that ground).
    /// </summary>
    public IReadOnlyList<Problem> CheckDecision(DecisionKind kind, RevocationGround? ground)
    {
        var trigger = DecisionLifecycle.DesignationTriggerOf(kind);
        if (trigger is null)
        {
            return [new Problem("decision.kind", "授予试点单位的决定针对申请，而不是资格。", "A GrantPilot decision targets an application, not a designation.")];
        }
        var stateRefusal = Table.Find(Status, trigger.Value) is null ? Table.Refusal(Status, trigger.Value, Role.Association) : null;
        if (stateRefusal is not null)
        {
            return [stateRefusal];
        }
        var problems = new List<Problem>();
        if (kind == DecisionKind.Extend && ExtensionCount >= MaxExtensions)
        {
            problems.Add(new Problem("designation.extension.max",
                $"试点建设期已延长{ExtensionCount}次，最多只能延长{MaxExtensions}次（第十三条第（三）项）。",
                $"The construction period has already been extended {ExtensionCount} time(s); at most {MaxExtensions} extension(s) are allowed (Art. 13(3))."));
        }
        if ((kind == DecisionKind.PublicNotice || (kind == DecisionKind.RevokeBase && ground != RevocationGround.SeriousViolation)) && !HasTwoConsecutiveFails())
        {
            problems.Add(new Problem("designation.fails",
                "只有连续两年考核不合格的基地才能通报或以此为由取消资格（第十四条）；严重违纪违规的请选择“严重违纪违规”。",
                "Only a base that failed its evaluation two years in a row can be publicly noticed or revoked on that ground (Art. 14); choose 'serious violation' for a serious violation."));
        }
        if (kind == DecisionKind.RevokeBase && ground is null)
        {
            problems.Add(new Problem("designation.ground", "请选择取消资格的理由。", "Choose the ground for revocation."));
        }
        return problems;
    }

    /// <summary>Why acceptance cannot start on <paramref name="today"/>: the construction period has not ended (Art. 13(1)); null when it can.</summary>
    public Problem? AcceptanceTooEarly(DateOnly today) => today < TermEndsOn
        ? new Problem("acceptance.early",
            $"试点建设期至{ChinaTime.Zh(TermEndsOn)}届满，期满后方可提交建设工作总结、申请验收（第十三条第（一）项）。",
            $"The construction period ends on {ChinaTime.Iso(TermEndsOn)}; the construction summary and acceptance come only after that (Art. 13(1)).")
        : null;

    /// <summary>
    /// The pilot has filed its construction summary after the construction period (Art. 13(1)) and enters acceptance review.
    /// </summary>
    public void EnterAcceptance(Actor actor, DateTime now, Obligation constructionSummary)
    {
        var row = Require(DesignationTrigger.EnterAcceptance, actor, now);
        if (constructionSummary.DesignationId != Id || constructionSummary.Kind != ObligationKind.ConstructionSummary || constructionSummary.Status == ObligationStatus.Open)
        {
            throw new DomainException(new Problem("acceptance.summary",
                "请先提交本单位的建设工作总结表（附件4）。",
                "File this unit's construction summary (Form 4) first."));
        }
        if (AcceptanceTooEarly(ChinaTime.DateOf(now)) is { } early)
        {
            throw new DomainException(early);
        }
        AcceptanceSummaryId = constructionSummary.Id;
        Apply(row, actor, now, null, null);
    }

    /// <summary>The office records a base's yearly grade (跟踪评价考核, Art. 14); one grade per year.</summary>
    public void RecordGrade(Actor actor, DateTime now, int year, Grade grade, string opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(DesignationTrigger.RecordGrade, actor, now);
        if (_grades.Any(g => g.Year == year))
        {
            throw new DomainException(new Problem("grade.duplicate", $"{year}年度的考核结果已经录入。", $"The grade for {year} has already been recorded."));
        }
        if (year > ChinaTime.DateOf(now).Year || (BaseGrantedOn is { } granted && year < granted.Year))
        {
            throw new DomainException(new Problem("grade.year", $"{year}年度不在可考核的年度范围内。", $"{year} is not a year this base can be graded for."));
        }
        var text = RequireText(opinion, "grade.opinion", "请填写考核意见。", "Enter the evaluation opinion.");
        _grades.Add(new AnnualGrade(year, grade, text, now));
        Apply(row, actor, now, $"{year}: {grade} — {text}", attachmentIds);
    }

    /// <summary>The office commends an outstanding base (表彰, Art. 14).</summary>
    public void Commend(Actor actor, DateTime now, int year, string text, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(DesignationTrigger.Commend, actor, now);
        var reason = RequireText(text, "commendation.text", "请填写表彰内容。", "Enter the commendation.");
        _commendations.Add(new Commendation(year, reason, now));
        Apply(row, actor, now, reason, attachmentIds);
    }

    /// <summary>Opens the designation from the confirmed GrantPilot decision; recognition date = confirmation date (China).</summary>
    internal static Designation Open(Actor actor, DateTime now, Application application, Decision decision, DesignationRules rules)
    {
        RequireUtc(now);
        DesignationLifecycle.Table.RequireStart(actor);
        var recognised = ChinaTime.DateOf(now);
        var designation = new Designation
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = application.OrganisationId,
            Uscc = application.Uscc,
            OrganisationName = application.OrganisationName,
            ApplicationId = application.Id,
            GrantDecisionId = decision.Id,
            Status = DesignationLifecycle.Table.Start.To,
            RecognitionDate = recognised,
            TermEndsOn = recognised.AddYears(rules.TermYears),
            MaxExtensions = rules.MaxExtensions,
            ExtensionYears = rules.ExtensionYears,
        };
        designation.Record(string.Empty, designation.Status.ToString(), DesignationLifecycle.Table.Start.Trigger, actor, now, decision.Reason, DesignationLifecycle.Table.Start.Article);
        return designation;
    }

    /// <summary>
    /// The problems that stop importing a designation recognised before Guohe existed: a recognition date in the future,
    /// a base date before the recognition date or in the future, or an open designation of the same organisation (one at a time).
    /// </summary>
    public static IReadOnlyList<Problem> CheckImport(DateOnly today, DateOnly recognitionDate, DateOnly? baseGrantedOn, bool organisationHasOpenDesignation)
    {
        var problems = new List<Problem>();
        if (recognitionDate > today)
        {
            problems.Add(new Problem("import.recognition-future",
                $"认定日期{ChinaTime.Iso(recognitionDate)}晚于今天，只能导入已经认定的单位。",
                $"The recognition date {ChinaTime.Iso(recognitionDate)} is after today; only units already recognised can be imported.",
                "RecognitionDate"));
        }
        if (baseGrantedOn is { } granted)
        {
            if (granted < recognitionDate)
            {
                problems.Add(new Problem("import.base-before-recognition",
                    $"基地认定日期{ChinaTime.Iso(granted)}早于试点单位认定日期{ChinaTime.Iso(recognitionDate)}。",
                    $"The base date {ChinaTime.Iso(granted)} is before the recognition date {ChinaTime.Iso(recognitionDate)}.",
                    "BaseGrantedOn"));
            }
            if (granted > today)
            {
                problems.Add(new Problem("import.base-future",
                    $"基地认定日期{ChinaTime.Iso(granted)}晚于今天。",
                    $"The base date {ChinaTime.Iso(granted)} is after today.",
                    "BaseGrantedOn"));
            }
        }
        if (organisationHasOpenDesignation)
        {
            problems.Add(new Problem("import.open-designation",
                "该单位已有未终止的资格，不能再导入一个。",
                "The organisation already has a designation that has not ended; a second one cannot be imported."));
        }
        return problems;
    }

    /// <summary>
    /// The office records a designation the two associations granted before Guohe existed: a pilot unit recognised on
    /// <paramref name="recognitionDate"/> (Art. 11(6)), or with <paramref name="baseGrantedOn"/> a base (Art. 13(3)). The one
    /// history record names the actor and <paramref name="source"/> (e.g. the spreadsheet and its row). Plans and summaries
    /// due before today are not owed in Guohe (<see cref="ObligationsFrom"/>); the construction summary of a pilot is.
    /// </summary>
    public static Designation Import(
        Actor actor, DateTime now, Organisation organisation, DateOnly recognitionDate, DateOnly? baseGrantedOn, string source,
        bool organisationHasOpenDesignation, DesignationRules rules)
    {
        RequireUtc(now);
        var start = baseGrantedOn is null ? DesignationLifecycle.ImportPilot : DesignationLifecycle.ImportBase;
        DesignationLifecycle.Table.RequireStart(actor, start);
        var today = ChinaTime.DateOf(now);
        var problems = CheckImport(today, recognitionDate, baseGrantedOn, organisationHasOpenDesignation);
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        var text = RequireText(source, "import.source", "请说明导入来源。", "State where the designation is imported from.");
        var designation = new Designation
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisation.Id,
            Uscc = organisation.Uscc,
            OrganisationName = organisation.Name,
            Status = start.To,
            RecognitionDate = recognitionDate,
            TermEndsOn = recognitionDate.AddYears(rules.TermYears),
            MaxExtensions = rules.MaxExtensions,
            ExtensionYears = rules.ExtensionYears,
            BaseGrantedOn = baseGrantedOn,
            ObligationsFrom = today,
        };
        designation.Record(string.Empty, designation.Status.ToString(), start.Trigger, actor, now, text, start.Article);
        return designation;
    }

    /// <summary>Applies a confirmed decision of any kind but GrantPilot. Called only by <see cref="Decision.Confirm(Actor, DateTime, Designation, string?, IReadOnlyList{Guid}?)"/>.</summary>
    internal void ApplyDecision(Actor actor, DateTime now, Decision decision)
    {
        var trigger = DecisionLifecycle.DesignationTriggerOf(decision.Kind)!.Value; // Decision.Propose refuses GrantPilot for designations
        var row = Require(trigger, actor, now);
        var problems = CheckDecision(decision.Kind, decision.Ground);
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        var today = ChinaTime.DateOf(now);
        switch (decision.Kind)
        {
            case DecisionKind.GrantBase:
                BaseGrantedOn = today;
                break;
            case DecisionKind.Extend:
                ExtensionCount++;
                TermEndsOn = TermEndsOn.AddYears(ExtensionYears);
                AcceptanceSummaryId = null;
                break;
            case DecisionKind.PublicNotice:
                _publicNotices.Add(new PublicNotice(decision.Id, today, decision.Reason));
                break;
            default: // CancelPilot, DisqualifyPilot, RevokeBase
                EndedOn = today;
                EndDecisionId = decision.Id;
                break;
        }
        Apply(row, actor, now, decision.Reason, null);
    }

    private TransitionRow<DesignationStatus, DesignationTrigger> Require(DesignationTrigger trigger, Actor actor, DateTime now)
    {
        RequireUtc(now);
        return Table.Require(Status, trigger, actor);
    }

    private void Apply(TransitionRow<DesignationStatus, DesignationTrigger> row, Actor actor, DateTime now, string? opinion, IReadOnlyList<Guid>? attachmentIds)
    {
        RequireUtc(now);
        var from = Status;
        Status = row.To;
        Record(from.ToString(), row.To.ToString(), row.Trigger.ToString(), actor, now, opinion, row.Article, attachmentIds);
    }
}
