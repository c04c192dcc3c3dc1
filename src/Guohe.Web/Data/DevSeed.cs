using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

/// <summary>
/// Demo data for Development only (never outside it): organisations, one account per role, the current yearly batch and
/// organisations at several lifecycle stages, all made by the domain verbs acted by the demo accounts.
/// Idempotent: running it again adds nothing.
/// </summary>
public static partial class DevSeed
{
    public const string DemoPassword = "Guohe@Demo2026";

    public static readonly IReadOnlyList<(string Email, Role Role)> DemoAccounts =
    [
        ("applicant@demo.guohe.cn", Role.Applicant),
        ("recommender@demo.guohe.cn", Role.Recommender),
        ("office@demo.guohe.cn", Role.Office),
        ("expert@demo.guohe.cn", Role.Expert),
        ("association@demo.guohe.cn", Role.Association),
        ("admin@demo.guohe.cn", Role.Admin),
        ("auditor@demo.guohe.cn", Role.Auditor),
    ];

    private static readonly (string Prefix, string Name, string Liaison)[] DemoOrganisations =
    [
        ("91110108MA01AB2C3", "中关村国际创新孵化器有限公司", "林晓"),
        ("51110000MJ0123456", "北京市科技企业孵化器协会", "王敏"),
        ("91310115MA1K4L5M6", "上海张江国际科技园发展有限公司", "陈静"),
        ("91440300MA5F6G7H8", "深圳湾跨境孵化服务有限公司", "黄磊"),
        ("12330000470012345", "浙江大学国际技术转移中心", "周婷"),
        ("91320594MA1N2P3Q4", "苏州工业园区国际科技合作孵化中心有限公司", "吴昊"),
        ("91440115MA5R6T7U8", "广州南沙国际科技合作孵化园有限公司", "郑凯"),
        ("91420100MA4U5W6X7", "武汉光谷国际孵化器有限公司", "冯雪"),
        ("91510100MA6X7Y8A9", "成都天府国际技术转移中心有限公司", "何平"),
        ("91610131MA6A1B2C3", "西安高新国际合作孵化器有限公司", "罗娟"),
        ("91120116MA0D4E5F6", "天津滨海国际创新中心有限公司", "孙涛"),
    ];

    public static Uscc DemoUscc(int index) =>
        Uscc.Parse(DemoOrganisations[index].Prefix + Uscc.CheckCharacter(DemoOrganisations[index].Prefix));

    /// <summary>The name of the yearly batch open now, e.g. 2026年度第一批.</summary>
    public static string CurrentBatchName(DateTime now) => $"{ChinaTime.DateOf(now).Year}年度第一批";

    public static async Task RunAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<GuoheDbContext>();
        var users = services.GetRequiredService<UserManager<GuoheUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        for (var i = 0; i < DemoOrganisations.Length; i++)
        {
            var uscc = DemoUscc(i);
            if (!await db.Organisations.AnyAsync(o => o.Uscc == uscc))
            {
                var (_, name, liaison) = DemoOrganisations[i];
                db.Organisations.Add(Organisation.Register(uscc, name, liaison, $"liaison{i}@demo.guohe.cn", $"1391000000{i}", now));
            }
        }
        await db.SaveChangesAsync();

        var applicantOrg = DemoUscc(0);
        var recommenderOrg = DemoUscc(1);
        var organisationOf = new Dictionary<Role, Guid>
        {
            [Role.Applicant] = await db.Organisations.Where(o => o.Uscc == applicantOrg).Select(o => o.Id).SingleAsync(),
            [Role.Recommender] = await db.Organisations.Where(o => o.Uscc == recommenderOrg).Select(o => o.Id).SingleAsync(),
        };
        foreach (var (email, role) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }
            var user = new GuoheUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = "演示" + Roles.Label(role),
                OrganisationId = organisationOf.TryGetValue(role, out var org) ? org : null,
                CreatedAtUtc = now,
                PasswordChangedAtUtc = now,
            };
            Check(await users.CreateAsync(user, DemoPassword));
            Check(await users.AddToRoleAsync(user, role.ToString()));
        }

        await SeedLifecyclesAsync(db, users, now);
        await SeedExpertPoolAsync(db, users, now);
        await SeedLaterYearsAsync(db, users, now);
        await SeedDocumentsAsync(db, services.GetRequiredService<FileStore>(), users);
        await DevSeedPortal.RunAsync(db, services.GetRequiredService<FileStore>(), users, now);
        await SeedAnnouncementsAsync(db, users, now);
    }

    /// <summary>More expert accounts for the pool (same password), so that a team can be suggested and a conflict seen.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Organisation, int? DemoOrganisation, KeyFields Fields, RecommendingAssociation By)> DemoExperts =
    [
        ("expert@demo.guohe.cn", "张维", "清华大学", null, KeyFields.ElectronicInformation | KeyFields.AdvancedManufacturing, RecommendingAssociation.Cistc),
        ("expert2@demo.guohe.cn", "李芳", "中国科学院上海营养与健康研究所", null, KeyFields.BioHealth | KeyFields.ModernAgriculture, RecommendingAssociation.Ctea),
        ("expert3@demo.guohe.cn", "王强", "中关村国际创新孵化器有限公司", 0, KeyFields.ElectronicInformation | KeyFields.NewEnergy, RecommendingAssociation.Ctea),
        ("expert4@demo.guohe.cn", "赵敏", "浙江大学", null, KeyFields.NewMaterials | KeyFields.EnergySavingEnvironment | KeyFields.ElectronicInformation, RecommendingAssociation.Cistc),
    ];

    private static async Task SeedExpertPoolAsync(GuoheDbContext db, UserManager<GuoheUser> users, DateTime now)
    {
        var office = await ActorAsync(users, "office@demo.guohe.cn", Role.Office);
        foreach (var (email, name, organisation, demoOrganisation, fields, by) in DemoExperts)
        {
            if (await users.FindByEmailAsync(email) is not { } user)
            {
                user = new GuoheUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAtUtc = now, PasswordChangedAtUtc = now,
                };
                Check(await users.CreateAsync(user, DemoPassword));
                Check(await users.AddToRoleAsync(user, nameof(Role.Expert)));
            }
            var id = user.Id;
            if (await db.Experts.AnyAsync(e => e.Details.UserId == id))
            {
                continue;
            }
            db.Experts.Add(Expert.Add(office, now, new ExpertDetails
            {
                Name = name, Title = "研究员", OrganisationName = organisation,
                OrganisationUscc = demoOrganisation is { } index ? DemoUscc(index).Value! : string.Empty,
                Province = "北京市", Fields = fields, RecommendedBy = by, Email = email, Mobile = "13800000000", UserId = id,
            }));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The filing documents of every submitted demo application, as small real PDFs, so that downloads work.</summary>
    private static async Task SeedDocumentsAsync(GuoheDbContext db, FileStore files, UserManager<GuoheUser> users)
    {
        var applicant = await users.FindByEmailAsync("applicant@demo.guohe.cn") ?? throw new InvalidOperationException("Demo applicant is missing.");
        var submitted = await db.Applications.Where(a => a.Status != ApplicationStatus.Draft && !db.StoredFiles.Any(f => f.ApplicationId == a.Id)).ToListAsync();
        foreach (var application in submitted)
        {
            foreach (var kind in DocumentKinds.OfApplication)
            {
                var content = DemoPdf($"Guohe demo - {kind} - {application.Number}");
                await files.SaveAsync(new Upload(application.Id, kind, $"{DocumentKinds.Label(kind)}.pdf", content), applicant.Id);
            }
        }
    }

    /// <summary>A one-page PDF showing <paramref name="text"/> (ASCII), with a correct cross-reference table.</summary>
    private static byte[] DemoPdf(string text)
    {
        var stream = $"BT /F1 14 Tf 72 760 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        offsets.ForEach(o => pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n"));
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>
    /// The current batch and one organisation per stage: the demo applicant's organisation with a draft, one submitted awaiting
    /// preliminary review, one in site visit with the demo expert assigned, an approved pilot with its obligations, and a
    /// base with grades (the last two with back-dated histories through earlier batches).
    /// </summary>
    private static async Task SeedLifecyclesAsync(GuoheDbContext db, UserManager<GuoheUser> users, DateTime now)
    {
        var applicant = await ActorAsync(users, "applicant@demo.guohe.cn", Role.Applicant);
        var office = await ActorAsync(users, "office@demo.guohe.cn", Role.Office);
        var expert = await ActorAsync(users, "expert@demo.guohe.cn", Role.Expert);
        var association = await ActorAsync(users, "association@demo.guohe.cn", Role.Association);
        var year = ChinaTime.DateOf(now).Year;

        var current = await BatchAsync(db, office, now.AddDays(-60), year, CurrentBatchName(now), now.AddDays(-30), now.AddDays(90));
        var earlier = await BatchAsync(db, office, now.AddDays(-420), year - 1, $"{year - 1}年度第一批（演示）", now.AddDays(-400), now.AddDays(-250));
        var early = await BatchAsync(db, office, now.AddYears(-3).AddDays(-40), year - 3, $"{year - 3}年度第一批（演示）", now.AddYears(-3).AddDays(-30), now.AddYears(-3).AddDays(60));

        // The demo applicant's organisation: a draft.
        if (await WithoutApplicationAsync(db, 0) is { } draftOrg)
        {
            var draft = Application.Create(applicant, now.AddDays(-2), draftOrg, current);
            draft.EditDraft(applicant, now.AddDays(-2), Form(draftOrg, 0));
            db.Applications.Add(draft);
            await db.SaveChangesAsync();
        }

        // Submitted, awaiting the office's preliminary review.
        if (await WithoutApplicationAsync(db, 2) is { } submittedOrg)
        {
            var submitted = await SubmittedAsync(db, applicant, now.AddDays(-5), submittedOrg, 2, current);
            db.Applications.Add(submitted);
            await db.SaveChangesAsync();
        }

        // In site visit, the demo expert assigned as leader.
        if (await WithoutApplicationAsync(db, 3) is { } visitOrg)
        {
            var t = now.AddDays(-10);
            var application = await SubmittedAsync(db, applicant, t, visitOrg, 3, current);
            application.PassPreliminaryReview(office, t.AddDays(2), "材料齐全，初审通过。");
            var visit = SiteVisit.Schedule(office, t.AddDays(3), SiteVisitPurpose.ApplicationReview, application.Id,
                ChinaTime.DateOf(now).AddDays(14), "深圳市南山区深圳湾科技生态园", "请携带原件备查。", [new(expert.UserId, expert.Name, true)]);
            application.ScheduleSiteVisit(office, t.AddDays(3), visit);
            db.Applications.Add(application);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
        }

        // An approved pilot with its designation and obligations.
        if (await WithoutApplicationAsync(db, 4) is { } pilotOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddDays(-380), pilotOrg, 4, earlier);
            foreach (var due in ObligationPlanner.Missing(designation, obligations, ChinaTime.DateOf(now), ObligationRules.Default))
            {
                obligations.Add(Obligation.Create(office, now, designation, due));
            }
            FileDue(obligations, applicant, office, now.AddDays(-1));
            await LinkPartnersAsync(db, applicant, now, obligations);
            db.Obligations.AddRange(obligations);
            db.Fees.Add(Fee.Charge(office, now.AddDays(-300), pilotOrg.Id, pilotOrg.Name, new FeeDetails(FeeKind.Survey, 5000m, ChinaTime.DateOf(now.AddDays(-300)), "FP-DEMO-001", "实地调研费用")));
            var review = Fee.Charge(office, now.AddDays(-300), pilotOrg.Id, pilotOrg.Name, new FeeDetails(FeeKind.ExpertReview, 8000m, ChinaTime.DateOf(now.AddDays(-300)), "FP-DEMO-002", "专家评审费用"));
            review.MarkPaid(office, now.AddDays(-280), ChinaTime.DateOf(now.AddDays(-280)));
            db.Fees.Add(review);
            await db.SaveChangesAsync();
        }

        // A base with grades.
        if (await WithoutApplicationAsync(db, 5) is { } baseOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddYears(-3), baseOrg, 5, early);
            var termEnd = ChinaTime.StartOfDayUtc(designation.TermEndsOn).AddHours(10);
            var summary = Obligation.Create(office, termEnd, designation,
                ObligationPlanner.Missing(designation, obligations, ChinaTime.DateOf(termEnd), ObligationRules.Default).First(d => d.Kind == ObligationKind.ConstructionSummary));
            summary.File(applicant, termEnd, Filing(baseOrg));
            obligations.Add(summary);
            designation.EnterAcceptance(applicant, termEnd, summary);
            var grant = Decision.Propose(office, termEnd.AddDays(20), DecisionKind.GrantBase, designation, "现场评估通过，达到国合孵化基地要求。");
            grant.Confirm(association, termEnd.AddDays(25), designation);
            db.Decisions.Add(grant);
            var gradedAt = termEnd.AddDays(60);
            designation.RecordGrade(office, gradedAt, ChinaTime.DateOf(gradedAt).Year, Grade.Excellent, "国际合作成效显著，考核优秀。");
            if (ChinaTime.DateOf(now).Year > ChinaTime.DateOf(gradedAt).Year)
            {
                designation.RecordGrade(office, now.AddDays(-1), ChinaTime.DateOf(now).Year, Grade.Pass, "完成年度计划，考核合格。");
            }
            foreach (var due in ObligationPlanner.Missing(designation, obligations, ChinaTime.DateOf(now), ObligationRules.Default))
            {
                obligations.Add(Obligation.Create(office, now, designation, due));
            }
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// The later stages of a unit's years (issue 5): a pilot whose annual summary is overdue (needs a decision), a pilot in
    /// acceptance with its evaluation scheduled, an extended pilot, a disqualified pilot with its ban, and a base with two
    /// failing years (raised for a public notice or revocation).
    /// </summary>
    private static async Task SeedLaterYearsAsync(GuoheDbContext db, UserManager<GuoheUser> users, DateTime now)
    {
        var applicant = await ActorAsync(users, "applicant@demo.guohe.cn", Role.Applicant);
        var office = await ActorAsync(users, "office@demo.guohe.cn", Role.Office);
        var expert = await ActorAsync(users, "expert@demo.guohe.cn", Role.Expert);
        var association = await ActorAsync(users, "association@demo.guohe.cn", Role.Association);
        var year = ChinaTime.DateOf(now).Year;
        var earlier = await BatchAsync(db, office, now.AddDays(-420), year - 1, $"{year - 1}年度第一批（演示）", now.AddDays(-400), now.AddDays(-250));
        var twoYears = await BatchAsync(db, office, now.AddYears(-2).AddDays(-80), year - 2, $"{year - 2}年度第一批（演示）", now.AddYears(-2).AddDays(-70), now.AddYears(-2).AddDays(20));
        var fourYears = await BatchAsync(db, office, now.AddYears(-4).AddDays(-100), year - 4, $"{year - 4}年度第一批（演示）", now.AddYears(-4).AddDays(-90), now.AddYears(-4).AddDays(60));

        // A pilot that filed its first plan but not the summary now overdue: it is in the office's 待决事项 (Art. 12(4)).
        if (await WithoutApplicationAsync(db, 6) is { } overdueOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddDays(-400), overdueOrg, 6, earlier);
            Plan(designation, obligations, office, now);
            FileDue(obligations.Where(o => o.Kind == ObligationKind.AnnualPlan).ToList(), applicant, office, now.AddDays(-1));
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
        }

        // A pilot past its term: Form 4 filed, in acceptance, the on-site evaluation scheduled with the demo experts (Art. 13).
        if (await WithoutApplicationAsync(db, 7) is { } acceptanceOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddYears(-2).AddDays(-60), acceptanceOrg, 7, twoYears);
            await ThroughTermAsync(db, designation, obligations, applicant, office, now);
            var second = await ActorAsync(users, "expert2@demo.guohe.cn", Role.Expert);
            var visit = SiteVisit.Schedule(office, now.AddDays(-2), SiteVisitPurpose.AcceptanceEvaluation, designation.Id, ChinaTime.DateOf(now).AddDays(10),
                acceptanceOrg.Name, "上午单位负责人工作汇报，下午现场考察，次日评审会。", [new(expert.UserId, expert.Name, true), new(second.UserId, second.Name, false)]);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
        }

        // A pilot whose acceptance ended in a one-year extension (Art. 13(3)).
        if (await WithoutApplicationAsync(db, 8) is { } extendedOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddYears(-2).AddDays(-65), extendedOrg, 8, twoYears);
            var accepted = await ThroughTermAsync(db, designation, obligations, applicant, office, now.AddDays(-20));
            var extend = Decision.Propose(office, accepted.AddDays(10), DecisionKind.Extend, designation, "国际技术转移业绩尚需积累，建议延长试点建设期一年。");
            extend.Confirm(association, accepted.AddDays(12), designation, "同意延长一年。");
            db.Decisions.Add(extend);
            Plan(designation, obligations, office, now);
            db.Obligations.AddRange(obligations.Where(o => db.Entry(o).State == EntityState.Detached));
            await db.SaveChangesAsync();
        }

        // A pilot disqualified for a missing summary (Art. 12(4)); its organisation is banned for two years.
        if (await WithoutApplicationAsync(db, 9) is { } disqualifiedOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddDays(-395), disqualifiedOrg, 9, earlier);
            Plan(designation, obligations, office, now.AddDays(-60));
            FileDue(obligations.Where(o => o.Kind == ObligationKind.AnnualPlan).ToList(), applicant, office, now.AddDays(-61));
            var disqualify = Decision.Propose(office, now.AddDays(-40), DecisionKind.DisqualifyPilot, designation, "未按期提交年度工作总结，经催告仍未提交。");
            var outcome = disqualify.Confirm(association, now.AddDays(-35), designation, "同意取消试点单位资格。");
            db.Decisions.Add(disqualify);
            db.Bans.Add(outcome.Ban!);
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
        }

        // A base that failed two years running: raised for a public notice or revocation (Art. 14).
        if (await WithoutApplicationAsync(db, 10) is { } failingOrg)
        {
            var (designation, obligations) = await PilotAsync(db, applicant, office, expert, association, now.AddYears(-4).AddDays(-60), failingOrg, 10, fourYears);
            var accepted = await ThroughTermAsync(db, designation, obligations, applicant, office, now.AddYears(-2));
            var grant = Decision.Propose(office, accepted.AddDays(20), DecisionKind.GrantBase, designation, "现场评估通过，达到国合孵化基地要求。");
            grant.Confirm(association, accepted.AddDays(25), designation);
            db.Decisions.Add(grant);
            designation.RecordGrade(office, now.AddYears(-1).AddDays(-30), ChinaTime.DateOf(now).Year - 2, Grade.Fail, "年度计划执行不到位，考核不合格。");
            designation.RecordGrade(office, now.AddDays(-30), ChinaTime.DateOf(now).Year - 1, Grade.Fail, "国际合作活动明显减少，考核不合格。");
            var notice = Decision.Propose(office, now.AddDays(-20), DecisionKind.PublicNotice, designation, "连续两年考核不合格，予以通报，限期整改。");
            notice.Confirm(association, now.AddDays(-18), designation, "同意通报。");
            db.Decisions.Add(notice);
            Plan(designation, obligations, office, now);
            db.Obligations.AddRange(obligations.Where(o => db.Entry(o).State == EntityState.Detached));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Creates the obligations the planner says are due by <paramref name="at"/>.</summary>
    private static void Plan(Designation designation, List<Obligation> obligations, Actor office, DateTime at)
    {
        foreach (var due in ObligationPlanner.Missing(designation, obligations, ChinaTime.DateOf(at), ObligationRules.Default))
        {
            obligations.Add(Obligation.Create(office, at, designation, due));
        }
    }

    /// <summary>Files (a few days before each due date) and reviews every open plan and summary due by <paramref name="until"/>.</summary>
    private static void FileDue(List<Obligation> obligations, Actor applicant, Actor office, DateTime until)
    {
        foreach (var obligation in obligations.Where(o => o.Status == ObligationStatus.Open && o.Kind != ObligationKind.ConstructionSummary && ChinaTime.StartOfDayUtc(o.DueDate) <= until).OrderBy(o => o.DueDate))
        {
            var filed = ChinaTime.StartOfDayUtc(obligation.DueDate).AddDays(-5).AddHours(2);
            obligation.File(applicant, filed, FilingOf(obligation));
            if (filed.AddDays(7) <= until)
            {
                obligation.Review(office, filed.AddDays(7), "同意，按计划执行。", obligation.Kind == ObligationKind.AnnualSummary ? ReviewConclusion.Pass : null);
            }
        }
    }

    /// <summary>
    /// Takes a pilot through its term (plans and summaries filed and reviewed), files the construction summary after the term
    /// and enters acceptance; returns when acceptance began.
    /// </summary>
    private static async Task<DateTime> ThroughTermAsync(GuoheDbContext db, Designation designation, List<Obligation> obligations, Actor applicant, Actor office, DateTime until)
    {
        var accepted = ChinaTime.StartOfDayUtc(designation.TermEndsOn).AddDays(3).AddHours(2);
        if (accepted > until)
        {
            throw new InvalidOperationException("Demo seed: the term has not ended yet.");
        }
        Plan(designation, obligations, office, accepted);
        FileDue(obligations, applicant, office, accepted);
        var summary = obligations.Single(o => o.Kind == ObligationKind.ConstructionSummary && o.Status == ObligationStatus.Open);
        summary.File(applicant, accepted, FilingOf(summary));
        designation.EnterAcceptance(applicant, accepted, summary);
        summary.Review(office, accepted.AddDays(5), "建设工作总结材料齐全，同意组织现场评估。", null);
        await LinkPartnersAsync(db, applicant, accepted, obligations);
        db.Obligations.AddRange(obligations);
        await db.SaveChangesAsync();
        return accepted;
    }

    /// <summary>Links filed partner rows to the institution directory, as the filing page does.</summary>
    private static async Task LinkPartnersAsync(GuoheDbContext db, Actor applicant, DateTime now, List<Obligation> obligations)
    {
        foreach (var obligation in obligations.Where(o => o.Status != ObligationStatus.Open))
        {
            obligation.LinkInstitutions(await InstitutionDirectory.ResolveAsync(db, applicant, now, obligation.Partners));
        }
    }

    private static ObligationForm FilingOf(Obligation obligation) => obligation.Kind switch
    {
        ObligationKind.AnnualPlan => new ObligationForm(Preparer, $"{obligation.Year}年度国际科技合作工作计划：与办公室共同组织中欧创新创业对接活动……", string.Empty,
            [new PartnerRow("DE", "Fraunhofer-Gesellschaft", "联合孵化"), new PartnerRow("SG", "National University of Singapore", "人才交流")],
            [new WorkItem("举办国际技术转移经理人培训班", ConstructionContent.TalentTraining, KeyFields.ElectronicInformation),
             new WorkItem("参加“一带一路”创新合作对接会", ConstructionContent.BeltAndRoad, KeyFields.NewEnergy)]),
        _ => new ObligationForm(Preparer, $"{obligation.Year}年度工作总结：完成计划中的人才培训与国际对接……", "引进海外项目3项，促成技术转移合同2项。",
            [new PartnerRow("DE", "Fraunhofer Gesellschaft", "联合孵化")],
            [new WorkItem("引进德国新能源项目落地孵化", ConstructionContent.ResourceNetwork, KeyFields.NewEnergy)]),
    };

    private static readonly PersonRow Preparer = new("演示制表人", "国际合作部经理", "010-80000003", "preparer@demo.guohe.cn", "13900000003");

    private static async Task<Actor> ActorAsync(UserManager<GuoheUser> users, string email, Role role)
    {
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"Demo account {email} is missing.");
        return new Actor(user.Id, user.DisplayName, role);
    }

    private static async Task<Batch> BatchAsync(GuoheDbContext db, Actor office, DateTime createdAt, int year, string name, DateTime opens, DateTime closes)
    {
        if (await db.Batches.SingleOrDefaultAsync(b => b.Name == name) is { } existing)
        {
            return existing;
        }
        var batch = Batch.Create(office, createdAt, year, name, opens, closes, quota: 30);
        db.Batches.Add(batch);
        await db.SaveChangesAsync();
        return batch;
    }

    /// <summary>The demo organisation at <paramref name="index"/> when it has no application yet; otherwise null (already seeded).</summary>
    private static async Task<Organisation?> WithoutApplicationAsync(GuoheDbContext db, int index)
    {
        var uscc = DemoUscc(index);
        var organisation = await db.Organisations.SingleAsync(o => o.Uscc == uscc);
        return await db.Applications.AnyAsync(a => a.OrganisationId == organisation.Id) ? null : organisation;
    }

    private static async Task<Application> SubmittedAsync(GuoheDbContext db, Actor applicant, DateTime t, Organisation organisation, int index, Batch batch)
    {
        var application = Application.Create(applicant, t, organisation, batch);
        application.EditDraft(applicant, t, Form(organisation, index));
        var next = await db.Applications.CountAsync(a => a.BatchId == batch.Id && a.Number != null) + 1;
        application.Submit(applicant, t.AddHours(1), new SubmitContext(batch, null, false, Enum.GetValues<FilingDocumentKind>().ToHashSet(), next));
        organisation.UpdateProfile(applicant, t.AddHours(1), application.Form().Profile); // as the submit page does
        return application;
    }

    /// <summary>Drives an application from creation at <paramref name="t"/> to approval; adds the application, visit, decision and designation.</summary>
    private static async Task<(Designation Designation, List<Obligation> Obligations)> PilotAsync(
        GuoheDbContext db, Actor applicant, Actor office, Actor expert, Actor association, DateTime t, Organisation organisation, int index, Batch batch)
    {
        var application = await SubmittedAsync(db, applicant, t, organisation, index, batch);
        application.PassPreliminaryReview(office, t.AddDays(5), "材料齐全，初审通过。");
        var visit = SiteVisit.Schedule(office, t.AddDays(6), SiteVisitPurpose.ApplicationReview, application.Id,
            ChinaTime.DateOf(t).AddDays(20), organisation.Name, null, [new(expert.UserId, expert.Name, true)]);
        application.ScheduleSiteVisit(office, t.AddDays(6), visit);
        visit.DeclareNoConflict(expert, t.AddDays(21));
        visit.FileOpinion(expert, t.AddDays(21), new ExpertScores(22, 21, 20, 23), OverallRecommendation.Recommend, "国际合作渠道稳定，建议通过。");
        application.CompleteOpinions(expert, t.AddDays(21), visit);
        application.ProposeApproval(office, t.AddDays(25), "经审核，该单位符合试点单位条件，建议授予试点单位。");
        var decision = Decision.ProposeGrantPilot(office, t.AddDays(25), application, "同意授予国际科技合作孵化基地试点单位。");
        var designation = decision.Confirm(association, t.AddDays(30), application, DesignationRules.Default).OpenedDesignation!;
        db.Applications.Add(application);
        db.SiteVisits.Add(visit);
        db.Decisions.Add(decision);
        db.Designations.Add(designation);
        return (designation, []);
    }

    private static readonly Dictionary<string, string> DemoProvinces = new()
    {
        ["11"] = "北京市", ["12"] = "天津市", ["31"] = "上海市", ["32"] = "江苏省", ["33"] = "浙江省", ["42"] = "湖北省",
        ["44"] = "广东省", ["51"] = "四川省", ["61"] = "陕西省",
    };

    private static readonly UnitType[] DemoTypes = [UnitType.Incubator, UnitType.University, UnitType.Park, UnitType.Enterprise];

    private static readonly KeyFields[] DemoFields =
    [
        KeyFields.ElectronicInformation, KeyFields.BioHealth | KeyFields.NewMaterials, KeyFields.NewEnergy, KeyFields.AdvancedManufacturing | KeyFields.ElectronicInformation,
    ];

    private static ApplicationForm Form(Organisation organisation, int index) => new(
        organisation.Name,
        new UnitProfile
        {
            Website = $"https://www.demo{index}.guohe.cn",
            Address = "示范路" + (index + 1) + "号",
            LegalRepresentative = "演示法人",
            TotalStaff = 40 + index,
            IncubationAreaSquareMetres = 8000m + (1000m * index),
            EnterprisesServed = 100 + (10 * index),
            HasOverseasBase = true,
            OverseasBaseCount = 1 + (index % 3),
            UnitType = DemoTypes[index % DemoTypes.Length],
            Ownership = Ownership.Private,
            Level = index % 3 == 0 ? UnitLevel.National : UnitLevel.Provincial,
            KeyFields = DemoFields[index % DemoFields.Length],
            Province = DemoProvinces.GetValueOrDefault(organisation.Uscc.Value[2..4], "北京市"), // the region code in the credit code
        },
        ["DE", "SG"],
        new PersonRow("演示法人", "董事长", "010-80000001", $"head{index}@demo.guohe.cn", "13900000001"),
        [new PersonRow("演示主任", "总经理", "010-80000002", $"director{index}@demo.guohe.cn", "13900000002")],
        new PersonRow(organisation.LiaisonName, "国际合作部经理", "010-80000003", organisation.LiaisonEmail, "13900000003"),
        new ApplicantIntroduction("国际化发展目标与运营模式……", "国际科技合作渠道与团队……", "国际技术转移业绩……", "海外基地与服务平台……"),
        true,
        ApplicationRoute.SelfApplied,
        null);

    private static ObligationForm Filing(Organisation organisation) => new(
        new PersonRow(organisation.LiaisonName, "国际合作部经理", "010-80000003", organisation.LiaisonEmail, "13900000003"),
        "本年度国际科技合作工作……", "主要成果……",
        [new PartnerRow("DE", "Fraunhofer-Gesellschaft", "联合孵化")],
        [new WorkItem("举办中德创新创业人才培训班两期", ConstructionContent.TalentTraining, KeyFields.AdvancedManufacturing)]);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
