using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;

namespace Guohe.Domain.Applications;

/// <summary>
/// 申请: one attempt of an organisation to become a pilot unit in a batch (Art. 10, 11; SPEC §2.1), holding every field of
/// Form 1. Its status changes only through the verbs below, each checked against <see cref="ApplicationLifecycle.Table"/>
/// and each appending exactly one history record.
/// </summary>
public sealed class Application : HistoryAggregate
{
    private readonly List<CooperationCountry> _countries = [];
    private readonly List<PersonRow> _mainPersons = [];

    private Application()
    {
        OrganisationName = string.Empty;
    }

    private static TransitionTable<ApplicationStatus, ApplicationTrigger> Table => ApplicationLifecycle.Table;

    public Guid OrganisationId { get; private set; }

    public Uscc Uscc { get; private set; }

    public Guid BatchId { get; private set; }

    /// <summary>编号, assigned at the first submission, e.g. GH-2026-0007.</summary>
    public string? Number { get; private set; }

    public ApplicationStatus Status { get; private set; }

    /// <summary>单位名称 as written on this application.</summary>
    public string OrganisationName { get; private set; }

    /// <summary>The unit profile, copied from the organisation when the application is created and edited here.</summary>
    public UnitProfile Profile { get; private set; } = UnitProfile.Empty;

    /// <summary>已有国际科技合作国家 (any number).</summary>
    public IReadOnlyList<CooperationCountry> Countries => _countries;

    /// <summary>单位负责人（法人代表）.</summary>
    public PersonRow UnitHead { get; private set; } = PersonRow.Empty;

    /// <summary>主要负责人 (rows).</summary>
    public IReadOnlyList<PersonRow> MainPersons => _mainPersons;

    /// <summary>联系人.</summary>
    public PersonRow Contact { get; private set; } = PersonRow.Empty;

    /// <summary>申请单位简介: the four points of Art. 10.</summary>
    public ApplicantIntroduction Introduction { get; private set; } = ApplicantIntroduction.Empty;

    /// <summary>申请单位意见: “我单位自愿申请做为国际科技合作孵化基地试点单位，请予审批。” ticked.</summary>
    public bool Declaration { get; private set; }

    public ApplicationRoute Route { get; private set; }

    /// <summary>The recommending organisation on the recommended route (Art. 11(1)).</summary>
    public Guid? RecommenderOrganisationId { get; private set; }

    /// <summary>区域联络办推荐意见, or the reason for declining.</summary>
    public string? RecommendationOpinion { get; private set; }

    public DateTime? RecommendedAtUtc { get; private set; }

    /// <summary>初审意见 (Art. 11(3)).</summary>
    public string? PreliminaryOpinion { get; private set; }

    public Guid? SiteVisitId { get; private set; }

    /// <summary>审核意见函 (Art. 11(6)): the office's review-opinion letter.</summary>
    public string? ReviewOpinionLetter { get; private set; }

    /// <summary>The confirmed GrantPilot decision, once approved.</summary>
    public Guid? ApprovalDecisionId { get; private set; }

    /// <summary>Date (China) the two stamped paper copies were received.</summary>
    public DateOnly? PaperCopiesReceivedOn { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>Whether the application is still open (counts against "one open application per organisation").</summary>
    public bool IsOpen => !ApplicationLifecycle.IsClosed(Status);

    protected override string AggregateType => Table.Name;

    /// <summary>The applicant starts an application in a batch; the organisation's profile is copied in (Art. 11(2)).</summary>
    public static Application Create(Actor actor, DateTime now, Organisation organisation, Batch batch)
    {
        RequireUtc(now);
        Table.RequireStart(actor);
        var application = new Application
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisation.Id,
            Uscc = organisation.Uscc,
            BatchId = batch.Id,
            OrganisationName = organisation.Name,
            Profile = organisation.Profile with { },
            Contact = new PersonRow(organisation.LiaisonName, string.Empty, string.Empty, organisation.LiaisonEmail, organisation.LiaisonMobile),
            Status = Table.Start.To,
            CreatedAtUtc = now,
        };
        application.Record(string.Empty, Table.Start.To.ToString(), Table.Start.Trigger, actor, now, null, Table.Start.Article);
        return application;
    }

    /// <summary>The current content of Form 1, e.g. to fill the edit page.</summary>
    public ApplicationForm Form() => new(
        OrganisationName, Profile, [.. _countries.Select(c => c.Code)], UnitHead, [.. _mainPersons], Contact,
        Introduction, Declaration, Route, RecommenderOrganisationId);

    /// <summary>Saves Form 1 whole. Allowed in Draft and ReturnedForRevision only; completeness is checked at submit.</summary>
    public void EditDraft(Actor actor, DateTime now, ApplicationForm form)
    {
        var row = Require(ApplicationTrigger.Edit, actor, now);
        OrganisationName = form.OrganisationName.Trim();
        Profile = form.Profile with { };
        _countries.Clear();
        _countries.AddRange(form.Countries
            .Select(c => c.Trim().ToUpperInvariant())
            .Where(c => c.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(c => new CooperationCountry(c)));
        UnitHead = form.UnitHead.Normalised();
        _mainPersons.Clear();
        _mainPersons.AddRange(form.MainPersons.Select(p => p.Normalised()).Where(p => p != PersonRow.Empty));
        Contact = form.Contact.Normalised();
        Introduction = form.Introduction with { };
        Declaration = form.Declaration;
        Route = form.Route;
        RecommenderOrganisationId = form.Route == ApplicationRoute.Recommended ? form.RecommenderOrganisationId : null;
        Apply(row, actor, now, null, null);
    }

    /// <summary>
    /// What stops a submission that the applicant or office can fix: missing Form 1 fields or filing documents, a closed
    /// batch, a unit below provincial level (Art. 10), an active ban with its end date (Art. 12(4), 13(3), 14), or
    /// another open application of the same organisation. Empty when the application may be submitted.
    /// </summary>
    public IReadOnlyList<Problem> CheckSubmit(DateTime now, SubmitContext context)
    {
        var problems = new List<Problem>();
        if (context.Batch.Id != BatchId)
        {
            problems.Add(new Problem("submit.batch", "申报批次不一致，请重新打开申请。", "The batch does not match this application; reopen it.", "BatchId"));
        }
        else if (!context.Batch.IsOpen(now))
        {
            problems.Add(new Problem("submit.batch.closed",
                $"“{context.Batch.Name}”不在申报时间内（{ChinaTime.Zh(ChinaTime.DateOf(context.Batch.OpensAtUtc))}至{ChinaTime.Zh(ChinaTime.DateOf(context.Batch.ClosesAtUtc))}）。",
                $"The batch '{context.Batch.Name}' is not open for submissions ({ChinaTime.Iso(ChinaTime.DateOf(context.Batch.OpensAtUtc))} to {ChinaTime.Iso(ChinaTime.DateOf(context.Batch.ClosesAtUtc))}).",
                "BatchId"));
        }
        if (context.ActiveBan is { } ban && ban.IsActive(ChinaTime.DateOf(now)))
        {
            problems.Add(ban.ToProblem());
        }
        if (context.HasOtherOpenApplication)
        {
            problems.Add(new Problem("submit.open-application",
                "本单位已有一份正在办理的申请，同一单位同时只能有一份申请。",
                "This unit already has an application in progress; only one open application per unit is allowed."));
        }
        problems.AddRange(FormProblems());
        foreach (var kind in Enum.GetValues<FilingDocumentKind>())
        {
            if (!context.DocumentsPresent.Contains(kind))
            {
                problems.Add(MissingDocument(kind));
            }
        }
        return problems;
    }

    /// <summary>
    /// Submits the application (Art. 11(2)): self-applied goes to the office (Submitted), recommended goes to the
    /// recommender first (AwaitingRecommendation, Art. 11(1)). Throws with every problem of <see cref="CheckSubmit"/>.
    /// </summary>
    public void Submit(Actor actor, DateTime now, SubmitContext context, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var trigger = Route == ApplicationRoute.Recommended ? ApplicationTrigger.SubmitForRecommendation : ApplicationTrigger.SubmitSelfApplied;
        var row = Require(trigger, actor, now);
        var problems = CheckSubmit(now, context);
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        Number ??= $"GH-{context.Batch.Year}-{context.NextNumberInBatch:D4}";
        SubmittedAtUtc = now;
        Apply(row, actor, now, null, attachmentIds);
    }

    /// <summary>The recommender endorses the application with its recommendation opinion (Art. 11(1); Form 1 区域联络办推荐意见).</summary>
    public void Endorse(Actor actor, DateTime now, string opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.Endorse, actor, now);
        RecommendationOpinion = RequireText(opinion, "recommendation.opinion", "请填写推荐意见。", "Enter the recommendation opinion.");
        RecommendedAtUtc = now;
        Apply(row, actor, now, RecommendationOpinion, attachmentIds);
    }

    /// <summary>The recommender declines; the application returns to the applicant as a draft with the opinion (Art. 11(1)).</summary>
    public void Decline(Actor actor, DateTime now, string opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.Decline, actor, now);
        RecommendationOpinion = RequireText(opinion, "recommendation.opinion", "请填写不予推荐的理由。", "Enter the reason for declining.");
        RecommendedAtUtc = now;
        Apply(row, actor, now, RecommendationOpinion, attachmentIds);
    }

    /// <summary>The office passes the preliminary review (Art. 11(3)).</summary>
    public void PassPreliminaryReview(Actor actor, DateTime now, string? opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.PassPreliminaryReview, actor, now);
        PreliminaryOpinion = string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim();
        Apply(row, actor, now, PreliminaryOpinion, attachmentIds);
    }

    /// <summary>The office returns the application for revision with its opinion (Art. 11(3)); the applicant edits and submits again.</summary>
    public void ReturnForRevision(Actor actor, DateTime now, string opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.ReturnForRevision, actor, now);
        PreliminaryOpinion = RequireText(opinion, "preliminary.opinion", "请填写退回修改的意见。", "Enter what the applicant must revise.");
        Apply(row, actor, now, PreliminaryOpinion, attachmentIds);
    }

    /// <summary>The office rejects the application at preliminary review with its opinion (Art. 11(3)).</summary>
    public void RejectPreliminaryReview(Actor actor, DateTime now, string opinion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.RejectPreliminaryReview, actor, now);
        PreliminaryOpinion = RequireText(opinion, "preliminary.opinion", "请填写初审不通过的理由。", "Enter the reason for rejecting the application.");
        ClosedAtUtc = now;
        Apply(row, actor, now, PreliminaryOpinion, attachmentIds);
    }

    /// <summary>The office records the receipt of the two stamped paper copies (Form 1 note).</summary>
    public void RecordPaperCopies(Actor actor, DateTime now, DateOnly receivedOn)
    {
        var row = Require(ApplicationTrigger.RecordPaperCopies, actor, now);
        if (receivedOn > ChinaTime.DateOf(now))
        {
            throw new DomainException(new Problem("paper.date", "收到日期不能晚于今天。", "The date received cannot be in the future.", "ReceivedOn"));
        }
        PaperCopiesReceivedOn = receivedOn;
        Apply(row, actor, now, $"纸质材料收到日期 Paper copies received: {ChinaTime.Iso(receivedOn)}", null);
    }

    /// <summary>The office schedules the experts' site visit (Art. 11(4)); the visit was created with <see cref="SiteVisit.Schedule"/>.</summary>
    public void ScheduleSiteVisit(Actor actor, DateTime now, SiteVisit visit)
    {
        var row = Require(ApplicationTrigger.ScheduleSiteVisit, actor, now);
        if (visit.SubjectId != Id || visit.Purpose != SiteVisitPurpose.ApplicationReview)
        {
            throw new DomainException(new Problem("sitevisit.subject", "该实地调研不属于本申请。", "The site visit belongs to another application."));
        }
        SiteVisitId = visit.Id;
        Apply(row, actor, now, $"{ChinaTime.Iso(visit.Date)} {visit.Place}", null);
    }

    /// <summary>
    /// Moves on once every assigned expert has filed a written opinion (Art. 11(5)); called in the same transaction as the
    /// last expert's <see cref="SiteVisit.FileOpinion"/>, acting as that expert.
    /// </summary>
    public void CompleteOpinions(Actor actor, DateTime now, SiteVisit visit)
    {
        var row = Require(ApplicationTrigger.CompleteOpinions, actor, now);
        if (visit.Id != SiteVisitId)
        {
            throw new DomainException(new Problem("sitevisit.subject", "该实地调研不属于本申请。", "The site visit belongs to another application."));
        }
        var missing = visit.ExpertsWithoutOpinion();
        if (missing.Count > 0)
        {
            throw new DomainException(new Problem("opinions.incomplete",
                $"还有{missing.Count}位专家未提交书面审核意见：{string.Join("、", missing.Select(m => m.Name))}。",
                $"{missing.Count} assigned expert(s) have not filed a written opinion yet: {string.Join(", ", missing.Select(m => m.Name))}."));
        }
        Apply(row, actor, now, null, null);
    }

    /// <summary>The office issues the review-opinion letter recommending approval (Art. 11(6)); a GrantPilot decision follows.</summary>
    public void ProposeApproval(Actor actor, DateTime now, string letter, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.ProposeApproval, actor, now);
        ReviewOpinionLetter = RequireText(letter, "letter.text", "请填写审核意见函的内容。", "Enter the text of the review-opinion letter.");
        Apply(row, actor, now, ReviewOpinionLetter, attachmentIds);
    }

    /// <summary>The office issues the review-opinion letter not approving the application (Art. 11(6)).</summary>
    public void IssueNonApproval(Actor actor, DateTime now, string letter, IReadOnlyList<Guid>? attachmentIds = null)
    {
        var row = Require(ApplicationTrigger.IssueNonApproval, actor, now);
        ReviewOpinionLetter = RequireText(letter, "letter.text", "请填写审核意见函的内容。", "Enter the text of the review-opinion letter.");
        ClosedAtUtc = now;
        Apply(row, actor, now, ReviewOpinionLetter, attachmentIds);
    }

    /// <summary>The applicant withdraws the application before a decision (Art. 3: participation is voluntary).</summary>
    public void Withdraw(Actor actor, DateTime now, string? reason = null)
    {
        var row = Require(ApplicationTrigger.Withdraw, actor, now);
        ClosedAtUtc = now;
        Apply(row, actor, now, reason, null);
    }

    /// <summary>Applied only by <see cref="Decision.Confirm(Actor, DateTime, Application, Designations.DesignationRules, string?, IReadOnlyList{Guid}?)"/>.</summary>
    internal void Approve(Actor actor, DateTime now, Decision decision)
    {
        var row = Require(ApplicationTrigger.Approve, actor, now);
        ApprovalDecisionId = decision.Id;
        ClosedAtUtc = now;
        Apply(row, actor, now, decision.Reason, null);
    }

    private TransitionRow<ApplicationStatus, ApplicationTrigger> Require(ApplicationTrigger trigger, Actor actor, DateTime now)
    {
        RequireUtc(now);
        return Table.Require(Status, trigger, actor);
    }

    private void Apply(TransitionRow<ApplicationStatus, ApplicationTrigger> row, Actor actor, DateTime now, string? opinion, IReadOnlyList<Guid>? attachmentIds)
    {
        RequireUtc(now);
        var from = Status;
        Status = row.To;
        Record(from.ToString(), row.To.ToString(), row.Trigger.ToString(), actor, now, opinion, row.Article, attachmentIds);
    }

    private IEnumerable<Problem> FormProblems()
    {
        if (string.IsNullOrWhiteSpace(OrganisationName))
        {
            yield return Missing("OrganisationName", "单位名称", "the unit name");
        }
        if (string.IsNullOrWhiteSpace(Profile.Website))
        {
            yield return Missing("Profile.Website", "网址", "the website");
        }
        if (string.IsNullOrWhiteSpace(Profile.Address))
        {
            yield return Missing("Profile.Address", "地址", "the address");
        }
        if (string.IsNullOrWhiteSpace(Profile.LegalRepresentative))
        {
            yield return Missing("Profile.LegalRepresentative", "法定代表人", "the legal representative");
        }
        if (Profile.TotalStaff is null or < 0)
        {
            yield return Missing("Profile.TotalStaff", "员工总数", "the total number of staff");
        }
        if (Profile.IncubationAreaSquareMetres is null or < 0)
        {
            yield return Missing("Profile.IncubationAreaSquareMetres", "孵化面积（平方米）", "the incubation area (m²)");
        }
        if (Profile.EnterprisesServed is null or < 0)
        {
            yield return Missing("Profile.EnterprisesServed", "服务企业数量", "the number of enterprises served");
        }
        if (Profile.HasOverseasBase is null)
        {
            yield return Missing("Profile.HasOverseasBase", "是否有海外孵化基地", "whether the unit has an overseas incubation base");
        }
        else if (Profile.HasOverseasBase == true && Profile.OverseasBaseCount is null or < 1)
        {
            yield return Missing("Profile.OverseasBaseCount", "海外孵化基地个数", "the number of overseas incubation bases");
        }
        if (Profile.UnitType is null)
        {
            yield return Missing("Profile.UnitType", "单位性质（类型）", "the type of unit");
        }
        if (Profile.Ownership is null)
        {
            yield return Missing("Profile.Ownership", "单位性质（国有/民营）", "the ownership (state-owned or private)");
        }
        if (Profile.Level is null)
        {
            yield return Missing("Profile.Level", "单位级别（国家级/省级）", "the level (national or provincial)");
        }
        else if (Profile.Level == UnitLevel.Other)
        {
            yield return new Problem("submit.level",
                "根据《管理办法》第十条，只有省级以上（国家级或省级）单位可以申请试点单位。",
                "Under Art. 10 only units at provincial level or above (national or provincial) may apply.",
                "Profile.Level");
        }
        if (string.IsNullOrWhiteSpace(Profile.Province))
        {
            yield return Missing("Profile.Province", "所在省份", "the province");
        }
        if (_countries.Count == 0)
        {
            yield return Missing("Countries", "已有国际科技合作国家（至少一个）", "at least one country already cooperated with");
        }
        foreach (var country in _countries.Where(c => c.Code.Length != 2 || !c.Code.All(char.IsAsciiLetterUpper)))
        {
            yield return new Problem("countries.code",
                $"国家代码“{country.Code}”不正确，应为两位字母代码（如 DE、SG）。",
                $"The country code '{country.Code}' is not valid; use the two-letter ISO code (e.g. DE, SG).",
                "Countries");
        }
        foreach (var problem in UnitHead.Problems("UnitHead", "单位负责人（法人代表）", "unit head (legal representative)"))
        {
            yield return problem;
        }
        if (_mainPersons.Count == 0)
        {
            yield return Missing("MainPersons", "主要负责人（至少一人）", "at least one main person in charge");
        }
        for (var i = 0; i < _mainPersons.Count; i++)
        {
            foreach (var problem in _mainPersons[i].Problems($"MainPersons[{i}]", $"第{i + 1}位主要负责人", $"main person in charge no. {i + 1}"))
            {
                yield return problem;
            }
        }
        foreach (var problem in Contact.Problems("Contact", "联系人", "contact person"))
        {
            yield return problem;
        }
        if (string.IsNullOrWhiteSpace(Introduction.GoalsAndModel))
        {
            yield return Missing("Introduction.GoalsAndModel", "申请单位简介第1点：国际化发展目标、孵化服务体系和发展模式（第十条第（一）项）", "introduction point 1: international goals, incubation service system and model (Art. 10(1))");
        }
        if (string.IsNullOrWhiteSpace(Introduction.ChannelsAndTeam))
        {
            yield return Missing("Introduction.ChannelsAndTeam", "申请单位简介第2点：国际科技合作渠道、支撑条件和专职服务团队（第十条第（二）项）", "introduction point 2: cooperation channels, support and dedicated team (Art. 10(2))");
        }
        if (string.IsNullOrWhiteSpace(Introduction.TechnologyTransfer))
        {
            yield return Missing("Introduction.TechnologyTransfer", "申请单位简介第3点：国际技术转移服务能力、经验和业绩（第十条第（三）项）", "introduction point 3: technology-transfer capability and record (Art. 10(3))");
        }
        if (string.IsNullOrWhiteSpace(Introduction.Platforms))
        {
            yield return Missing("Introduction.Platforms", "申请单位简介第4点：国际合作平台、海外基地或设立计划（第十条第（四）项）", "introduction point 4: platforms, overseas bases or plans (Art. 10(4))");
        }
        if (!Declaration)
        {
            yield return new Problem("submit.declaration", "请勾选申请单位意见（自愿申请声明）。", "Tick the applicant's declaration (voluntary application).", "Declaration");
        }
        if (Route == ApplicationRoute.Recommended && RecommenderOrganisationId is null)
        {
            yield return Missing("RecommenderOrganisationId", "推荐单位", "the recommending organisation");
        }
    }

    private static Problem Missing(string field, string zh, string en) =>
        new("submit.missing", $"请填写{zh}。", $"Enter {en}.", field);

    private static Problem MissingDocument(FilingDocumentKind kind) => kind switch
    {
        FilingDocumentKind.BusinessLicence => new Problem("submit.document", "请上传营业执照复印件。", "Upload a copy of the business licence.", "Documents.BusinessLicence"),
        FilingDocumentKind.LegalRepresentativeId => new Problem("submit.document", "请上传法人代表身份证复印件。", "Upload a copy of the legal representative's ID card.", "Documents.LegalRepresentativeId"),
        _ => new Problem("submit.document", "请上传组织机构简介。", "Upload the organisation introduction.", "Documents.OrganisationIntroduction"),
    };
}
