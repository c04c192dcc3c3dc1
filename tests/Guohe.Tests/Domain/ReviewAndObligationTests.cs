using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;

namespace Guohe.Tests.Domain;

public class ReviewAndObligationTests
{
    [Fact]
    public void SiteVisit_team_without_exactly_one_leader_is_refused()
    {
        var world = new World();
        IReadOnlyList<ExpertAssignment> twoLeaders =
        [
            new(People.Expert1.UserId, People.Expert1.Name, true),
            new(People.Expert2.UserId, People.Expert2.Name, true),
        ];

        var ex = Assert.Throws<DomainException>(() => SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.ApplicationReview, Guid.NewGuid(), world.Today, "现场", null, twoLeaders));

        Assert.Equal("sitevisit.leader", ex.Problem.Code);
    }

    [Fact]
    public void ExpertOpinion_filed_is_locked_and_amendment_keeps_the_old_revision()
    {
        var world = new World();
        var visit = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.ApplicationReview, Guid.NewGuid(), world.Today, "现场", null, World.Team());
        visit.DeclareNoConflict(People.Expert1, world.Now);
        var first = visit.FileOpinion(People.Expert1, world.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。");

        var again = Assert.Throws<DomainException>(() => visit.FileOpinion(People.Expert1, world.Now, World.GoodScores, OverallRecommendation.NotRecommend, "改主意。"));
        var amended = visit.AmendOpinion(People.Expert1, world.Now, new ExpertScores(10, 10, 10, 10), OverallRecommendation.RecommendWithConditions, "有条件同意。", "补充核实后修订。");

        Assert.Equal("opinion.filed", again.Problem.Code);
        Assert.Equal((1, 2), (first.Revision, amended.Revision));
        Assert.Equal(OverallRecommendation.Recommend, first.Recommendation);
        Assert.Equal(86, first.Scores().Total);
        Assert.Same(amended, visit.CurrentOpinionOf(People.Expert1.UserId));
        Assert.Equal(2, visit.Opinions.Count);
        Assert.False(visit.AllOpinionsFiled);
    }

    [Fact]
    public void ExpertOpinion_scores_out_of_range_and_unassigned_experts_are_refused()
    {
        var world = new World();
        var visit = SiteVisit.Schedule(People.Office, world.Now, SiteVisitPurpose.AcceptanceEvaluation, Guid.NewGuid(), world.Today, "现场", null, World.Team());

        var undeclared = Assert.Throws<DomainException>(() => visit.FileOpinion(People.Expert1, world.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。"));
        visit.DeclareNoConflict(People.Expert1, world.Now);
        var scores = Assert.Throws<DomainException>(() => visit.FileOpinion(People.Expert1, world.Now, new ExpertScores(26, 0, -1, 25), OverallRecommendation.Recommend, "同意。"));
        var stranger = Assert.Throws<DomainException>(() => visit.FileOpinion(People.Expert3, world.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。"));

        Assert.Equal("opinion.declaration", undeclared.Problem.Code);
        Assert.Equal(2, scores.Problems.Count);
        Assert.Equal("opinion.assigned", stranger.Problem.Code);
        Assert.Empty(visit.Opinions);
        Assert.Equal(2, visit.HistoryLength); // scheduled, declared; nothing from the refused filings
    }

    [Fact]
    public void Obligation_overdue_is_derived_from_due_date_and_today()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var designation = A.Designation(world).Pilot();
        var plan = world.CreateDueObligations(designation, []).Single(o => o.Kind == ObligationKind.AnnualPlan);

        Assert.False(plan.IsOverdue(new DateOnly(2026, 4, 1)));
        Assert.True(plan.IsOverdue(new DateOnly(2026, 4, 2)));
        Assert.Equal(ObligationStatus.Open, plan.Status);
    }

    [Fact]
    public void Obligation_deadline_extended_by_the_office_is_no_longer_overdue()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var designation = A.Designation(world).Pilot();
        var plan = world.CreateDueObligations(designation, []).Single(o => o.Kind == ObligationKind.AnnualPlan);

        plan.ExtendDeadline(People.Office, world.Now, new DateOnly(2026, 4, 30), "单位负责人变更。");

        Assert.False(plan.IsOverdue(new DateOnly(2026, 4, 20)));
        Assert.Equal(new DateOnly(2026, 4, 1), plan.OriginalDueDate);
        Assert.Equal("ExtendDeadline", plan.PendingHistory[^1].Trigger);
        Assert.Throws<DomainException>(() => plan.ExtendDeadline(People.Applicant, world.Now, new DateOnly(2026, 5, 30), "自己延期。"));
    }

    [Fact]
    public void Obligation_summary_review_needs_a_conclusion_and_plan_not_executed_makes_a_candidate()
    {
        var world = new World(World.Utc(2026, 3, 2));
        var designation = A.Designation(world).Pilot();
        var obligations = world.CreateDueObligations(designation, []);
        var summary = obligations.Single(o => o.Kind == ObligationKind.AnnualSummary);
        summary.File(People.Applicant, world.Now, World.Form());

        Assert.Throws<DomainException>(() => summary.Review(People.Office, world.Now, "意见。", null));
        summary.Review(People.Office, world.Now, "计划未执行。", ReviewConclusion.PlanNotExecuted);

        var candidate = Assert.Single(DynamicManagement.Review([designation], obligations, world.Today).Candidates);
        Assert.Equal(CancellationRule.PlanNotExecuted, candidate.Rule);
    }

    [Fact]
    public void ObligationPlanner_is_idempotent_and_follows_the_default_rules()
    {
        var world = new World(World.Utc(2026, 12, 20));
        world.OpenBatch(2026);
        var designation = A.Designation(world).Pilot();
        world.On(new DateOnly(2027, 1, 2));

        var obligations = world.CreateDueObligations(designation, []);
        var second = ObligationPlanner.Missing(designation, obligations, world.Today, ObligationRules.Default);

        Assert.Empty(second);
        Assert.Equal(new DateOnly(2027, 1, 19), obligations.Single(o => o is { Kind: ObligationKind.AnnualPlan, Year: 2026 }).DueDate);
        Assert.Equal(new DateOnly(2027, 1, 31), obligations.Single(o => o is { Kind: ObligationKind.AnnualPlan, Year: 2027 }).DueDate);
        Assert.Equal(new DateOnly(2027, 12, 31), obligations.Single(o => o is { Kind: ObligationKind.AnnualSummary, Year: 2027 }).DueDate);
    }

    [Fact]
    public void ChinaTime_date_of_late_utc_evening_is_the_next_china_day()
    {
        Assert.Equal(new DateOnly(2027, 1, 1), ChinaTime.DateOf(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateOnly(2026, 12, 31), ChinaTime.DateOf(new DateTime(2026, 12, 31, 15, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), ChinaTime.StartOfDayUtc(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Article_renders_chinese_citation()
    {
        Assert.Equal("第十一条第（三）项", Guohe.Domain.History.Article.Zh("Art. 11(3)"));
        Assert.Equal("第十四条", Guohe.Domain.History.Article.Zh("Art. 14"));
    }
}
