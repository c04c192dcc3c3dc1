using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

/// <summary>Whole lifecycles through the verbs, with a clock the test moves.</summary>
public class ScenarioTests
{
    [Fact]
    public void SelfApplied_application_approved_then_two_cycles_acceptance_base_and_three_grades()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var builder = A.Designation(world);
        var (application, designation) = An.Application(world).Approved();

        Assert.Equal(ApplicationStatus.Approved, application.Status);
        Assert.Equal(new DateOnly(2026, 3, 2), designation.RecognitionDate);
        Assert.Equal(new DateOnly(2028, 3, 2), designation.TermEndsOn);
        Assert.Equal(DesignationStatus.Pilot, designation.Status);

        var obligations = world.CreateDueObligations(designation, []);
        Assert.Equal(new DateOnly(2026, 4, 1), Single(obligations, ObligationKind.AnnualPlan, 2026).DueDate);
        Assert.Equal(new DateOnly(2026, 12, 31), Single(obligations, ObligationKind.AnnualSummary, 2026).DueDate);
        Assert.Equal(new DateOnly(2028, 5, 1), Single(obligations, ObligationKind.ConstructionSummary, 2028).DueDate);

        // Year 2026: plan in March, summary in December, both reviewed.
        FileAndReview(world, Single(obligations, ObligationKind.AnnualPlan, 2026), null);
        world.On(new DateOnly(2026, 12, 20));
        FileAndReview(world, Single(obligations, ObligationKind.AnnualSummary, 2026), ReviewConclusion.Pass);
        // Year 2027.
        world.On(new DateOnly(2027, 1, 10));
        world.CreateDueObligations(designation, obligations);
        Assert.Equal(new DateOnly(2027, 1, 31), Single(obligations, ObligationKind.AnnualPlan, 2027).DueDate);
        FileAndReview(world, Single(obligations, ObligationKind.AnnualPlan, 2027), null);
        world.On(new DateOnly(2027, 12, 15));
        FileAndReview(world, Single(obligations, ObligationKind.AnnualSummary, 2027), ReviewConclusion.Pass);
        world.On(new DateOnly(2028, 1, 10));
        world.CreateDueObligations(designation, obligations);
        FileAndReview(world, Single(obligations, ObligationKind.AnnualPlan, 2028), null);

        var review = DynamicManagement.Review([designation], obligations, world.Today);
        Assert.Empty(review.Overdue);
        Assert.Empty(review.Candidates);

        // Acceptance (Art. 13): construction summary after the term, on-site evaluation, base granted.
        world.On(new DateOnly(2028, 3, 5));
        var summary = Single(obligations, ObligationKind.ConstructionSummary, 2028);
        summary.File(People.Applicant, world.Now, World.Form());
        designation.EnterAcceptance(People.Applicant, world.Now, summary);
        Assert.Equal(DesignationStatus.AcceptanceReview, designation.Status);
        var evaluation = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.AcceptanceEvaluation, designation.Id, world.Today.AddDays(10), "现场", "听取工作报告、现场考察、评议会", World.Team());
        evaluation.DeclareNoConflict(People.Expert1, world.Now);
        evaluation.FileOpinion(People.Expert1, world.Now, World.GoodScores, OverallRecommendation.Recommend, "达到基地要求。");
        evaluation.DeclareNoConflict(People.Expert2, world.Now);
        evaluation.FileOpinion(People.Expert2, world.Now, World.GoodScores, OverallRecommendation.Recommend, "达到基地要求。");
        Assert.True(evaluation.AllOpinionsFiled);
        Assert.Equal(Article.Art13_2, evaluation.PendingHistory[^1].Article);
        var grant = Decision.Propose(People.Office, world.Now, DecisionKind.GrantBase, designation, "验收通过。");
        var outcome = grant.Confirm(People.Association2, world.Now, designation);
        Assert.Null(outcome.Ban);
        Assert.Equal(DesignationStatus.Base, designation.Status);
        Assert.Equal(new DateOnly(2028, 3, 5), designation.BaseGrantedOn);

        // Three years of grades (Art. 14) and a commendation.
        world.On(new DateOnly(2028, 12, 28));
        designation.RecordGrade(People.Office, world.Now, 2028, Grade.Pass, "合格。");
        world.On(new DateOnly(2029, 12, 28));
        designation.RecordGrade(People.Office, world.Now, 2029, Grade.Excellent, "优秀。");
        designation.Commend(People.Office, world.Now, 2029, "成效显著。");
        world.On(new DateOnly(2030, 12, 28));
        designation.RecordGrade(People.Office, world.Now, 2030, Grade.Pass, "合格。");

        Assert.Equal([2028, 2029, 2030], designation.Grades.Select(g => g.Year));
        Assert.False(designation.HasTwoConsecutiveFails());
        Assert.Single(designation.Commendations);
        Assert.Equal(Enumerable.Range(1, designation.HistoryLength), designation.PendingHistory.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(1, application.HistoryLength), application.PendingHistory.Select(r => r.Sequence));
        Assert.Equal(Article.Art14, designation.PendingHistory[^1].Article);
        Assert.NotNull(builder);
    }

    [Fact]
    public void Recommended_application_declined_revised_and_endorsed_reaches_the_office()
    {
        var world = new World();
        var application = An.Application(world).AwaitingRecommendation();
        var number = application.Number;
        Assert.Equal(ApplicationStatus.AwaitingRecommendation, application.Status);
        Assert.NotNull(number);

        application.Decline(People.Recommender, world.Now, "请补充海外合作平台情况。");
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Equal("请补充海外合作平台情况。", application.RecommendationOpinion);
        Assert.Equal("请补充海外合作平台情况。", application.PendingHistory[^1].Opinion);

        world.AdvanceDays(3);
        var revised = World.CompleteForm(ApplicationRoute.Recommended) with
        {
            Introduction = new ApplicantIntroduction("目标", "渠道", "业绩", "新加坡海外基地已于2025年设立"),
        };
        application.EditDraft(People.Applicant, world.Now, revised);
        application.Submit(People.Applicant, world.Now, world.Context());
        application.Endorse(People.Recommender, world.Now, "同意推荐。");

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(number, application.Number);
        Assert.Equal(
            ["Create", "Edit", "SubmitForRecommendation", "Decline", "Edit", "SubmitForRecommendation", "Endorse"],
            application.PendingHistory.Select(r => r.Trigger));
    }

    [Fact]
    public void Preliminary_review_returned_application_is_revised_and_resubmitted()
    {
        var world = new World();
        var application = An.Application(world).ReturnedForRevision();
        Assert.Equal(ApplicationStatus.ReturnedForRevision, application.Status);
        Assert.Equal(Article.Art11_3, application.PendingHistory[^1].Article);

        application.EditDraft(People.Applicant, world.Now, World.CompleteForm() with { Countries = ["DE", "SG", "IL", "FI"] });
        application.Submit(People.Applicant, world.Now, world.Context());
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(4, application.Countries.Count);

        application.PassPreliminaryReview(People.Office, world.Now, "通过。");
        Assert.Equal(ApplicationStatus.PreliminaryPassed, application.Status);
    }

    [Fact]
    public void Pilot_missing_annual_summary_is_disqualified_after_a_rejected_proposal_and_banned_for_two_years()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var (application, designation) = An.Application(world).Approved();
        var obligations = world.CreateDueObligations(designation, []);
        FileAndReview(world, Single(obligations, ObligationKind.AnnualPlan, 2026), null);

        world.On(new DateOnly(2026, 12, 31));
        Assert.Empty(DynamicManagement.Review([designation], obligations, world.Today).Overdue);

        world.On(new DateOnly(2027, 1, 5));
        world.CreateDueObligations(designation, obligations);
        var review = DynamicManagement.Review([designation], obligations, world.Today);
        var overdue = Assert.Single(review.Overdue);
        Assert.Equal((ObligationKind.AnnualSummary, 2026, 5), (overdue.Kind, overdue.Year, overdue.DaysOverdue));
        var candidate = Assert.Single(review.Candidates);
        Assert.Equal((CancellationRule.MissingFiling, DecisionKind.DisqualifyPilot, Article.Art12_4), (candidate.Rule, candidate.SuggestedDecision, candidate.Article));
        Assert.Equal(DesignationStatus.Pilot, designation.Status); // the system never cancels by itself

        var first = Decision.Propose(People.Office, world.Now, candidate.SuggestedDecision, designation, "未按期提交2026年度工作总结。");
        first.Reject(People.Association, world.Now, "请先书面督促一次。");
        Assert.Equal(DecisionStatus.Rejected, first.Status);
        Assert.Equal(DesignationStatus.Pilot, designation.Status);

        world.On(new DateOnly(2027, 2, 10));
        var second = Decision.Propose(People.Office, world.Now, DecisionKind.DisqualifyPilot, designation, "督促后仍未提交2026年度工作总结。");
        var outcome = second.Confirm(People.Association2, world.Now, designation);

        Assert.Equal(DesignationStatus.Disqualified, designation.Status);
        var ban = outcome.Ban!;
        Assert.Equal(second.Id, ban.DecisionId);
        Assert.Equal(designation.Uscc, ban.Uscc);
        Assert.Equal(new DateOnly(2027, 2, 10), ban.StartsOn);
        Assert.Equal(new DateOnly(2029, 2, 10), ban.EndsOn);
        Assert.Equal(Article.Art12_4, ban.Article);
        Assert.Empty(DynamicManagement.Review([designation], obligations, world.Today).Candidates);

        // One day before the ban ends: refused, with the end date in the message.
        world.On(new DateOnly(2029, 2, 9));
        world.OpenBatch(2029);
        var again = An.Application(world).Draft();
        var problems = again.CheckSubmit(world.Now, world.Context(ban));
        var problem = Assert.Single(problems);
        Assert.Equal("submit.banned", problem.Code);
        Assert.Contains("2029年2月10日", problem.Zh, StringComparison.Ordinal);
        Assert.Contains("2029-02-10", problem.En, StringComparison.Ordinal);
        var ex = Assert.Throws<DomainException>(() => again.Submit(People.Applicant, world.Now, world.Context(ban)));
        Assert.Equal("submit.banned", ex.Problem.Code);
        Assert.Equal(ApplicationStatus.Draft, again.Status);

        // On the day it ends: accepted.
        world.On(new DateOnly(2029, 2, 10));
        again.Submit(People.Applicant, world.Now, world.Context(ban));
        Assert.Equal(ApplicationStatus.Submitted, again.Status);
        Assert.False(application.IsOpen);
    }

    [Fact]
    public void Acceptance_extended_once_then_base_granted()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var builder = A.Designation(world);
        var designation = builder.Extended();

        Assert.Equal(DesignationStatus.Extended, designation.Status);
        Assert.Equal(1, designation.ExtensionCount);
        Assert.Equal(new DateOnly(2029, 3, 2), designation.TermEndsOn);
        var due = ObligationPlanner.Expected(designation, world.Today, ObligationRules.Default);
        Assert.Contains(due, d => d.Kind == ObligationKind.ConstructionSummary && d.Year == 2029 && d.DueDate == new DateOnly(2029, 5, 1));

        builder.EnterAcceptance(designation);
        Assert.Equal(DesignationStatus.AcceptanceReview, designation.Status);
        builder.Decide(designation, DecisionKind.GrantBase, "延长期满验收通过。");

        Assert.Equal(DesignationStatus.Base, designation.Status);
    }

    [Fact]
    public void Acceptance_second_extension_is_refused()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var builder = A.Designation(world);
        var designation = builder.EnterAcceptance(builder.Extended());

        var ex = Assert.Throws<DomainException>(() => Decision.Propose(People.Office, world.Now, DecisionKind.Extend, designation, "再延长一年。"));

        Assert.Equal("designation.extension.max", ex.Problem.Code);
        Assert.Equal(DesignationStatus.AcceptanceReview, designation.Status);
        Assert.Equal(1, designation.ExtensionCount);
    }

    [Fact]
    public void Acceptance_second_extension_is_allowed_when_configured()
    {
        var world = new World(World.Utc(2026, 3, 2)) { Rules = new DesignationRules(MaxExtensions: 2) };
        var builder = A.Designation(world);
        var designation = builder.EnterAcceptance(builder.Extended());

        builder.Decide(designation, DecisionKind.Extend, "再延长一年。");

        Assert.Equal((DesignationStatus.Extended, 2), (designation.Status, designation.ExtensionCount));
    }

    [Fact]
    public void Base_failing_two_consecutive_years_is_revoked_with_a_ban()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var builder = A.Designation(world);
        var designation = builder.Base();
        designation.RecordGrade(People.Office, world.Now, world.Today.Year, Grade.Fail, "不合格。");
        Assert.Throws<DomainException>(() => Decision.Propose(People.Office, world.Now, DecisionKind.RevokeBase, designation, "连续两年不合格。", RevocationGround.TwoConsecutiveFails));
        world.AdvanceDays(366);
        designation.RecordGrade(People.Office, world.Now, world.Today.Year, Grade.Fail, "不合格。");

        var candidate = Assert.Single(DynamicManagement.Review([designation], [], world.Today).Candidates);
        Assert.Equal((CancellationRule.TwoConsecutiveFails, Article.Art14), (candidate.Rule, candidate.Article));

        var outcome = builder.Decide(designation, DecisionKind.RevokeBase, "连续两年考核不合格。", RevocationGround.TwoConsecutiveFails);

        Assert.Equal(DesignationStatus.Revoked, designation.Status);
        Assert.Equal(Article.Art14, outcome.Ban!.Article);
        Assert.Equal(world.Today.AddYears(2), outcome.Ban.EndsOn);
    }

    [Fact]
    public void Base_with_fails_not_consecutive_cannot_be_noticed()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var designation = A.Designation(world).Base();
        designation.RecordGrade(People.Office, world.Now, 2028, Grade.Fail, "不合格。");
        world.On(new DateOnly(2030, 12, 1));
        designation.RecordGrade(People.Office, world.Now, 2030, Grade.Fail, "不合格。");

        var ex = Assert.Throws<DomainException>(() => Decision.Propose(People.Office, world.Now, DecisionKind.PublicNotice, designation, "通报。"));

        Assert.Equal("designation.fails", ex.Problem.Code);
    }

    [Fact]
    public void Base_serious_violation_is_revoked_directly()
    {
        var world = new World();
        var builder = A.Designation(world);
        var designation = builder.Base();

        var outcome = builder.Decide(designation, DecisionKind.RevokeBase, "出现严重违纪违规行为。", RevocationGround.SeriousViolation);

        Assert.Equal(DesignationStatus.Revoked, designation.Status);
        Assert.Empty(designation.Grades);
        Assert.NotNull(outcome.Ban);
        Assert.Equal(world.Today, designation.EndedOn);
    }

    [Fact]
    public void Base_two_consecutive_fails_allow_a_public_notice()
    {
        var world = new World();
        var builder = A.Designation(world);
        var designation = builder.Base(withTwoFails: true);

        var outcome = builder.Decide(designation, DecisionKind.PublicNotice, "连续两年考核不合格，予以通报。");

        Assert.Equal(DesignationStatus.Base, designation.Status);
        Assert.Single(designation.PublicNotices);
        Assert.Null(outcome.Ban);
    }

    [Fact]
    public void Decision_proposer_confirming_own_decision_is_refused()
    {
        var world = new World();
        var designation = A.Designation(world).Pilot();
        var decision = Decision.Propose(People.Office, world.Now, DecisionKind.DisqualifyPilot, designation, "未提交年度计划。");
        var samePersonAsApprover = People.Office with { Role = Role.Association };

        var confirm = Assert.Throws<DomainException>(() => decision.Confirm(samePersonAsApprover, world.Now, designation));
        var reject = Assert.Throws<DomainException>(() => decision.Reject(samePersonAsApprover, world.Now, "撤回。"));

        Assert.Equal("decision.same-person", confirm.Problem.Code);
        Assert.Equal("decision.same-person", reject.Problem.Code);
        Assert.Equal(DecisionStatus.Proposed, decision.Status);
        Assert.Equal(DesignationStatus.Pilot, designation.Status);
        Assert.Equal(1, decision.HistoryLength);
    }

    [Fact]
    public void Decision_confirmed_against_another_target_is_refused()
    {
        var world = new World();
        var one = A.Designation(world).Pilot();
        var other = A.Designation(new World()).Pilot();
        var decision = Decision.Propose(People.Office, world.Now, DecisionKind.DisqualifyPilot, one, "理由。");

        var ex = Assert.Throws<DomainException>(() => decision.Confirm(People.Association, world.Now, other));

        Assert.Equal("decision.target", ex.Problem.Code);
        Assert.Equal(DesignationStatus.Pilot, other.Status);
    }

    private static Obligation Single(List<Obligation> obligations, ObligationKind kind, int year) =>
        obligations.Single(o => o.Kind == kind && o.Year == year);

    private static void FileAndReview(World world, Obligation obligation, ReviewConclusion? conclusion)
    {
        obligation.File(People.Applicant, world.Now, World.Form());
        obligation.Review(People.Office, world.Now, "同意。", conclusion);
        Assert.Equal(ObligationStatus.Reviewed, obligation.Status);
    }
}
