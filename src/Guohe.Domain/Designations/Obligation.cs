using Guohe.Domain.Common;
using Guohe.Domain.History;

namespace Guohe.Domain.Designations;

/// <summary>What a pilot unit or base must file.</summary>
public enum ObligationKind
{
    /// <summary>年度工作计划表 (Form 2; Art. 12(1), 14).</summary>
    AnnualPlan,
    /// <summary>年度工作总结表 (Form 3; Art. 12(3), 14), reviewed by the office (年度复核).</summary>
    AnnualSummary,
    /// <summary>建设工作总结表 (Form 4; Art. 13(1)) after the construction period.</summary>
    ConstructionSummary,
}

/// <summary>Stored states of an obligation. "Overdue" is never stored: see <see cref="Obligation.IsOverdue"/>.</summary>
public enum ObligationStatus
{
    /// <summary>待提交.</summary>
    Open,
    /// <summary>已提交.</summary>
    Filed,
    /// <summary>已审核: the office gave its written opinion.</summary>
    Reviewed,
}

/// <summary>The office's conclusion when reviewing a summary (Art. 12(3), 12(4)).</summary>
public enum ReviewConclusion
{
    /// <summary>通过: the plan was carried out.</summary>
    Pass,
    /// <summary>工作计划未执行 (Art. 12(4)): a ground for disqualification.</summary>
    PlanNotExecuted,
}

/// <summary>
/// One row of partner institutions (Forms 2–4: 国别、机构名称、合作内容): wanted partners in a plan, actual partners in a
/// summary. <see cref="CountryCode"/> is ISO 3166-1 alpha-2. <see cref="InstitutionId"/> links the row to the institution
/// directory once filed.
/// </summary>
public sealed record PartnerRow(string CountryCode, string Institution, string Content, Guid? InstitutionId = null);

/// <summary>
/// The content of Form 2, 3 or 4: preparer (制表人), the main text, achievements (summaries), partner rows, and the plan
/// items or achievements tagged by Art. 9 category and Art. 15 fields.
/// </summary>
public sealed record ObligationForm(PersonRow Preparer, string WorkText, string Achievements, IReadOnlyList<PartnerRow> Partners, IReadOnlyList<WorkItem>? Items = null)
{
    public IReadOnlyList<WorkItem> TaggedItems => Items ?? [];
}

/// <summary>What should exist: an obligation of a kind for a year with its due date.</summary>
public sealed record ObligationDue(ObligationKind Kind, int Year, DateOnly DueDate, string Article);

/// <summary>
/// An annual plan, annual summary or construction summary a designation owes (Art. 8, 12(1), 12(3), 13(1), 14), with its
/// due date and, once filed, the form content and the office's review. Overdue is derived from the due date and the clock.
/// </summary>
public sealed class Obligation : HistoryAggregate
{
    private readonly List<PartnerRow> _partners = [];
    private readonly List<WorkItem> _items = [];

    private Obligation()
    {
        Article = string.Empty;
        WorkText = string.Empty;
        Achievements = string.Empty;
    }

    public Guid DesignationId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public ObligationKind Kind { get; private set; }

    /// <summary>The calendar year the plan or summary covers; for a construction summary the year the term ends.</summary>
    public int Year { get; private set; }

    public ObligationStatus Status { get; private set; }

    /// <summary>The article that requires it: 12(1) or 12(3) for a pilot, 14 for a base, 13(1) for a construction summary.</summary>
    public string Article { get; private set; }

    /// <summary>Current due date (China date), after any individual extension.</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The due date given by the rules.</summary>
    public DateOnly OriginalDueDate { get; private set; }

    public string? ExtensionReason { get; private set; }

    public PersonRow Preparer { get; private set; } = PersonRow.Empty;

    /// <summary>Form 2 I (plan), Form 3 I.1 / Form 4 I.1 (summary).</summary>
    public string WorkText { get; private set; }

    /// <summary>Form 3 I.2 / Form 4 I.2: main achievements.</summary>
    public string Achievements { get; private set; }

    /// <summary>Form 2 II (wanted) or Forms 3–4 II (actual) partner institutions.</summary>
    public IReadOnlyList<PartnerRow> Partners => _partners;

    /// <summary>Plan items (Form 2) or achievements (Forms 3–4), each tagged by Art. 9 category and Art. 15 fields.</summary>
    public IReadOnlyList<WorkItem> Items => _items;

    /// <summary>When the unit last saved a draft (null: never).</summary>
    public DateTime? DraftSavedAtUtc { get; private set; }

    public DateTime? FiledAtUtc { get; private set; }

    /// <summary>The office's review opinion (办公室审核意见).</summary>
    public string? ReviewOpinion { get; private set; }

    public ReviewConclusion? ReviewConclusion { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    protected override string AggregateType => "Obligation";

    /// <summary>Open past its due date (the due date itself is still on time).</summary>
    public bool IsOverdue(DateOnly today) => Status == ObligationStatus.Open && today > DueDate;

    /// <summary>Filed after the due date.</summary>
    public bool FiledLate => FiledAtUtc is { } filed && ChinaTime.DateOf(filed) > DueDate;

    /// <summary>Creates an obligation the planner says is due (<see cref="ObligationPlanner.Missing"/>); office or system job acting as office.</summary>
    public static Obligation Create(Actor actor, DateTime now, Designation designation, ObligationDue due)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Office);
        var obligation = new Obligation
        {
            Id = Guid.CreateVersion7(now),
            DesignationId = designation.Id,
            OrganisationId = designation.OrganisationId,
            Kind = due.Kind,
            Year = due.Year,
            Status = ObligationStatus.Open,
            Article = due.Article,
            DueDate = due.DueDate,
            OriginalDueDate = due.DueDate,
        };
        obligation.Record(string.Empty, obligation.Status.ToString(), "Create", actor, now, $"{due.Kind} {due.Year}, due {ChinaTime.Iso(due.DueDate)}", due.Article);
        return obligation;
    }

    /// <summary>
    /// Missing fields of the form content, for filing. The main text may be left empty when the unit files it as an uploaded
    /// document instead (<paramref name="hasDocument"/>).
    /// </summary>
    public static IReadOnlyList<Problem> CheckForm(ObligationForm form, ObligationKind kind, bool hasDocument = false)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(form.Preparer.Name))
        {
            problems.Add(new Problem("obligation.preparer", "请填写制表人姓名。", "Enter the preparer's name.", "Preparer.Name"));
        }
        if (string.IsNullOrWhiteSpace(form.WorkText) && !hasDocument)
        {
            problems.Add(new Problem("obligation.text", "请填写工作计划或工作总结，或上传其文档。", "Enter the work plan or summary, or upload it as a document.", "WorkText"));
        }
        problems.AddRange(WorkItem.Check(form.TaggedItems, kind));
        foreach (var partner in form.Partners.Where(p => p.CountryCode.Trim().Length != 2 || string.IsNullOrWhiteSpace(p.Institution)))
        {
            problems.Add(new Problem("obligation.partner",
                $"合作机构“{partner.Institution}”的国别代码或名称不完整。",
                $"The partner row '{partner.Institution}' needs a two-letter country code and a name.",
                "Partners"));
        }
        return problems;
    }

    /// <summary>The unit saves the form as a draft: anything may be incomplete; nothing is filed and no history is written.</summary>
    public void SaveDraft(Actor actor, DateTime now, ObligationForm form)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Applicant);
        RequireStatus(ObligationStatus.Open, "保存草稿", "save a draft");
        Keep(form);
        DraftSavedAtUtc = now;
    }

    /// <summary>
    /// The unit files the form (late filing is allowed and shown as late). <paramref name="attachmentIds"/> are the uploaded
    /// documents; with one, the main text may be empty.
    /// </summary>
    public void File(Actor actor, DateTime now, ObligationForm form, IReadOnlyList<Guid>? attachmentIds = null)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Applicant);
        RequireStatus(ObligationStatus.Open, "提交", "file");
        var problems = CheckForm(form, Kind, attachmentIds is { Count: > 0 });
        if (problems.Count > 0)
        {
            throw new DomainException(problems);
        }
        Keep(form);
        FiledAtUtc = now;
        Move(ObligationStatus.Filed, "File", actor, now, null, attachmentIds);
    }

    private void Keep(ObligationForm form)
    {
        Preparer = form.Preparer.Normalised();
        WorkText = form.WorkText.Trim();
        Achievements = form.Achievements.Trim();
        _partners.Clear();
        _partners.AddRange(form.Partners.Select(p => p with { CountryCode = p.CountryCode.Trim().ToUpperInvariant(), Institution = p.Institution.Trim(), Content = p.Content.Trim() }));
        _items.Clear();
        _items.AddRange(form.TaggedItems.Select(i => i with { Text = i.Text.Trim() }));
    }

    /// <summary>Links each partner row to the institution directory (by row index), after the directory resolved them.</summary>
    public void LinkInstitutions(IReadOnlyList<Guid?> institutionIds)
    {
        for (var i = 0; i < _partners.Count && i < institutionIds.Count; i++)
        {
            _partners[i] = _partners[i] with { InstitutionId = institutionIds[i] };
        }
    }

    /// <summary>
    /// The office reviews the filing with a written opinion (Art. 12(1), 12(3), 13(2)). An annual summary needs a conclusion:
    /// pass, or plan not executed (a ground for disqualification, Art. 12(4)).
    /// </summary>
    public void Review(Actor actor, DateTime now, string opinion, ReviewConclusion? conclusion, IReadOnlyList<Guid>? attachmentIds = null)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Office);
        RequireStatus(ObligationStatus.Filed, "审核", "review");
        var text = RequireText(opinion, "obligation.opinion", "请填写审核意见。", "Enter the review opinion.");
        if (Kind == ObligationKind.AnnualSummary && conclusion is null)
        {
            throw new DomainException(new Problem("obligation.conclusion", "请选择年度复核结论：通过或工作计划未执行。", "Choose the review conclusion: pass or plan not executed."));
        }
        ReviewOpinion = text;
        ReviewConclusion = conclusion;
        ReviewedAtUtc = now;
        Move(ObligationStatus.Reviewed, "Review", actor, now, conclusion is null ? text : $"{conclusion}: {text}", attachmentIds);
    }

    /// <summary>The office gives this unit a later due date, with a reason.</summary>
    public void ExtendDeadline(Actor actor, DateTime now, DateOnly newDueDate, string reason)
    {
        RequireUtc(now);
        RequireRole(actor, Role.Office);
        RequireStatus(ObligationStatus.Open, "延期", "extend");
        if (newDueDate <= DueDate)
        {
            throw new DomainException(new Problem("obligation.due", $"新的截止日期必须晚于{ChinaTime.Zh(DueDate)}。", $"The new due date must be after {ChinaTime.Iso(DueDate)}.", "DueDate"));
        }
        ExtensionReason = RequireText(reason, "obligation.reason", "请填写延期理由。", "Enter the reason for the extension.");
        var old = DueDate;
        DueDate = newDueDate;
        Move(ObligationStatus.Open, "ExtendDeadline", actor, now, $"{ChinaTime.Iso(old)} → {ChinaTime.Iso(newDueDate)}: {ExtensionReason}", null);
    }

    private void Move(ObligationStatus to, string trigger, Actor actor, DateTime now, string? opinion, IReadOnlyList<Guid>? attachmentIds)
    {
        var from = Status;
        Status = to;
        Record(from.ToString(), to.ToString(), trigger, actor, now, opinion, Article, attachmentIds);
    }

    private void RequireStatus(ObligationStatus expected, string actionZh, string actionEn)
    {
        if (Status != expected)
        {
            throw new DomainException(new Problem("obligation.transition",
                $"该材料当前状态为“{StatusZh(Status)}”，不能{actionZh}。",
                $"This filing is {Status}; it cannot {actionEn} now."));
        }
    }

    private static void RequireRole(Actor actor, Role role)
    {
        if (actor.Role != role)
        {
            throw new DomainException(new Problem("obligation.role",
                $"此操作只能由{RoleNames.Zh(role)}执行，您当前的角色是{RoleNames.Zh(actor.Role)}。",
                $"Only the {role} role may do this; you are acting as {actor.Role}."));
        }
    }

    private static string StatusZh(ObligationStatus status) => status switch
    {
        ObligationStatus.Open => "待提交",
        ObligationStatus.Filed => "已提交",
        _ => "已审核",
    };
}
