using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;

namespace Guohe.Tests.Support;

/// <summary>The people who act in tests, one per role, plus second users for the two-person rule.</summary>
public static class People
{
    public static readonly Actor Applicant = new(Guid.Parse("00000000-0000-0000-0000-00000000a001"), "张联络", Role.Applicant);
    public static readonly Actor Recommender = new(Guid.Parse("00000000-0000-0000-0000-00000000b001"), "市孵化器协会", Role.Recommender);
    public static readonly Actor Office = new(Guid.Parse("00000000-0000-0000-0000-00000000c001"), "办公室王", Role.Office);
    public static readonly Actor Office2 = new(Guid.Parse("00000000-0000-0000-0000-00000000c002"), "办公室李", Role.Office);
    public static readonly Actor Association = new(Guid.Parse("00000000-0000-0000-0000-00000000d001"), "协会赵", Role.Association);
    public static readonly Actor Association2 = new(Guid.Parse("00000000-0000-0000-0000-00000000d002"), "协会钱", Role.Association);
    public static readonly Actor Expert1 = new(Guid.Parse("00000000-0000-0000-0000-00000000e001"), "专家甲", Role.Expert);
    public static readonly Actor Expert2 = new(Guid.Parse("00000000-0000-0000-0000-00000000e002"), "专家乙", Role.Expert);
    public static readonly Actor Expert3 = new(Guid.Parse("00000000-0000-0000-0000-00000000e003"), "专家丙", Role.Expert);
    public static readonly Actor Admin = new(Guid.Parse("00000000-0000-0000-0000-00000000f001"), "管理员", Role.Admin);
    public static readonly Actor Auditor = new(Guid.Parse("00000000-0000-0000-0000-00000000f002"), "审计员", Role.Auditor);

    /// <summary>The usual actor of a role.</summary>
    public static Actor For(Role role) => role switch
    {
        Role.Applicant => Applicant,
        Role.Recommender => Recommender,
        Role.Office => Office,
        Role.Expert => Expert1,
        Role.Association => Association,
        Role.Admin => Admin,
        _ => Auditor,
    };
}

/// <summary>
/// A small world for one test: a controlled clock, one organisation, the current batch, the site visits made so far.
/// Every piece of state is made by calling domain verbs; nothing sets a status.
/// </summary>
public sealed class World
{
    public static readonly Guid RecommenderOrganisationId = Guid.Parse("00000000-0000-0000-0000-0000000000b0");

    private readonly Dictionary<Guid, SiteVisit> _visits = [];
    private int _nextNumber;

    /// <summary>A world at <paramref name="start"/>; <paramref name="unit"/> above 0 gives another organisation (its own code and name) for tests with several.</summary>
    public World(DateTime? start = null, int unit = 0, UnitProfile? profile = null)
    {
        Now = start ?? Utc(2026, 3, 2, 2);
        Organisation = unit == 0
            ? Organisation.Register(Uscc.Parse("91350100M000100Y43"), "福州国际创新孵化器有限公司", "张联络", "liaison@fzinc.cn", "13800000001", Now)
            : Organisation.Register(Usccs.Make(unit), $"测试孵化器{unit}号有限公司", "张联络", $"liaison{unit}@test.cn", "13800000001", Now);
        Organisation.UpdateProfile(People.Applicant, Now, profile ?? CompleteProfile());
        Batch = OpenBatch(Now.Year);
        _nextNumber = unit * 100 + 1; // application numbers stay unique across the worlds of one test
    }

    /// <summary>Applications of this world go into <paramref name="batch"/> (several worlds sharing one batch).</summary>
    public World UseBatch(Batch batch)
    {
        Batch = batch;
        return this;
    }

    /// <summary>The clock; only the test moves it.</summary>
    public DateTime Now { get; private set; }

    public DateOnly Today => ChinaTime.DateOf(Now);

    public Organisation Organisation { get; }

    public Batch Batch { get; private set; }

    public DesignationRules Rules { get; init; } = DesignationRules.Default;

    public static DateTime Utc(int year, int month, int day, int hour = 2) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    public World Advance(TimeSpan by)
    {
        Now += by;
        return this;
    }

    public World AdvanceDays(int days) => Advance(TimeSpan.FromDays(days));

    /// <summary>Moves the clock to 10:00 Beijing time on a China date.</summary>
    public World On(DateOnly chinaDate)
    {
        var target = ChinaTime.StartOfDayUtc(chinaDate).AddHours(10);
        if (target < Now)
        {
            throw new InvalidOperationException("The clock does not go back.");
        }
        Now = target;
        return this;
    }

    /// <summary>Opens a batch for the given year whose window contains the current time.</summary>
    public Batch OpenBatch(int year)
    {
        Batch = Batch.Create(People.Office, Now, year, $"{year}年度第一批", Now.AddDays(-1), Now.AddDays(120));
        return Batch;
    }

    public static UnitProfile CompleteProfile() => new()
    {
        Website = "https://www.fzinc.cn",
        Address = "福建省福州市鼓楼区软件大道89号",
        LegalRepresentative = "陈法人",
        TotalStaff = 56,
        IncubationAreaSquareMetres = 12000m,
        EnterprisesServed = 140,
        HasOverseasBase = true,
        OverseasBaseCount = 2,
        UnitType = UnitType.Incubator,
        Ownership = Ownership.Private,
        Level = UnitLevel.Provincial,
        KeyFields = KeyFields.NewEnergy | KeyFields.ElectronicInformation,
        Province = "福建省",
    };

    public static ApplicationForm CompleteForm(ApplicationRoute route = ApplicationRoute.SelfApplied) => new(
        "福州国际创新孵化器有限公司",
        CompleteProfile(),
        ["DE", "SG", "IL"],
        new PersonRow("陈法人", "董事长", "0591-87000001", "chen@fzinc.cn", "13800000002"),
        [new PersonRow("林主任", "总经理", "0591-87000002", "lin@fzinc.cn", "13800000003")],
        new PersonRow("张联络", "国际合作部经理", "0591-87000003", "liaison@fzinc.cn", "13800000001"),
        new ApplicantIntroduction("国际化发展目标……", "国际科技合作渠道……", "国际技术转移业绩……", "海外基地两个……"),
        true,
        route,
        route == ApplicationRoute.Recommended ? RecommenderOrganisationId : null);

    public static IReadOnlySet<FilingDocumentKind> AllDocuments { get; } = Enum.GetValues<FilingDocumentKind>().ToHashSet();

    public SubmitContext Context(Ban? ban = null, bool otherOpen = false, IReadOnlySet<FilingDocumentKind>? documents = null) =>
        new(Batch, ban, otherOpen, documents ?? AllDocuments, _nextNumber++);

    public void Remember(SiteVisit visit) => _visits[visit.SubjectId] = visit;

    public SiteVisit VisitOf(Guid subjectId) => _visits[subjectId];

    public static IReadOnlyList<ExpertAssignment> Team() =>
    [
        new(People.Expert1.UserId, People.Expert1.Name, true),
        new(People.Expert2.UserId, People.Expert2.Name, false),
    ];

    public static ExpertScores GoodScores { get; } = new(22, 20, 21, 23);

    public static ObligationForm Form() => new(
        new PersonRow("张联络", "国际合作部经理", "0591-87000003", "liaison@fzinc.cn", "13800000001"),
        "本年度国际科技合作工作……", "主要成果……",
        [new PartnerRow("DE", "Fraunhofer-Gesellschaft", "联合孵化")],
        [new WorkItem("举办中德创新创业人才培训班两期", ConstructionContent.TalentTraining, KeyFields.AdvancedManufacturing)]);

    /// <summary>Creates every obligation due by today that does not exist yet.</summary>
    public List<Obligation> CreateDueObligations(Designation designation, List<Obligation> existing)
    {
        foreach (var due in ObligationPlanner.Missing(designation, existing, Today, ObligationRules.Default))
        {
            existing.Add(Obligation.Create(People.Office, Now, designation, due));
        }
        return existing;
    }
}

/// <summary>Entry points of the builders: <c>An.Application().Submitted()</c>, <c>A.Designation().Base()</c>.</summary>
public static class An
{
    public static ApplicationBuilder Application(World? world = null) => new(world ?? new World());
}

public static class A
{
    public static DesignationBuilder Designation(World? world = null) => new(world ?? new World());
}

/// <summary>Builds an application in any state by calling its verbs in order.</summary>
public sealed class ApplicationBuilder(World world)
{
    private ApplicationRoute _route = ApplicationRoute.SelfApplied;

    public World World { get; } = world;

    public ApplicationBuilder Recommended()
    {
        _route = ApplicationRoute.Recommended;
        return this;
    }

    public ApplicationBuilder Route(ApplicationRoute route)
    {
        _route = route;
        return this;
    }

    public Application Created() => Application.Create(People.Applicant, World.Now, World.Organisation, World.Batch);

    public Application Draft()
    {
        var application = Created();
        application.EditDraft(People.Applicant, World.Now, World.CompleteForm(_route) with { OrganisationName = World.Organisation.Name, Profile = World.Organisation.Profile });
        return application;
    }

    /// <summary>Submitted to the office (recommended route: endorsed first).</summary>
    public Application Submitted()
    {
        var application = Draft();
        application.Submit(People.Applicant, World.Now, World.Context());
        if (_route == ApplicationRoute.Recommended)
        {
            application.Endorse(People.Recommender, World.Now, "同意推荐。");
        }
        return application;
    }

    public Application AwaitingRecommendation()
    {
        _route = ApplicationRoute.Recommended;
        var application = Draft();
        application.Submit(People.Applicant, World.Now, World.Context());
        return application;
    }

    public Application ReturnedForRevision()
    {
        var application = Submitted();
        application.ReturnForRevision(People.Office, World.Now, "请补充海外合作渠道的证明材料。");
        return application;
    }

    public Application PreliminaryRejected()
    {
        var application = Submitted();
        application.RejectPreliminaryReview(People.Office, World.Now, "不符合第十条条件。");
        return application;
    }

    public Application PreliminaryPassed()
    {
        var application = Submitted();
        application.PassPreliminaryReview(People.Office, World.Now, "材料齐全，初审通过。");
        return application;
    }

    /// <summary>In SiteVisit; with <paramref name="allFiled"/> every assigned expert has filed but the move has not been made.</summary>
    public Application InSiteVisit(bool allFiled = false)
    {
        var application = PreliminaryPassed();
        var visit = SiteVisit.Schedule(People.Office, World.Now, SiteVisitPurpose.ApplicationReview, application.Id, World.Today.AddDays(14), "福州市鼓楼区软件大道89号", null, World.Team());
        World.Remember(visit);
        application.ScheduleSiteVisit(People.Office, World.Now, visit);
        if (allFiled)
        {
            visit.DeclareNoConflict(People.Expert1, World.Now);
            visit.FileOpinion(People.Expert1, World.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
            visit.DeclareNoConflict(People.Expert2, World.Now);
            visit.FileOpinion(People.Expert2, World.Now, World.GoodScores, OverallRecommendation.Recommend, "同意。");
        }
        return application;
    }

    public Application OpinionsComplete()
    {
        var application = InSiteVisit(allFiled: true);
        application.CompleteOpinions(People.Expert2, World.Now, World.VisitOf(application.Id));
        return application;
    }

    public Application ProposedForApproval()
    {
        var application = OpinionsComplete();
        application.ProposeApproval(People.Office, World.Now, "经审核，该单位符合试点单位条件，建议授予试点单位。");
        return application;
    }

    public Application NotApproved()
    {
        var application = OpinionsComplete();
        application.IssueNonApproval(People.Office, World.Now, "经审核，暂不符合条件。");
        return application;
    }

    public Application Withdrawn()
    {
        var application = Draft();
        application.Withdraw(People.Applicant, World.Now, "本年度暂不申请。");
        return application;
    }

    /// <summary>Approved through a confirmed GrantPilot decision; returns the opened designation too.</summary>
    public (Application Application, Designation Designation) Approved()
    {
        var (application, _, designation) = Granted();
        return (application, designation);
    }

    /// <summary>Approved, with the confirmed GrantPilot decision, for tests that store all three.</summary>
    public (Application Application, Decision Decision, Designation Designation) Granted()
    {
        var application = ProposedForApproval();
        var decision = Decision.ProposeGrantPilot(People.Office, World.Now, application, "同意授予试点单位。");
        var outcome = decision.Confirm(People.Association, World.Now, application, World.Rules);
        return (application, decision, outcome.OpenedDesignation!);
    }

    public Application InState(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => Draft(),
        ApplicationStatus.AwaitingRecommendation => AwaitingRecommendation(),
        ApplicationStatus.Submitted => Submitted(),
        ApplicationStatus.ReturnedForRevision => ReturnedForRevision(),
        ApplicationStatus.PreliminaryRejected => PreliminaryRejected(),
        ApplicationStatus.PreliminaryPassed => PreliminaryPassed(),
        ApplicationStatus.SiteVisit => InSiteVisit(allFiled: true),
        ApplicationStatus.OpinionsComplete => OpinionsComplete(),
        ApplicationStatus.ProposedForApproval => ProposedForApproval(),
        ApplicationStatus.Approved => Approved().Application,
        ApplicationStatus.NotApproved => NotApproved(),
        ApplicationStatus.Withdrawn => Withdrawn(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}

/// <summary>Builds a designation in any state through applications, decisions and obligations.</summary>
public sealed class DesignationBuilder(World world)
{
    public World World { get; } = world;

    public List<Obligation> Obligations { get; } = [];

    public Designation Pilot() => An.Application(World).Approved().Designation;

    /// <summary>Moves a pilot (or extended pilot) past its term, files the construction summary and enters acceptance.</summary>
    public Designation EnterAcceptance(Designation designation)
    {
        if (World.Today < designation.TermEndsOn)
        {
            World.On(designation.TermEndsOn);
        }
        var summary = Obligation.Create(People.Office, World.Now, designation,
            new ObligationDue(ObligationKind.ConstructionSummary, designation.TermEndsOn.Year, designation.TermEndsOn.AddDays(60), Guohe.Domain.History.Article.Art13_1));
        summary.File(People.Applicant, World.Now, World.Form());
        Obligations.Add(summary);
        designation.EnterAcceptance(People.Applicant, World.Now, summary);
        return designation;
    }

    public Designation AcceptanceReview() => EnterAcceptance(Pilot());

    public Designation Extended()
    {
        var designation = AcceptanceReview();
        Decide(designation, DecisionKind.Extend, "尚未达到基地要求，延长试点建设期一年。");
        return designation;
    }

    public Designation Base(bool withTwoFails = false)
    {
        var designation = AcceptanceReview();
        Decide(designation, DecisionKind.GrantBase, "达到国合孵化基地要求。");
        if (withTwoFails)
        {
            designation.RecordGrade(People.Office, World.Now, World.Today.Year, Grade.Fail, "考核不合格。");
            World.AdvanceDays(366);
            designation.RecordGrade(People.Office, World.Now, World.Today.Year, Grade.Fail, "考核不合格。");
        }
        return designation;
    }

    public Designation Cancelled()
    {
        var designation = AcceptanceReview();
        Decide(designation, DecisionKind.CancelPilot, "未达到基地要求。");
        return designation;
    }

    public Designation Disqualified()
    {
        var designation = Pilot();
        Decide(designation, DecisionKind.DisqualifyPilot, "未提交年度总结。");
        return designation;
    }

    public Designation Revoked()
    {
        var designation = Base();
        Decide(designation, DecisionKind.RevokeBase, "严重违纪违规。", RevocationGround.SeriousViolation);
        return designation;
    }

    /// <summary>The office proposes and a second person (association) confirms.</summary>
    public DecisionOutcome Decide(Designation designation, DecisionKind kind, string reason, RevocationGround? ground = null)
    {
        var decision = Decision.Propose(People.Office, World.Now, kind, designation, reason, ground);
        return decision.Confirm(People.Association, World.Now, designation);
    }

    public Designation InState(DesignationStatus status, bool withTwoFails = false) => status switch
    {
        DesignationStatus.Pilot => Pilot(),
        DesignationStatus.AcceptanceReview => AcceptanceReview(),
        DesignationStatus.Extended => Extended(),
        DesignationStatus.Base => Base(withTwoFails),
        DesignationStatus.Cancelled => Cancelled(),
        DesignationStatus.Disqualified => Disqualified(),
        DesignationStatus.Revoked => Revoked(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
