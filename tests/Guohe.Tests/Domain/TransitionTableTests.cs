using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

/// <summary>Every row of every table moves and records once; every other (state, trigger) pair and every wrong role is refused and records nothing.</summary>
public class TransitionTableTests
{
    public static TheoryData<ApplicationStatus, ApplicationTrigger> ApplicationRows() =>
        Rows(ApplicationLifecycle.Table);

    public static TheoryData<ApplicationStatus, ApplicationTrigger> ApplicationPairsNotInTable() =>
        PairsNotInTable(ApplicationLifecycle.Table);

    public static TheoryData<ApplicationStatus, ApplicationTrigger, Role> ApplicationWrongRoles() =>
        WrongRoles(ApplicationLifecycle.Table);

    public static TheoryData<DesignationStatus, DesignationTrigger> DesignationRows() =>
        Rows(DesignationLifecycle.Table);

    public static TheoryData<DesignationStatus, DesignationTrigger> DesignationPairsNotInTable() =>
        PairsNotInTable(DesignationLifecycle.Table);

    public static TheoryData<DesignationStatus, DesignationTrigger, Role> DesignationWrongRoles() =>
        WrongRoles(DesignationLifecycle.Table);

    public static TheoryData<DecisionStatus, DecisionTrigger> DecisionRows() =>
        Rows(DecisionLifecycle.Table);

    public static TheoryData<DecisionStatus, DecisionTrigger> DecisionPairsNotInTable() =>
        PairsNotInTable(DecisionLifecycle.Table);

    public static TheoryData<DecisionStatus, DecisionTrigger, Role> DecisionWrongRoles() =>
        WrongRoles(DecisionLifecycle.Table);

    [Theory]
    [MemberData(nameof(ApplicationRows))]
    public void Application_row_moves_and_records_once(ApplicationStatus from, ApplicationTrigger trigger)
    {
        var row = ApplicationLifecycle.Table.Find(from, trigger)!;
        var world = new World();
        var application = ApplicationIn(world, from, trigger);
        var before = application.HistoryLength;

        FireApplication(world, application, trigger, People.For(row.Role));

        Assert.Equal(row.To, application.Status);
        AssertOneRecord(application, before, row.From.ToString(), row.To.ToString(), trigger.ToString(), row.Role, row.Article);
    }

    [Theory]
    [MemberData(nameof(ApplicationPairsNotInTable))]
    public void Application_pair_not_in_table_throws_and_records_nothing(ApplicationStatus from, ApplicationTrigger trigger)
    {
        var world = new World();
        var application = ApplicationIn(world, from, trigger);
        var before = application.HistoryLength;
        var role = ApplicationLifecycle.Table.Rows.FirstOrDefault(r => r.Trigger == trigger)?.Role ?? Role.Office;

        Assert.Throws<DomainException>(() => FireApplication(world, application, trigger, People.For(role)));

        Assert.Equal(from, application.Status);
        Assert.Equal(before, application.HistoryLength);
    }

    [Theory]
    [MemberData(nameof(ApplicationWrongRoles))]
    public void Application_row_by_wrong_role_throws_and_records_nothing(ApplicationStatus from, ApplicationTrigger trigger, Role role)
    {
        var world = new World();
        var application = ApplicationIn(world, from, trigger);
        var before = application.HistoryLength;

        var ex = Assert.Throws<DomainException>(() => FireApplication(world, application, trigger, People.For(role)));

        Assert.Contains("role", ex.Problem.Code, StringComparison.Ordinal);
        Assert.Equal(from, application.Status);
        Assert.Equal(before, application.HistoryLength);
    }

    [Theory]
    [MemberData(nameof(DesignationRows))]
    public void Designation_row_moves_and_records_once(DesignationStatus from, DesignationTrigger trigger)
    {
        var row = DesignationLifecycle.Table.Find(from, trigger)!;
        var builder = A.Designation();
        var designation = builder.InState(from, withTwoFails: trigger == DesignationTrigger.IssuePublicNotice);
        var before = designation.HistoryLength;

        FireDesignation(builder, designation, trigger, People.For(row.Role));

        Assert.Equal(row.To, designation.Status);
        AssertOneRecord(designation, before, row.From.ToString(), row.To.ToString(), trigger.ToString(), row.Role, row.Article);
    }

    [Theory]
    [MemberData(nameof(DesignationPairsNotInTable))]
    public void Designation_pair_not_in_table_throws_and_records_nothing(DesignationStatus from, DesignationTrigger trigger)
    {
        var builder = A.Designation();
        var designation = builder.InState(from, withTwoFails: true);
        var before = designation.HistoryLength;
        var role = DesignationLifecycle.Table.Rows.First(r => r.Trigger == trigger).Role;

        Assert.Throws<DomainException>(() => FireDesignation(builder, designation, trigger, People.For(role)));

        Assert.Equal(from, designation.Status);
        Assert.Equal(before, designation.HistoryLength);
    }

    [Theory]
    [MemberData(nameof(DesignationWrongRoles))]
    public void Designation_row_by_wrong_role_throws_and_records_nothing(DesignationStatus from, DesignationTrigger trigger, Role role)
    {
        var builder = A.Designation();
        var designation = builder.InState(from, withTwoFails: trigger == DesignationTrigger.IssuePublicNotice);
        var before = designation.HistoryLength;

        var ex = Assert.Throws<DomainException>(() => FireDesignation(builder, designation, trigger, People.For(role)));

        Assert.Contains("role", ex.Problem.Code, StringComparison.Ordinal);
        Assert.Equal(from, designation.Status);
        Assert.Equal(before, designation.HistoryLength);
    }

    [Theory]
    [MemberData(nameof(DecisionRows))]
    public void Decision_row_moves_and_records_once_citing_the_decision_article(DecisionStatus from, DecisionTrigger trigger)
    {
        var row = DecisionLifecycle.Table.Find(from, trigger)!;
        var (builder, designation, decision) = DecisionIn(from);
        var before = decision.HistoryLength;

        FireDecision(decision, designation, trigger, People.For(row.Role));

        Assert.Equal(row.To, decision.Status);
        AssertOneRecord(decision, before, row.From.ToString(), row.To.ToString(), trigger.ToString(), row.Role, decision.Article);
        Assert.Equal(Article.Art12_4, decision.Article);
        Assert.NotNull(builder);
    }

    [Theory]
    [MemberData(nameof(DecisionPairsNotInTable))]
    public void Decision_pair_not_in_table_throws_and_records_nothing(DecisionStatus from, DecisionTrigger trigger)
    {
        var (_, designation, decision) = DecisionIn(from);
        var before = decision.HistoryLength;
        var designationBefore = designation.HistoryLength;

        Assert.Throws<DomainException>(() => FireDecision(decision, designation, trigger, People.Association2));

        Assert.Equal(from, decision.Status);
        Assert.Equal(before, decision.HistoryLength);
        Assert.Equal(designationBefore, designation.HistoryLength);
    }

    [Theory]
    [MemberData(nameof(DecisionWrongRoles))]
    public void Decision_row_by_wrong_role_throws_and_records_nothing(DecisionStatus from, DecisionTrigger trigger, Role role)
    {
        var (_, designation, decision) = DecisionIn(from);
        var before = decision.HistoryLength;
        var designationBefore = designation.HistoryLength;

        var ex = Assert.Throws<DomainException>(() => FireDecision(decision, designation, trigger, People.For(role)));

        Assert.Contains("role", ex.Problem.Code, StringComparison.Ordinal);
        Assert.Equal(from, decision.Status);
        Assert.Equal(before, decision.HistoryLength);
        Assert.Equal(designationBefore, designation.HistoryLength);
    }

    [Fact]
    public void Tables_every_row_cites_a_known_article()
    {
        var articles = ApplicationLifecycle.Table.Rows.Select(r => r.Article)
            .Concat(DesignationLifecycle.Table.Rows.Select(r => r.Article))
            .Concat(ApplicationLifecycle.Table.Starts.Select(s => s.Article))
            .Concat(DesignationLifecycle.Table.Starts.Select(s => s.Article))
            .Concat(DecisionLifecycle.Table.Starts.Select(s => s.Article));

        Assert.All(articles, a => Assert.Contains(a, Article.All));
        Assert.All(DecisionLifecycle.Table.Rows, r => Assert.All(r.Article.Replace("Art. ", "", StringComparison.Ordinal).Split(", "), a => Assert.Contains("Art. " + a, Article.All)));
    }

    private static Application ApplicationIn(World world, ApplicationStatus from, ApplicationTrigger trigger)
    {
        var route = trigger == ApplicationTrigger.SubmitForRecommendation ? ApplicationRoute.Recommended : ApplicationRoute.SelfApplied;
        return An.Application(world).Route(route).InState(from);
    }

    private static void FireApplication(World world, Application application, ApplicationTrigger trigger, Actor actor)
    {
        var now = world.Now;
        switch (trigger)
        {
            case ApplicationTrigger.Edit:
                application.EditDraft(actor, now, World.CompleteForm(application.Route));
                break;
            case ApplicationTrigger.SubmitSelfApplied:
            case ApplicationTrigger.SubmitForRecommendation:
                application.Submit(actor, now, world.Context());
                break;
            case ApplicationTrigger.Endorse:
                application.Endorse(actor, now, "同意推荐。");
                break;
            case ApplicationTrigger.Decline:
                application.Decline(actor, now, "不予推荐。");
                break;
            case ApplicationTrigger.PassPreliminaryReview:
                application.PassPreliminaryReview(actor, now, "通过。");
                break;
            case ApplicationTrigger.ReturnForRevision:
                application.ReturnForRevision(actor, now, "请修改。");
                break;
            case ApplicationTrigger.RejectPreliminaryReview:
                application.RejectPreliminaryReview(actor, now, "不通过。");
                break;
            case ApplicationTrigger.RecordPaperCopies:
                application.RecordPaperCopies(actor, now, world.Today);
                break;
            case ApplicationTrigger.ScheduleSiteVisit:
                var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, application.Id, world.Today.AddDays(7), "现场", null, World.Team());
                application.ScheduleSiteVisit(actor, now, visit);
                break;
            case ApplicationTrigger.CompleteOpinions:
                var filed = application.SiteVisitId is null ? FiledVisit(world, application) : world.VisitOf(application.Id);
                application.CompleteOpinions(actor, now, filed);
                break;
            case ApplicationTrigger.ProposeApproval:
                application.ProposeApproval(actor, now, "建议批准。");
                break;
            case ApplicationTrigger.IssueNonApproval:
                application.IssueNonApproval(actor, now, "不予批准。");
                break;
            case ApplicationTrigger.Approve:
                var decision = Decision.ProposeGrantPilot(People.Office2, now, application, "同意授予。");
                decision.Confirm(actor, now, application, DesignationRules.Default);
                break;
            case ApplicationTrigger.Withdraw:
                application.Withdraw(actor, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trigger));
        }
    }

    private static SiteVisit FiledVisit(World world, Application application)
    {
        var visit = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.ApplicationReview, application.Id, world.Today, "现场", null, World.Team());
        visit.DeclareNoConflict(People.Expert1, world.Now);
        visit.FileOpinion(People.Expert1, world.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
        visit.DeclareNoConflict(People.Expert2, world.Now);
        visit.FileOpinion(People.Expert2, world.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
        return visit;
    }

    private static void FireDesignation(DesignationBuilder builder, Designation designation, DesignationTrigger trigger, Actor actor)
    {
        var world = builder.World;
        switch (trigger)
        {
            case DesignationTrigger.EnterAcceptance:
                var summary = Obligation.Create(People.Office, world.Now, designation,
                    new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Article.Art13_1));
                summary.File(People.Applicant, world.Now, World.Form());
                if (world.Today < designation.TermEndsOn)
                {
                    world.On(designation.TermEndsOn);
                }
                designation.EnterAcceptance(actor, world.Now, summary);
                break;
            case DesignationTrigger.RecordGrade:
                designation.RecordGrade(actor, world.Now, world.Today.Year, Grade.Pass, "合格。");
                break;
            case DesignationTrigger.Commend:
                designation.Commend(actor, world.Now, world.Today.Year, "成效显著，予以表彰。");
                break;
            default:
                var kind = trigger switch
                {
                    DesignationTrigger.GrantBase => DecisionKind.GrantBase,
                    DesignationTrigger.Extend => DecisionKind.Extend,
                    DesignationTrigger.Cancel => DecisionKind.CancelPilot,
                    DesignationTrigger.Disqualify => DecisionKind.DisqualifyPilot,
                    DesignationTrigger.IssuePublicNotice => DecisionKind.PublicNotice,
                    _ => DecisionKind.RevokeBase,
                };
                var decision = Decision.Propose(People.Office2, world.Now, kind, designation, "理由。", RevocationGround.SeriousViolation);
                decision.Confirm(actor, world.Now, designation);
                break;
        }
    }

    private static (DesignationBuilder Builder, Designation Designation, Decision Decision) DecisionIn(DecisionStatus status)
    {
        var builder = A.Designation();
        var designation = builder.Pilot();
        var decision = Decision.Propose(People.Office, builder.World.Now, DecisionKind.DisqualifyPilot, designation, "未按时提交年度总结。");
        switch (status)
        {
            case DecisionStatus.Confirmed:
                decision.Confirm(People.Association, builder.World.Now, designation);
                break;
            case DecisionStatus.Rejected:
                decision.Reject(People.Association, builder.World.Now, "证据不足。");
                break;
        }
        return (builder, designation, decision);
    }

    private static void FireDecision(Decision decision, Designation designation, DecisionTrigger trigger, Actor actor)
    {
        if (trigger == DecisionTrigger.Confirm)
        {
            decision.Confirm(actor, DateTime.SpecifyKind(decision.ProposedAtUtc.AddHours(1), DateTimeKind.Utc), designation);
        }
        else
        {
            decision.Reject(actor, DateTime.SpecifyKind(decision.ProposedAtUtc.AddHours(1), DateTimeKind.Utc), "不同意。");
        }
    }

    private static void AssertOneRecord(IHasHistory aggregate, int before, string from, string to, string trigger, Role role, string article)
    {
        Assert.Equal(before + 1, aggregate.HistoryLength);
        var record = aggregate.PendingHistory[^1];
        Assert.Equal(before + 1, record.Sequence);
        Assert.Equal(aggregate.Id, record.AggregateId);
        Assert.Equal(from, record.From);
        Assert.Equal(to, record.To);
        Assert.Equal(trigger, record.Trigger);
        Assert.Equal(role, record.Role);
        Assert.Equal(article, record.Article);
    }

    private static TheoryData<TState, TTrigger> Rows<TState, TTrigger>(TransitionTable<TState, TTrigger> table)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var data = new TheoryData<TState, TTrigger>();
        foreach (var row in table.Rows)
        {
            data.Add(row.From, row.Trigger);
        }
        return data;
    }

    private static TheoryData<TState, TTrigger> PairsNotInTable<TState, TTrigger>(TransitionTable<TState, TTrigger> table)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var data = new TheoryData<TState, TTrigger>();
        foreach (var state in Enum.GetValues<TState>())
        {
            foreach (var trigger in Enum.GetValues<TTrigger>())
            {
                if (table.Find(state, trigger) is null)
                {
                    data.Add(state, trigger);
                }
            }
        }
        return data;
    }

    private static TheoryData<TState, TTrigger, Role> WrongRoles<TState, TTrigger>(TransitionTable<TState, TTrigger> table)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var data = new TheoryData<TState, TTrigger, Role>();
        foreach (var row in table.Rows)
        {
            foreach (var role in Enum.GetValues<Role>().Where(r => r != row.Role))
            {
                data.Add(row.From, row.Trigger, role);
            }
        }
        return data;
    }
}
