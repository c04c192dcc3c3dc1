using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.Organisations;
using Guohe.Domain.Partners;
using Guohe.Domain.Reviews;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Bench;

/// <summary>The size of a generated data set and its random seed (the same seed and day give the same data).</summary>
public sealed record DataSetSize(int Organisations = 10_000, int Partners = 100_000, int Seed = 20_261_125);

/// <summary>
/// What the generator made, counted by the generator from its own objects (never read back from the database), so that a
/// test can compare the statistics page with counts made independently of the SQL behind it.
/// </summary>
public sealed class DataSetTally
{
    public int Organisations { get; set; }

    public int PartnerRows { get; set; }

    public int Obligations { get; set; }

    public int Institutions { get; set; }

    public int HistoryRecords { get; set; }

    public Dictionary<ApplicationStatus, int> Applications { get; } = [];

    public Dictionary<DesignationStatus, int> Designations { get; } = [];

    /// <summary>Per province: submitted applications (by their Form 1), today's pilot units, today's bases.</summary>
    public Dictionary<string, int[]> Provinces { get; } = [];

    /// <summary>Per year of the charge: count, charged, paid.</summary>
    public Dictionary<int, (int Count, decimal Charged, decimal Paid)> Fees { get; } = [];

    /// <summary>Per obligation year: how many plans and summaries are owed.</summary>
    public Dictionary<int, int> ObligationsByYear { get; } = [];

    /// <summary>Per country: the institutions and units wanted (filed plans) and actual (filed summaries).</summary>
    public Dictionary<string, (HashSet<Guid> WantedInstitutions, HashSet<Guid> WantedUnits, HashSet<Guid> ActualInstitutions, HashSet<Guid> ActualUnits)> Countries { get; } = [];

    internal static void Count<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;
}

/// <summary>
/// Generates a realistic data set for the benchmarks of QUALITY.md (10,000 organisations, 100,000 partner rows by default):
/// organisations across provinces, types, levels and key fields; applications in every state of Art. 11 made by the domain
/// verbs (so each carries its real history, about ten records for an approved one); designations as pilots, in acceptance,
/// extended, bases with grades, cancelled, disqualified and revoked, with their decisions and bans (Art. 12–14); plans and
/// summaries per year with partner rows (wanted and actual) linked to an institution directory (Art. 9); site visits and
/// acceptance evaluations with expert opinions (Art. 11(4), 13(2)); fees (Art. 18). Deterministic for a seed and a day:
/// each organisation draws from its own random sequence. Saved in batches, one transaction per batch.
/// </summary>
public static class DataSet
{
    public const string OfficeEmail = "office@bench.guohe.cn";
    public const string OfficePassword = "Bench#Guohe2026";
    private const int OrganisationsPerBatch = 250;

    // GB/T 2260 province codes, weighted roughly like the programme's units (coastal provinces first).
    private static readonly (string Name, int Code, int Weight)[] ProvinceCodes =
    [
        ("北京市", 11, 10), ("天津市", 12, 3), ("河北省", 13, 3), ("山西省", 14, 1), ("内蒙古自治区", 15, 1), ("辽宁省", 21, 3), ("吉林省", 22, 1),
        ("黑龙江省", 23, 1), ("上海市", 31, 9), ("江苏省", 32, 10), ("浙江省", 33, 8), ("安徽省", 34, 3), ("福建省", 35, 3), ("江西省", 36, 2),
        ("山东省", 37, 6), ("河南省", 41, 3), ("湖北省", 42, 4), ("湖南省", 43, 3), ("广东省", 44, 12), ("广西壮族自治区", 45, 2), ("海南省", 46, 1),
        ("重庆市", 50, 3), ("四川省", 51, 4), ("贵州省", 52, 1), ("云南省", 53, 2), ("西藏自治区", 54, 1), ("陕西省", 61, 3), ("甘肃省", 62, 1),
        ("青海省", 63, 1), ("宁夏回族自治区", 64, 1), ("新疆维吾尔自治区", 65, 1),
    ];

    private static readonly (string Code, string Name, int Weight, bool BeltAndRoad)[] PartnerCountries =
    [
        ("DE", "Germany", 12, false), ("US", "United States", 10, false), ("GB", "United Kingdom", 7, false), ("FR", "France", 6, false),
        ("JP", "Japan", 7, false), ("KR", "Korea", 6, false), ("SG", "Singapore", 6, true), ("IL", "Israel", 5, false), ("FI", "Finland", 3, false),
        ("SE", "Sweden", 3, false), ("NL", "Netherlands", 4, false), ("CH", "Switzerland", 3, false), ("IT", "Italy", 4, true), ("ES", "Spain", 2, false),
        ("RU", "Russia", 6, true), ("KZ", "Kazakhstan", 4, true), ("UZ", "Uzbekistan", 2, true), ("PK", "Pakistan", 3, true), ("TH", "Thailand", 4, true),
        ("MY", "Malaysia", 4, true), ("VN", "Vietnam", 3, true), ("ID", "Indonesia", 3, true), ("AE", "United Arab Emirates", 3, true),
        ("SA", "Saudi Arabia", 2, true), ("EG", "Egypt", 2, true), ("ZA", "South Africa", 2, true), ("BR", "Brazil", 2, false), ("CA", "Canada", 3, false),
        ("AU", "Australia", 3, false), ("NZ", "New Zealand", 1, true), ("HU", "Hungary", 2, true), ("PL", "Poland", 2, true), ("RS", "Serbia", 1, true),
        ("BY", "Belarus", 1, true), ("MN", "Mongolia", 1, true), ("LA", "Laos", 1, true), ("KH", "Cambodia", 1, true), ("NG", "Nigeria", 1, true),
        ("CL", "Chile", 1, true), ("AR", "Argentina", 1, true),
    ];

    private static readonly string[] InstitutionKinds =
    [
        "University", "Institute of Technology", "Research Centre", "Innovation Hub", "Technology Transfer Office", "Science Park",
        "Academy of Sciences", "Incubator", "Chamber of Commerce", "Venture Lab",
    ];

    private static readonly string[] Contents = ["联合孵化", "人才交流", "技术转移", "联合研发", "创新创业对接", "共建实验室", "海外基地共建", "项目路演"];

    private static readonly string[] NameStems = ["中关", "张江", "光谷", "南沙", "天府", "滨海", "高新", "东湖", "金桥", "前海", "松山湖", "临港", "西咸", "两江", "长江", "珠江"];

    private static readonly string[] NameKinds = ["国际创新孵化器有限公司", "国际技术转移中心", "科技园发展有限公司", "国际科技合作孵化中心", "创新研究院", "大学国际技术转移中心", "跨境孵化服务有限公司", "国际合作产业园"];

    /// <summary>
    /// Applies the application's migrations to an empty database and fills it; <paramref name="services"/> must provide a scoped
    /// <see cref="GuoheDbContext"/>. Returns the generator's own counts.
    /// </summary>
    public static async Task<DataSetTally> GenerateAsync(IServiceProvider services, DataSetSize size, DateTime nowUtc, Action<string>? log = null)
    {
        log ??= _ => { };
        var world = new World(size, nowUtc);

        // Pass 1 counts the filed plans and summaries; pass 2 gives each its share of the partner rows, so the total is exact.
        var filings = 0;
        for (var i = 0; i < size.Organisations; i++)
        {
            filings += world.Organisation(i, allotment: null).Filings;
        }
        world.Allot(filings);
        log($"{size.Organisations:N0} organisations, {filings:N0} filed plans and summaries, {size.Partners:N0} partner rows");

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
            db.Batches.AddRange(world.Batches.Values);
            db.Institutions.AddRange(world.Institutions);
            db.Experts.AddRange(world.Experts);
            db.PartnerCountries.AddRange(world.Countries);
            await db.SaveChangesAsync();
        }
        world.Tally.Institutions = world.Institutions.Count;
        world.Tally.HistoryRecords += world.Institutions.Count + world.Experts.Count + world.Countries.Count;

        for (var start = 0; start < size.Organisations; start += OrganisationsPerBatch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(size.Organisations, start + OrganisationsPerBatch); i++)
            {
                var unit = world.Organisation(i, world.Allotment);
                world.Tally.HistoryRecords += unit.Add(db);
                world.CountUnit(unit);
            }
            await db.SaveChangesAsync(); // one transaction per batch
            if ((start / OrganisationsPerBatch) % 8 == 7)
            {
                log($"  {Math.Min(size.Organisations, start + OrganisationsPerBatch):N0} organisations saved");
            }
        }
        world.Tally.Organisations = size.Organisations;
        return world.Tally;
    }

    /// <summary>Creates (or keeps) the office account the benchmarks sign in with, <see cref="OfficeEmail"/> / <see cref="OfficePassword"/>.</summary>
    public static async Task<GuoheUser> EnsureOfficeAccountAsync(IServiceProvider services, DateTime nowUtc)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GuoheUser>>();
        if (await users.FindByEmailAsync(OfficeEmail) is { } existing)
        {
            return existing;
        }
        var user = new GuoheUser
        {
            UserName = OfficeEmail, Email = OfficeEmail, EmailConfirmed = true, DisplayName = "基准测试办公室", CreatedAtUtc = nowUtc, PasswordChangedAtUtc = nowUtc,
        };
        Check(await users.CreateAsync(user, OfficePassword));
        Check(await users.AddToRoleAsync(user, nameof(Role.Office)));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>One organisation and everything that belongs to it.</summary>
    private sealed class Unit
    {
        public required Organisation Organisation { get; init; }

        public List<Application> Applications { get; } = [];

        public List<SiteVisit> Visits { get; } = [];

        public List<Decision> Decisions { get; } = [];

        public Designation? Designation { get; set; }

        public List<Obligation> Obligations { get; } = [];

        public List<Ban> Bans { get; } = [];

        public List<Fee> Fees { get; } = [];

        public int Filings => Obligations.Count(o => o.Status != ObligationStatus.Open);

        /// <summary>Adds everything to the context; returns the number of history records it carries.</summary>
        public int Add(GuoheDbContext db)
        {
            var records = Organisation.PendingHistory.Count + Applications.Sum(a => a.PendingHistory.Count) + Visits.Sum(v => v.PendingHistory.Count)
                + Decisions.Sum(d => d.PendingHistory.Count) + (Designation?.PendingHistory.Count ?? 0) + Obligations.Sum(o => o.PendingHistory.Count)
                + Fees.Sum(f => f.PendingHistory.Count);
            db.Organisations.Add(Organisation);
            db.Applications.AddRange(Applications);
            db.SiteVisits.AddRange(Visits);
            db.Decisions.AddRange(Decisions);
            if (Designation is not null)
            {
                db.Designations.Add(Designation);
            }
            db.Obligations.AddRange(Obligations);
            db.Bans.AddRange(Bans);
            db.Fees.AddRange(Fees);
            return records;
        }
    }

    private enum Fate
    {
        Registered, Draft, Awaiting, Submitted, Returned, Rejected, Passed, Visit, Opinions, Proposed, NotApproved, Withdrawn,
        Pilot, Acceptance, Extended, Base, Cancelled, Disqualified, Revoked,
    }

    private static readonly (Fate Fate, int Weight)[] Fates =
    [
        (Fate.Registered, 12), (Fate.Draft, 8), (Fate.Awaiting, 3), (Fate.Submitted, 6), (Fate.Returned, 3), (Fate.Rejected, 3), (Fate.Passed, 4),
        (Fate.Visit, 4), (Fate.Opinions, 3), (Fate.Proposed, 3), (Fate.NotApproved, 4), (Fate.Withdrawn, 2),
        (Fate.Pilot, 15), (Fate.Acceptance, 3), (Fate.Extended, 2), (Fate.Base, 18), (Fate.Cancelled, 2), (Fate.Disqualified, 3), (Fate.Revoked, 2),
    ];

    private sealed class World
    {
        private readonly DataSetSize _size;
        private readonly DateTime _now;
        private readonly DateOnly _today;
        private readonly Actor _office = new(Guid.Parse("0b0e0000-0000-7000-8000-000000000001"), "基准办公室", Role.Office);
        private readonly Actor _association = new(Guid.Parse("0b0e0000-0000-7000-8000-000000000002"), "基准两协会审批人", Role.Association);
        private readonly Actor _recommender = new(Guid.Parse("0b0e0000-0000-7000-8000-000000000003"), "基准推荐单位", Role.Recommender);
        private readonly Actor _admin = new(Guid.Parse("0b0e0000-0000-7000-8000-000000000004"), "基准管理员", Role.Admin);
        private readonly List<Actor> _experts = [];
        private readonly Dictionary<string, List<Institution>> _institutionsByCountry = [];
        private readonly Dictionary<int, int> _numbers = [];
        private readonly int _totalWeight = Fates.Sum(f => f.Weight);
        private readonly int _countryWeight = PartnerCountries.Sum(c => c.Weight);
        private readonly int _provinceWeight = ProvinceCodes.Sum(p => p.Weight);
        private int _filing;
        private Random _partnerRandom = new(0);

        public World(DataSetSize size, DateTime now)
        {
            _size = size;
            _now = now;
            _today = ChinaTime.DateOf(now);
            var random = new Random(size.Seed);
            for (var year = _today.Year - 7; year <= _today.Year; year++)
            {
                var opens = ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1));
                Batches[year] = Batch.Create(_office, opens.AddDays(-10), year, $"{year}年度第一批（基准数据）", opens, ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 2, 1)));
            }
            var created = now.AddYears(-8);
            foreach (var (code, name, _, beltAndRoad) in PartnerCountries)
            {
                var list = _institutionsByCountry[code] = [];
                for (var n = 1; n <= Math.Clamp(size.Partners / 1600, 5, 60); n++)
                {
                    var institution = Institution.Create(_office, created, code, $"{name} {InstitutionKinds[random.Next(InstitutionKinds.Length)]} No. {n}");
                    list.Add(institution);
                    Institutions.Add(institution);
                }
                if (beltAndRoad)
                {
                    var country = PartnerCountry.Create(created, code);
                    country.SetBeltAndRoad(_admin, created, true, "共建“一带一路”合作文件");
                    Countries.Add(country);
                }
            }
            for (var n = 1; n <= 80; n++)
            {
                var actor = new Actor(new Guid(n, 0x0b0e, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 0x02), $"专家{n:D3}", Role.Expert);
                _experts.Add(actor);
                Experts.Add(Expert.Add(_office, created, new ExpertDetails
                {
                    Name = actor.Name, Title = "研究员", OrganisationName = $"{NameStems[n % NameStems.Length]}研究院", Province = ProvinceCodes[n % ProvinceCodes.Length].Name,
                    Fields = (KeyFields)(1 << (n % 7)) | (KeyFields)(1 << ((n + 3) % 7)), RecommendedBy = n % 2 == 0 ? RecommendingAssociation.Cistc : RecommendingAssociation.Ctea,
                    Email = $"expert{n}@bench.guohe.cn", Mobile = "13800000000", UserId = actor.UserId,
                }));
            }
        }

        public Dictionary<int, Batch> Batches { get; } = [];

        public List<Institution> Institutions { get; } = [];

        public List<Expert> Experts { get; } = [];

        public List<PartnerCountry> Countries { get; } = [];

        public DataSetTally Tally { get; } = new();

        public int[]? Allotment { get; private set; }

        /// <summary>Shares the partner rows among the filings: about equal, with jitter, never below one, summing exactly.</summary>
        public void Allot(int filings)
        {
            var rows = new int[Math.Max(1, filings)];
            var random = new Random(_size.Seed + 1);
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = _size.Partners / rows.Length + (i < _size.Partners % rows.Length ? 1 : 0);
            }
            for (var k = 0; k < rows.Length; k++)
            {
                var (a, b) = (random.Next(rows.Length), random.Next(rows.Length));
                var move = Math.Min(rows[a] - 1, random.Next(3));
                rows[a] -= move;
                rows[b] += move;
            }
            Allotment = rows;
            _filing = 0;
        }

        public void CountUnit(Unit unit)
        {
            var tally = Tally;
            foreach (var application in unit.Applications)
            {
                DataSetTally.Count(tally.Applications, application.Status);
                if (application.Status is not (ApplicationStatus.Draft or ApplicationStatus.AwaitingRecommendation or ApplicationStatus.Withdrawn))
                {
                    Province(application.Profile.Province)[0]++;
                }
            }
            if (unit.Designation is { } designation)
            {
                DataSetTally.Count(tally.Designations, designation.Status);
                if (!designation.IsEnded)
                {
                    Province(unit.Organisation.Profile.Province)[designation.Status == DesignationStatus.Base ? 2 : 1]++;
                }
            }
            foreach (var fee in unit.Fees)
            {
                var (count, charged, paid) = tally.Fees.GetValueOrDefault(fee.Details.ChargedOn.Year);
                tally.Fees[fee.Details.ChargedOn.Year] = (count + 1, charged + fee.Details.Amount, paid + (fee.IsPaid ? fee.Details.Amount : 0m));
            }
            foreach (var obligation in unit.Obligations)
            {
                tally.Obligations++;
                DataSetTally.Count(tally.ObligationsByYear, obligation.Year);
                if (obligation.Status == ObligationStatus.Open)
                {
                    continue;
                }
                tally.PartnerRows += obligation.Partners.Count;
                foreach (var partner in obligation.Partners)
                {
                    if (!tally.Countries.TryGetValue(partner.CountryCode, out var sets))
                    {
                        tally.Countries[partner.CountryCode] = sets = ([], [], [], []);
                    }
                    if (obligation.Kind == ObligationKind.AnnualPlan)
                    {
                        sets.WantedInstitutions.Add(partner.InstitutionId!.Value);
                        sets.WantedUnits.Add(obligation.OrganisationId);
                    }
                    else
                    {
                        sets.ActualInstitutions.Add(partner.InstitutionId!.Value);
                        sets.ActualUnits.Add(obligation.OrganisationId);
                    }
                }
            }
            int[] Province(string name) => tally.Provinces.TryGetValue(name, out var values) ? values : tally.Provinces[name] = new int[3];
        }

        /// <summary>Organisation <paramref name="index"/>, its applications and, if granted, its designation and filings.</summary>
        public Unit Organisation(int index, int[]? allotment)
        {
            // Each organisation its own sequences (HashCode is seeded per process, so not used): one for the structure, one
            // for the partner rows, so that pass 2's rows do not change what pass 1 counted.
            var random = new Random(unchecked((_size.Seed * 1_000_003) + index));
            _partnerRandom = new Random(unchecked((_size.Seed * 1_000_033) + index));
            var (province, code) = Pick(random, ProvinceCodes, _provinceWeight, p => p.Weight, p => (p.Name, p.Code));
            var body = $"91{code:D2}0100MA{index + 1:D7}";
            var uscc = Uscc.Parse(body + Uscc.CheckCharacter(body));
            var name = $"{province[..2]}{NameStems[random.Next(NameStems.Length)]}{NameKinds[random.Next(NameKinds.Length)]}{index + 1}";
            var applicant = new Actor(new Guid(index + 1, 0x0b0e, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 0x01), $"联络人{index + 1}", Role.Applicant);
            var fate = Pick(random, Fates, _totalWeight, f => f.Weight, f => f.Fate);
            var granted = fate >= Fate.Pilot;
            // When the designation was recognised (granted), or when the application started (others).
            var start = fate switch
            {
                Fate.Pilot => _now.AddDays(-random.Next(40, 700)),
                Fate.Disqualified => _now.AddDays(-random.Next(450, 700)),
                Fate.Acceptance or Fate.Cancelled => _now.AddDays(-730 - random.Next(30, 150)),
                Fate.Extended => _now.AddDays(-730 - random.Next(60, 300)),
                Fate.Base => _now.AddDays(-730 - random.Next(100, 1600)),
                Fate.Revoked => _now.AddDays(-730 - random.Next(900, 1600)),
                _ => _now.AddDays(-random.Next(40, 330)),
            };
            var registered = (fate == Fate.Registered ? _now : start.AddDays(granted ? -45 : 0)).AddDays(-random.Next(1, 700)).AddMinutes(-random.Next(1440));
            var organisation = Guohe.Domain.Organisations.Organisation.Register(uscc, name, applicant.Name, $"unit{index + 1}@bench.guohe.cn", $"139{index + 1:D8}", registered, applicant);
            var fields = (KeyFields)random.Next(1, 128);
            var overseas = random.Next(3) > 0;
            organisation.UpdateProfile(applicant, registered, new UnitProfile
            {
                Website = $"https://www.unit{index + 1}.bench.guohe.cn",
                Address = $"{province}{NameStems[random.Next(NameStems.Length)]}路{random.Next(1, 999)}号",
                LegalRepresentative = $"法人{index + 1}",
                TotalStaff = random.Next(10, 800),
                IncubationAreaSquareMetres = random.Next(2, 200) * 500m,
                EnterprisesServed = random.Next(5, 600),
                HasOverseasBase = overseas,
                OverseasBaseCount = overseas ? random.Next(1, 5) : null,
                UnitType = (UnitType)random.Next(5),
                Ownership = (Ownership)random.Next(2),
                Level = random.Next(10) < 3 ? UnitLevel.National : UnitLevel.Provincial,
                KeyFields = fields,
                Province = province,
            });
            var unit = new Unit { Organisation = organisation };
            if (fate == Fate.Registered)
            {
                return unit;
            }
            var t = (granted ? start.AddDays(-45) : start).AddHours(random.Next(24));
            var batch = Batches[ChinaTime.DateOf(t).Year];
            var application = Application.Create(applicant, t, organisation, batch);
            unit.Applications.Add(application);
            var recommended = fate == Fate.Awaiting || random.Next(4) == 0;
            application.EditDraft(applicant, t.AddMinutes(30), Form(organisation, applicant, random, recommended));
            if (fate == Fate.Draft)
            {
                return unit;
            }
            Submit(application, applicant, t.AddHours(2), batch);
            if (fate == Fate.Awaiting)
            {
                return unit;
            }
            if (recommended)
            {
                application.Endorse(_recommender, t.AddDays(2), "该单位国际合作基础扎实，同意推荐。");
            }
            if (fate == Fate.Withdrawn)
            {
                application.Withdraw(applicant, t.AddDays(3), "本年度暂不申报。");
                return unit;
            }
            if (fate == Fate.Returned || random.Next(6) == 0)
            {
                application.ReturnForRevision(_office, t.AddDays(4), "申请单位简介第（三）项缺少技术转移业绩，请补充。");
                if (fate == Fate.Returned)
                {
                    return unit;
                }
                application.EditDraft(applicant, t.AddDays(5), application.Form() with { Introduction = application.Introduction with { TechnologyTransfer = "已补充近三年国际技术转移合同12项。" } });
                Submit(application, applicant, t.AddDays(5).AddHours(1), batch);
                if (recommended)
                {
                    application.Endorse(_recommender, t.AddDays(6), "补充材料后同意推荐。");
                }
            }
            if (fate == Fate.Submitted)
            {
                return unit;
            }
            application.RecordPaperCopies(_office, t.AddDays(7), ChinaTime.DateOf(t.AddDays(7)));
            if (fate == Fate.Rejected)
            {
                application.RejectPreliminaryReview(_office, t.AddDays(8), "单位级别不符合第十条要求。");
                return unit;
            }
            application.PassPreliminaryReview(_office, t.AddDays(8), "材料齐全，初审通过。");
            if (fate == Fate.Passed)
            {
                return unit;
            }
            var team = Team(random, 3);
            var visit = SiteVisit.Schedule(_office, t.AddDays(9), SiteVisitPurpose.ApplicationReview, application.Id, ChinaTime.DateOf(t.AddDays(20)),
                organisation.Profile.Address, "请准备原件备查。", team);
            application.ScheduleSiteVisit(_office, t.AddDays(9), visit);
            unit.Visits.Add(visit);
            var opinions = fate == Fate.Visit ? random.Next(team.Count) : team.Count;
            foreach (var member in team.Take(opinions))
            {
                var expert = _experts.Single(e => e.UserId == member.ExpertUserId);
                visit.DeclareNoConflict(expert, t.AddDays(10));
                visit.FileOpinion(expert, t.AddDays(21), new ExpertScores(random.Next(12, 26), random.Next(12, 26), random.Next(12, 26), random.Next(12, 26)),
                    fate == Fate.NotApproved ? OverallRecommendation.NotRecommend : OverallRecommendation.Recommend, "国际合作渠道与服务团队情况良好。");
            }
            if (fate == Fate.Visit)
            {
                return unit;
            }
            application.CompleteOpinions(_experts.Single(e => e.UserId == team[^1].ExpertUserId), t.AddDays(21), visit);
            if (fate == Fate.Opinions)
            {
                return unit;
            }
            if (fate == Fate.NotApproved)
            {
                application.IssueNonApproval(_office, t.AddDays(25), "经专家评审，暂不符合试点单位条件。");
                return unit;
            }
            application.ProposeApproval(_office, t.AddDays(25), "经审核，该单位符合试点单位条件，建议授予试点单位。");
            var grant = Decision.ProposeGrantPilot(_office, t.AddDays(25), application, "同意授予国际科技合作孵化基地试点单位。");
            unit.Decisions.Add(grant);
            if (fate == Fate.Proposed)
            {
                return unit;
            }
            var recognisedAt = t.AddDays(45);
            var designation = grant.Confirm(_association, recognisedAt, application, DesignationRules.Default).OpenedDesignation!;
            unit.Designation = designation;
            unit.Fees.Add(Charge(random, organisation, FeeKind.Survey, t.AddDays(12)));
            unit.Fees.Add(Charge(random, organisation, FeeKind.ExpertReview, t.AddDays(22)));
            Designated(unit, fate, applicant, random, allotment);
            return unit;
        }

        /// <summary>The designation's life after recognition, as its fate says: filings each year, acceptance, decisions, grades.</summary>
        private void Designated(Unit unit, Fate fate, Actor applicant, Random random, int[]? allotment)
        {
            var designation = unit.Designation!;
            var obligations = unit.Obligations;
            if (fate is Fate.Pilot)
            {
                Plan(designation, obligations, _now);
                FileDue(obligations, applicant, random, allotment, _now);
                return;
            }
            if (fate is Fate.Disqualified)
            {
                var summaryDue = new DateOnly(designation.RecognitionDate.Year, 12, 31);
                var decidedAt = ChinaTime.StartOfDayUtc(summaryDue).AddDays(40);
                Plan(designation, obligations, ChinaTime.StartOfDayUtc(summaryDue).AddDays(1));
                FileDue(obligations.Where(o => o.Kind == ObligationKind.AnnualPlan).ToList(), applicant, random, allotment, decidedAt);
                Decide(unit, DecisionKind.DisqualifyPilot, decidedAt, "未按期提交年度工作总结，经催告仍未提交（第十二条第（四）项）。");
                return;
            }
            // Through the two-year term: plans and summaries, then the construction summary and acceptance (Art. 13).
            var accepted = ChinaTime.StartOfDayUtc(designation.TermEndsOn).AddDays(3).AddHours(2);
            Plan(designation, obligations, accepted);
            FileDue(obligations.Where(o => o.Kind != ObligationKind.ConstructionSummary).ToList(), applicant, random, allotment, accepted);
            var summary = obligations.Single(o => o.Kind == ObligationKind.ConstructionSummary && o.Status == ObligationStatus.Open);
            File(summary, applicant, accepted, random, allotment);
            designation.EnterAcceptance(applicant, accepted, summary);
            summary.Review(_office, accepted.AddDays(5), "建设工作总结材料齐全，同意组织现场评估。", null);
            var evaluation = SiteVisit.Schedule(_office, accepted.AddDays(6), SiteVisitPurpose.AcceptanceEvaluation, designation.Id,
                ChinaTime.DateOf(accepted.AddDays(15)), unit.Organisation.Profile.Address, "单位负责人工作汇报、现场考察、评审会。", Team(random, 3));
            evaluation.RecordProceedings(_office, accepted.AddDays(16), ChinaTime.DateOf(accepted.AddDays(15)), ChinaTime.DateOf(accepted.AddDays(15)), ChinaTime.DateOf(accepted.AddDays(16)), null);
            foreach (var member in evaluation.Team.ToList())
            {
                var expert = _experts.Single(e => e.UserId == member.ExpertUserId);
                evaluation.DeclareNoConflict(expert, accepted.AddDays(7));
                evaluation.FileOpinion(expert, accepted.AddDays(16), new ExpertScores(random.Next(15, 26), random.Next(15, 26), random.Next(15, 26), random.Next(15, 26)),
                    OverallRecommendation.Recommend, "建设目标基本完成，同意通过验收。");
            }
            unit.Visits.Add(evaluation);
            unit.Fees.Add(Charge(random, unit.Organisation, FeeKind.TechnologyService, accepted.AddDays(10)));
            switch (fate)
            {
                case Fate.Acceptance:
                    return;
                case Fate.Cancelled:
                    Decide(unit, DecisionKind.CancelPilot, accepted.AddDays(20), "验收未通过，取消试点建设资格（第十三条第（三）项）。");
                    return;
                case Fate.Extended:
                    Decide(unit, DecisionKind.Extend, accepted.AddDays(20), "国际技术转移业绩尚需积累，延长试点建设期一年。");
                    Plan(designation, obligations, _now);
                    FileDue(obligations.Where(o => o.Kind != ObligationKind.ConstructionSummary).ToList(), applicant, random, allotment, _now);
                    return;
            }
            var grantedAt = accepted.AddDays(25);
            Decide(unit, DecisionKind.GrantBase, grantedAt, "现场评估通过，达到国合孵化基地要求。");
            var firstYear = designation.BaseGrantedOn!.Value.Year;
            var lastYear = fate == Fate.Revoked ? firstYear + 1 : _today.Year - 1;
            for (var year = firstYear; year <= lastYear; year++)
            {
                var at = ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 3, 1));
                var grade = fate == Fate.Revoked ? Grade.Fail : (Grade)random.Next(3) switch { Grade.Fail when random.Next(3) > 0 => Grade.Pass, var g => g };
                designation.RecordGrade(_office, at > _now ? _now : at, year, grade, grade == Grade.Fail ? "年度计划执行不到位，考核不合格。" : "完成年度计划，考核合格。");
            }
            if (fate == Fate.Revoked)
            {
                var revokedAt = ChinaTime.StartOfDayUtc(new DateOnly(lastYear + 1, 4, 1));
                revokedAt = revokedAt.AddDays(5) > _now ? _now.AddDays(-6) : revokedAt;
                Plan(designation, obligations, revokedAt);
                FileDue(obligations.Where(o => o.Kind != ObligationKind.ConstructionSummary).ToList(), applicant, random, allotment, revokedAt);
                Decide(unit, DecisionKind.RevokeBase, revokedAt, "连续两年考核不合格，取消国合孵化基地资格（第十四条）。", RevocationGround.TwoConsecutiveFails);
                return;
            }
            Plan(designation, obligations, _now);
            FileDue(obligations.Where(o => o.Kind != ObligationKind.ConstructionSummary).ToList(), applicant, random, allotment, _now);
        }

        private void Decide(Unit unit, DecisionKind kind, DateTime at, string reason, RevocationGround? ground = null)
        {
            var decision = Decision.Propose(_office, at, kind, unit.Designation!, reason, ground);
            var outcome = decision.Confirm(_association, at.AddDays(5), unit.Designation!, "同意。");
            unit.Decisions.Add(decision);
            if (outcome.Ban is { } ban)
            {
                unit.Bans.Add(ban);
            }
        }

        private void Plan(Designation designation, List<Obligation> obligations, DateTime at)
        {
            foreach (var due in ObligationPlanner.Missing(designation, obligations, ChinaTime.DateOf(at), ObligationRules.Default))
            {
                var created = ChinaTime.StartOfDayUtc(due.DueDate).AddDays(-40);
                obligations.Add(Obligation.Create(_office, created > at ? at : created, designation, due));
            }
        }

        /// <summary>
        /// Files (mostly before, some after the due date) and reviews every open plan and summary due by <paramref name="until"/>;
        /// about one in twelve stays unfiled (overdue). Those due later stay open, a few filed early.
        /// </summary>
        private void FileDue(List<Obligation> obligations, Actor applicant, Random random, int[]? allotment, DateTime until)
        {
            foreach (var obligation in obligations.Where(o => o.Status == ObligationStatus.Open && o.Kind != ObligationKind.ConstructionSummary).OrderBy(o => o.DueDate))
            {
                var roll = random.Next(12);
                var dueAt = ChinaTime.StartOfDayUtc(obligation.DueDate);
                var filed = roll switch
                {
                    0 => (DateTime?)null,
                    1 or 2 => dueAt.AddDays(random.Next(2, 40)).AddHours(3), // late
                    _ => dueAt.AddDays(-random.Next(1, 25)).AddHours(3),
                };
                if (filed is not { } at || at > until)
                {
                    continue;
                }
                File(obligation, applicant, at, random, allotment);
                if (at.AddDays(7) <= until)
                {
                    obligation.Review(_office, at.AddDays(7), "同意，按计划执行。", obligation.Kind == ObligationKind.AnnualSummary ? ReviewConclusion.Pass : null);
                }
            }
        }

        private (ObligationForm Form, List<Guid?> Ids) Filing(Obligation obligation, Random random, int[]? allotment)
        {
            var rows = allotment is null ? 0 : allotment[_filing++];
            var partners = new List<PartnerRow>(rows);
            var ids = new List<Guid?>(rows);
            var draw = _partnerRandom;
            for (var i = 0; i < rows; i++)
            {
                var code = Pick(draw, PartnerCountries, _countryWeight, c => c.Weight, c => c.Code);
                var pool = _institutionsByCountry[code];
                var institution = pool[Math.Min(pool.Count - 1, (int)(pool.Count * draw.NextDouble() * draw.NextDouble()))]; // a few institutions are named often
                partners.Add(new PartnerRow(code, institution.Name, Contents[draw.Next(Contents.Length)]));
                ids.Add(institution.Id);
            }
            var plan = obligation.Kind == ObligationKind.AnnualPlan;
            var items = Enumerable.Range(0, random.Next(1, 4))
                .Select(i => new WorkItem(plan ? $"计划事项{i + 1}：举办国际技术转移培训与对接活动" : $"主要成果{i + 1}：引进海外项目落地孵化",
                    (ConstructionContent)random.Next(6), (KeyFields)(1 << random.Next(7))))
                .ToList();
            var form = new ObligationForm(
                new PersonRow($"制表人{random.Next(1000)}", "国际合作部经理", "010-80000003", "preparer@bench.guohe.cn", "13900000003"),
                $"{obligation.Year}年度国际科技合作工作{(plan ? "计划" : "总结")}：与办公室共同组织创新创业对接活动……",
                plan ? string.Empty : "引进海外项目，促成技术转移合同。",
                partners, items);
            return (form, ids);
        }

        /// <summary>The unit files the form; its partner rows are linked to the directory, as the filing page does.</summary>
        private void File(Obligation obligation, Actor applicant, DateTime at, Random random, int[]? allotment)
        {
            var (form, ids) = Filing(obligation, random, allotment);
            obligation.File(applicant, at, form);
            obligation.LinkInstitutions(ids);
        }

        private static ApplicationForm Form(Organisation organisation, Actor applicant, Random random, bool recommended) => new(
            organisation.Name,
            organisation.Profile,
            [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => PartnerCountries[random.Next(PartnerCountries.Length)].Code).Distinct()],
            new PersonRow(organisation.Profile.LegalRepresentative, "董事长", "010-80000001", $"head@{organisation.Profile.Website[12..]}", "13900000001"),
            [new PersonRow("主要负责人", "总经理", "010-80000002", "director@bench.guohe.cn", "13900000002")],
            new PersonRow(applicant.Name, "国际合作部经理", "010-80000003", organisation.LiaisonEmail, organisation.LiaisonMobile),
            new ApplicantIntroduction("国际化发展目标与运营模式……", "国际科技合作渠道与专职团队……", "国际技术转移服务能力与业绩……", "海外基地与合作平台……"),
            true,
            recommended ? ApplicationRoute.Recommended : ApplicationRoute.SelfApplied,
            recommended ? Guid.Parse("0b0e0000-0000-7000-8000-0000000000aa") : null);

        private void Submit(Application application, Actor applicant, DateTime at, Batch batch)
        {
            var next = _numbers[batch.Year] = _numbers.GetValueOrDefault(batch.Year) + 1;
            application.Submit(applicant, at, new SubmitContext(batch, null, false, Enum.GetValues<FilingDocumentKind>().ToHashSet(), next));
        }

        private List<ExpertAssignment> Team(Random random, int size)
        {
            var first = random.Next(_experts.Count);
            return [.. Enumerable.Range(0, size).Select(i => _experts[(first + (i * 7)) % _experts.Count]).Select((e, i) => new ExpertAssignment(e.UserId, e.Name, i == 0))];
        }

        private Fee Charge(Random random, Organisation organisation, FeeKind kind, DateTime at)
        {
            var fee = Fee.Charge(_office, at, organisation.Id, organisation.Name,
                new FeeDetails(kind, random.Next(10, 200) * 100m, ChinaTime.DateOf(at), $"FP-{organisation.Uscc.Value![^8..]}-{(int)kind}", FeeKindNames.Zh(kind)));
            if (random.Next(4) > 0 && at.AddDays(20) <= _now)
            {
                fee.MarkPaid(_office, at.AddDays(20), ChinaTime.DateOf(at.AddDays(20)));
            }
            return fee;
        }

        private static TResult Pick<T, TResult>(Random random, T[] items, int total, Func<T, int> weight, Func<T, TResult> result)
        {
            var roll = random.Next(total);
            foreach (var item in items)
            {
                roll -= weight(item);
                if (roll < 0)
                {
                    return result(item);
                }
            }
            return result(items[^1]);
        }
    }
}
