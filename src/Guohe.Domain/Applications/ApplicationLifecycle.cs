using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Applications;

/// <summary>The states of an application (SPEC §2.1; Art. 10, 11).</summary>
public enum ApplicationStatus
{
    /// <summary>草稿: the applicant fills in Form 1.</summary>
    Draft,
    /// <summary>待推荐: waiting for the recommender's opinion (Art. 11(1)).</summary>
    AwaitingRecommendation,
    /// <summary>已提交: waiting for the office's preliminary review (Art. 11(2), 11(3)).</summary>
    Submitted,
    /// <summary>退回修改: the office returned it; the applicant revises and submits again (Art. 11(3)).</summary>
    ReturnedForRevision,
    /// <summary>初审未通过 (Art. 11(3)).</summary>
    PreliminaryRejected,
    /// <summary>初审通过 (Art. 11(3)).</summary>
    PreliminaryPassed,
    /// <summary>实地调研中 (Art. 11(4)).</summary>
    SiteVisit,
    /// <summary>专家意见齐备 (Art. 11(5)).</summary>
    OpinionsComplete,
    /// <summary>拟批准: the review-opinion letter recommends approval; waiting for the associations (Art. 11(6)).</summary>
    ProposedForApproval,
    /// <summary>已批准: pilot title granted (Art. 11(6)).</summary>
    Approved,
    /// <summary>未批准 (Art. 11(6)).</summary>
    NotApproved,
    /// <summary>已撤回 by the applicant (Art. 3: voluntary).</summary>
    Withdrawn,
}

/// <summary>What can happen to an application.</summary>
public enum ApplicationTrigger
{
    Edit,
    SubmitSelfApplied,
    SubmitForRecommendation,
    Endorse,
    Decline,
    PassPreliminaryReview,
    ReturnForRevision,
    RejectPreliminaryReview,
    RecordPaperCopies,
    ScheduleSiteVisit,
    CompleteOpinions,
    ProposeApproval,
    IssueNonApproval,
    Approve,
    Withdraw,
}

/// <summary>The application's transition table (SPEC §2.1). Approve is applied only by a confirmed <c>Decision</c> of kind GrantPilot.</summary>
public static class ApplicationLifecycle
{
    private const ApplicationStatus Draft = ApplicationStatus.Draft;
    private const ApplicationStatus Awaiting = ApplicationStatus.AwaitingRecommendation;
    private const ApplicationStatus Submitted = ApplicationStatus.Submitted;
    private const ApplicationStatus Returned = ApplicationStatus.ReturnedForRevision;
    private const ApplicationStatus Passed = ApplicationStatus.PreliminaryPassed;
    private const ApplicationStatus Visit = ApplicationStatus.SiteVisit;
    private const ApplicationStatus Opinions = ApplicationStatus.OpinionsComplete;
    private const ApplicationStatus Proposed = ApplicationStatus.ProposedForApproval;

    public static TransitionTable<ApplicationStatus, ApplicationTrigger> Table { get; } = new(
        "Application",
        "申请",
        new TransitionStart<ApplicationStatus>(Draft, "Create", Role.Applicant, Article.Art11_2),
        [
            Row(Draft, ApplicationTrigger.Edit, Draft, Role.Applicant, Article.Art11_2),
            Row(Returned, ApplicationTrigger.Edit, Returned, Role.Applicant, Article.Art11_2),
            Row(Draft, ApplicationTrigger.SubmitSelfApplied, Submitted, Role.Applicant, Article.Art11_2),
            Row(Returned, ApplicationTrigger.SubmitSelfApplied, Submitted, Role.Applicant, Article.Art11_2),
            Row(Draft, ApplicationTrigger.SubmitForRecommendation, Awaiting, Role.Applicant, Article.Art11_1),
            Row(Returned, ApplicationTrigger.SubmitForRecommendation, Awaiting, Role.Applicant, Article.Art11_1),
            Row(Awaiting, ApplicationTrigger.Endorse, Submitted, Role.Recommender, Article.Art11_1),
            Row(Awaiting, ApplicationTrigger.Decline, Draft, Role.Recommender, Article.Art11_1),
            Row(Submitted, ApplicationTrigger.PassPreliminaryReview, Passed, Role.Office, Article.Art11_3),
            Row(Submitted, ApplicationTrigger.ReturnForRevision, Returned, Role.Office, Article.Art11_3),
            Row(Submitted, ApplicationTrigger.RejectPreliminaryReview, ApplicationStatus.PreliminaryRejected, Role.Office, Article.Art11_3),
            Row(Submitted, ApplicationTrigger.RecordPaperCopies, Submitted, Role.Office, Article.Art11_2),
            Row(Passed, ApplicationTrigger.RecordPaperCopies, Passed, Role.Office, Article.Art11_2),
            Row(Visit, ApplicationTrigger.RecordPaperCopies, Visit, Role.Office, Article.Art11_2),
            Row(Opinions, ApplicationTrigger.RecordPaperCopies, Opinions, Role.Office, Article.Art11_2),
            Row(Passed, ApplicationTrigger.ScheduleSiteVisit, Visit, Role.Office, Article.Art11_4),
            Row(Visit, ApplicationTrigger.CompleteOpinions, Opinions, Role.Expert, Article.Art11_5),
            Row(Opinions, ApplicationTrigger.ProposeApproval, Proposed, Role.Office, Article.Art11_6),
            Row(Opinions, ApplicationTrigger.IssueNonApproval, ApplicationStatus.NotApproved, Role.Office, Article.Art11_6),
            Row(Proposed, ApplicationTrigger.IssueNonApproval, ApplicationStatus.NotApproved, Role.Office, Article.Art11_6),
            Row(Proposed, ApplicationTrigger.Approve, ApplicationStatus.Approved, Role.Association, Article.Art11_6),
            Row(Draft, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Awaiting, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Submitted, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Returned, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Passed, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Visit, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Opinions, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
            Row(Proposed, ApplicationTrigger.Withdraw, ApplicationStatus.Withdrawn, Role.Applicant, Article.Art3),
        ],
        new Dictionary<ApplicationStatus, string>
        {
            [Draft] = "草稿",
            [Awaiting] = "待推荐",
            [Submitted] = "已提交",
            [Returned] = "退回修改",
            [ApplicationStatus.PreliminaryRejected] = "初审未通过",
            [Passed] = "初审通过",
            [Visit] = "实地调研",
            [Opinions] = "专家意见齐备",
            [Proposed] = "拟批准",
            [ApplicationStatus.Approved] = "已批准",
            [ApplicationStatus.NotApproved] = "未批准",
            [ApplicationStatus.Withdrawn] = "已撤回",
        },
        new Dictionary<ApplicationTrigger, string>
        {
            [ApplicationTrigger.Edit] = "修改申请表",
            [ApplicationTrigger.SubmitSelfApplied] = "提交（自行申请）",
            [ApplicationTrigger.SubmitForRecommendation] = "提交推荐单位",
            [ApplicationTrigger.Endorse] = "推荐",
            [ApplicationTrigger.Decline] = "不予推荐",
            [ApplicationTrigger.PassPreliminaryReview] = "初审通过",
            [ApplicationTrigger.ReturnForRevision] = "退回修改",
            [ApplicationTrigger.RejectPreliminaryReview] = "初审不通过",
            [ApplicationTrigger.RecordPaperCopies] = "登记纸质材料",
            [ApplicationTrigger.ScheduleSiteVisit] = "安排实地调研",
            [ApplicationTrigger.CompleteOpinions] = "专家意见齐备",
            [ApplicationTrigger.ProposeApproval] = "出具审核意见函（拟批准）",
            [ApplicationTrigger.IssueNonApproval] = "出具审核意见函（不予批准）",
            [ApplicationTrigger.Approve] = "授予试点单位",
            [ApplicationTrigger.Withdraw] = "撤回申请",
        });

    /// <summary>States after which the application is closed: no verb applies any more.</summary>
    public static bool IsClosed(ApplicationStatus status) =>
        status is ApplicationStatus.Approved or ApplicationStatus.NotApproved or ApplicationStatus.PreliminaryRejected or ApplicationStatus.Withdrawn;

    private static TransitionRow<ApplicationStatus, ApplicationTrigger> Row(
        ApplicationStatus from, ApplicationTrigger trigger, ApplicationStatus to, Role role, string article) =>
        new(from, trigger, to, role, article);
}
