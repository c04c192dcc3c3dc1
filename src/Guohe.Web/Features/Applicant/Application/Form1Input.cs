using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Features.Applicant.Application;

/// <summary>
/// Form 1 (申请表) as posted. Formats are checked here (an invalid value is not stored); completeness is the
/// domain's submit check. Property paths match the domain's problem fields (e.g. <c>Profile.Website</c>, <c>MainPersons[0].Mobile</c>).
/// </summary>
public sealed class Form1Input
{
    public const string LandlinePattern = @"^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$";
    public const string MobilePattern = @"^1[3-9]\d{9}$";
    public const string WebsitePattern = @"^(https?://)?([A-Za-z0-9\u4e00-\u9fff-]+\.)+[A-Za-z\u4e00-\u9fff]{2,}(:\d{1,5})?(/\S*)?$";

    [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "单位名称")]
    public string? OrganisationName { get; set; }

    public ProfileInput Profile { get; set; } = new();

    [Display(Name = "已有国际科技合作国家")]
    public List<string> Countries { get; set; } = [];

    public PersonInput UnitHead { get; set; } = new();

    public List<PersonInput> MainPersons { get; set; } = [];

    public PersonInput Contact { get; set; } = new();

    public IntroductionInput Introduction { get; set; } = new();

    [Display(Name = "我单位自愿申请做为国际科技合作孵化基地试点单位，请予审批。")]
    public bool Declaration { get; set; }

    [Display(Name = "申报途径")]
    public ApplicationRoute Route { get; set; }

    [Display(Name = "推荐单位")]
    public Guid? RecommenderOrganisationId { get; set; }

    public int Version { get; set; }

    public sealed class ProfileInput
    {
        [StringLength(300, ErrorMessage = "{0}不能超过{1}个字符。")]
        [RegularExpression(WebsitePattern, ErrorMessage = "网址格式不正确，例如 https://www.example.cn。")]
        [Display(Name = "网址")]
        public string? Website { get; set; }

        [StringLength(300, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "地址")]
        public string? Address { get; set; }

        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "法定代表人")]
        public string? LegalRepresentative { get; set; }

        [Range(0, 1_000_000, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "员工总数（人）")]
        public int? TotalStaff { get; set; }

        // Limits as decimals: Range(int, int) converts the value to Int32 and throws on 1e20 (issue 9's fuzz test found a 500).
        [Range(typeof(decimal), "0", "100000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "孵化面积（平方米）")]
        public decimal? IncubationAreaSquareMetres { get; set; }

        [Range(0, 1_000_000, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "服务企业数量（家）")]
        public int? EnterprisesServed { get; set; }

        [Display(Name = "是否有海外孵化基地")]
        public bool? HasOverseasBase { get; set; }

        [Range(0, 10_000, ErrorMessage = "{0}应在{1}至{2}之间。")]
        [Display(Name = "海外孵化基地个数")]
        public int? OverseasBaseCount { get; set; }

        [Display(Name = "单位性质（类型）")]
        public UnitType? UnitType { get; set; }

        [Display(Name = "单位性质（国有/民营）")]
        public Ownership? Ownership { get; set; }

        [Display(Name = "单位级别")]
        public UnitLevel? Level { get; set; }

        [Display(Name = "重点领域（《办法》第十五条）")]
        public List<KeyFields> KeyFields { get; set; } = [];

        [StringLength(20, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "所在省份")]
        public string? Province { get; set; }
    }

    public sealed class PersonInput
    {
        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "姓名")]
        public string? Name { get; set; }

        [StringLength(50, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "职务")]
        public string? Title { get; set; }

        [RegularExpression(LandlinePattern, ErrorMessage = "电话应带区号，例如 010-63975889。")]
        [Display(Name = "电话")]
        public string? Phone { get; set; }

        [StringLength(256, ErrorMessage = "{0}不能超过{1}个字符。")]
        [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
        [Display(Name = "电子邮箱")]
        public string? Email { get; set; }

        [RegularExpression(MobilePattern, ErrorMessage = "手机号应为以1开头的11位数字。")]
        [Display(Name = "手机")]
        public string? Mobile { get; set; }

        public PersonRow ToRow() => new(Name ?? string.Empty, Title ?? string.Empty, Phone ?? string.Empty, Email ?? string.Empty, Mobile ?? string.Empty);

        public static PersonInput From(PersonRow row) => new() { Name = row.Name, Title = row.Title, Phone = row.Phone, Email = row.Email, Mobile = row.Mobile };
    }

    public sealed class IntroductionInput
    {
        [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "1、国际化发展目标、孵化服务体系和发展模式")]
        public string? GoalsAndModel { get; set; }

        [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "2、国际科技合作渠道，支撑条件和专职服务团队")]
        public string? ChannelsAndTeam { get; set; }

        [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "3、国际技术转移承接服务能力和经验，在技术引进、技术孵化、技术转化以及国际人才引进等方面的服务业绩")]
        public string? TechnologyTransfer { get; set; }

        [StringLength(5000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "4、技术、人才、服务等国际合作平台或海外基地，或在海外设立相关机构的计划")]
        public string? Platforms { get; set; }
    }

    public ApplicationForm ToForm() => new(
        OrganisationName ?? string.Empty,
        new UnitProfile
        {
            Website = Profile.Website?.Trim() ?? string.Empty,
            Address = Profile.Address?.Trim() ?? string.Empty,
            LegalRepresentative = Profile.LegalRepresentative?.Trim() ?? string.Empty,
            TotalStaff = Profile.TotalStaff,
            IncubationAreaSquareMetres = Profile.IncubationAreaSquareMetres,
            EnterprisesServed = Profile.EnterprisesServed,
            HasOverseasBase = Profile.HasOverseasBase,
            OverseasBaseCount = Profile.HasOverseasBase == true ? Profile.OverseasBaseCount : null,
            UnitType = Profile.UnitType,
            Ownership = Profile.Ownership,
            Level = Profile.Level,
            KeyFields = Profile.KeyFields.Aggregate(KeyFields.None, (all, field) => all | field),
            Province = Profile.Province?.Trim() ?? string.Empty,
        },
        Countries,
        UnitHead.ToRow(),
        [.. MainPersons.Select(p => p.ToRow())],
        Contact.ToRow(),
        new ApplicantIntroduction(Introduction.GoalsAndModel ?? string.Empty, Introduction.ChannelsAndTeam ?? string.Empty,
            Introduction.TechnologyTransfer ?? string.Empty, Introduction.Platforms ?? string.Empty),
        Declaration,
        Route,
        RecommenderOrganisationId);

    /// <summary>The organisations an applicant may name as recommender (Art. 11(1)): those with a recommender account.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> RecommendersAsync(Guohe.Web.Data.GuoheDbContext db)
    {
        var recommenderRole = nameof(Role.Recommender);
        return (await (from organisation in db.Organisations
                       where db.Users.Any(u => u.OrganisationId == organisation.Id
                           && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == recommenderRole)))
                       orderby organisation.Name
                       select new { organisation.Id, organisation.Name }).ToListAsync())
            .Select(o => (o.Id, o.Name)).ToList();
    }

    public static Form1Input From(ApplicationForm form, int version) => new()
    {
        OrganisationName = form.OrganisationName,
        Profile = new ProfileInput
        {
            Website = form.Profile.Website,
            Address = form.Profile.Address,
            LegalRepresentative = form.Profile.LegalRepresentative,
            TotalStaff = form.Profile.TotalStaff,
            IncubationAreaSquareMetres = form.Profile.IncubationAreaSquareMetres,
            EnterprisesServed = form.Profile.EnterprisesServed,
            HasOverseasBase = form.Profile.HasOverseasBase,
            OverseasBaseCount = form.Profile.OverseasBaseCount,
            UnitType = form.Profile.UnitType,
            Ownership = form.Profile.Ownership,
            Level = form.Profile.Level,
            KeyFields = [.. Enum.GetValues<KeyFields>().Where(f => f != Domain.Organisations.KeyFields.None && form.Profile.KeyFields.HasFlag(f))],
            Province = form.Profile.Province,
        },
        Countries = [.. form.Countries],
        UnitHead = PersonInput.From(form.UnitHead),
        MainPersons = [.. form.MainPersons.Select(PersonInput.From)],
        Contact = PersonInput.From(form.Contact),
        Introduction = new IntroductionInput
        {
            GoalsAndModel = form.Introduction.GoalsAndModel,
            ChannelsAndTeam = form.Introduction.ChannelsAndTeam,
            TechnologyTransfer = form.Introduction.TechnologyTransfer,
            Platforms = form.Introduction.Platforms,
        },
        Declaration = form.Declaration,
        Route = form.Route,
        RecommenderOrganisationId = form.RecommenderOrganisationId,
        Version = version,
    };
}
