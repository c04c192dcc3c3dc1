using System.Globalization;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Documents;

/// <summary>
/// What Form 1 shows beyond the applicant's own entries (<see cref="ApplicationForm"/>): the number, the USCC, the
/// recommender's name and opinion, and the associations' opinion. <see cref="Blank"/> is the form to fill offline.
/// </summary>
public sealed record Form1Content(
    ApplicationForm Form,
    string? Number,
    string Uscc,
    string? RecommenderName,
    string? RecommendationOpinion,
    DateOnly? RecommendedOn,
    string? ReviewOpinion)
{
    public static Form1Content Blank { get; } = new(
        new ApplicationForm(string.Empty, UnitProfile.Empty, [], PersonRow.Empty, [], PersonRow.Empty, ApplicantIntroduction.Empty, false, ApplicationRoute.SelfApplied, null),
        null, string.Empty, null, null, null, null);

    public static Form1Content Of(Application application, string? recommenderName) => new(
        application.Form(), application.Number, application.Uscc.Value, recommenderName, application.RecommendationOpinion,
        application.RecommendedAtUtc is { } at ? ChinaTime.DateOf(at) : null, application.ReviewOpinionLetter);
}

/// <summary>
/// 附件1 国际科技合作孵化基地试点单位申请表 as a Word file: the official table row by row (Measures, Annex 1), filled from
/// the application, with the stamp and date blocks left for signing. The fields Form 1 has no row for (USCC, province,
/// key fields of Art. 15, route and recommender of Art. 11(1)) follow in a supplementary table, so that the file can be
/// read back by <c>Form1Import</c>.
/// </summary>
public static class Form1Document
{
    public const string Title = "国际科技合作孵化基地试点单位";
    public const string Subtitle = "申 请 表";
    public const string SupplementTitle = "补充信息";

    /// <summary>The people columns of the 单位负责人 header row.</summary>
    public static readonly IReadOnlyList<string> PersonColumns = ["姓名", "职务", "电话", "电子邮箱", "手机"];

    /// <summary>The four points of 申请单位简介 (Art. 10), as printed on the form.</summary>
    public static readonly IReadOnlyList<string> IntroductionPoints =
    [
        "1、试点单位的国际化发展目标、孵化服务体系和发展模式；",
        "2、试点单位的国际科技合作渠道，支撑条件和专职服务团队；",
        "3、试点单位的国际技术转移承接服务能力和经验，在技术引进技术孵化、技术转化以及国际人才引进等方面的服务业绩；",
        "4、试点单位的技术、人才、服务等国际合作平台或海外基地，或在海外设立相关机构的计划。",
    ];

    public const string IntroductionNote = "（请作为附件一并提交。）";

    public const string DeclarationText = "我单位自愿申请做为国际科技合作孵化基地试点单位，请予审批。";

    public const string StampLine = "（盖章）       年    月    日";

    /// <summary>The minimum number of 主要负责人 rows, as on the printed form; more rows are added as needed.</summary>
    public const int MainPersonRows = 4;

    /// <summary>The minimum number of country slots (1、 to 4、), as on the printed form.</summary>
    public const int CountrySlots = 4;

    public static readonly IReadOnlyList<(UnitType Type, string Zh)> Types =
    [
        (UnitType.Incubator, "孵化器"), (UnitType.Enterprise, "企业"), (UnitType.ResearchInstitute, "科研院所"), (UnitType.University, "高校"), (UnitType.Park, "园区"),
    ];

    public static readonly IReadOnlyList<(Ownership Ownership, string Zh)> Ownerships = [(Ownership.StateOwned, "国有"), (Ownership.Private, "民营")];

    public static readonly IReadOnlyList<(UnitLevel Level, string Zh)> Levels = [(UnitLevel.National, "国家级"), (UnitLevel.Provincial, "省级")];

    public static readonly IReadOnlyList<(ApplicationRoute Route, string Zh)> Routes = [(ApplicationRoute.SelfApplied, "自行申请"), (ApplicationRoute.Recommended, "协会组织推荐")];

    /// <summary>Label column and five value columns filling the text width (twips).</summary>
    private static readonly int[] Grid = [1501, 1361, 1361, 1361, 1361, 1361];

    public static byte[] Write(Form1Content content)
    {
        var form = content.Form;
        var profile = form.Profile;
        var word = new WordBuilder()
            .Paragraph("附件1：", WordBuilder.BodySize)
            .Title(Title)
            .Title(Subtitle)
            .Paragraph("编号：" + (content.Number ?? string.Empty), WordBuilder.TableSize);
        var table = word.Table(Grid)
            .Row(WordCell.Label("单位名称"), new WordCell(form.OrganisationName, 5))
            .Row(WordCell.Label("网址"), new WordCell(profile.Website, 5))
            .Row(WordCell.Label("地址"), new WordCell(profile.Address, 5))
            .Row(WordCell.Label("法定代表人"), new WordCell(profile.LegalRepresentative, 2), WordCell.Label("员工总数"), new WordCell(Number(profile.TotalStaff), 2))
            .Row(
                WordCell.Label("孵化面积"), new WordCell(profile.IncubationAreaSquareMetres is { } area ? Number(area) + " 平方米" : string.Empty),
                WordCell.Label("服务企业数量"), new WordCell(Number(profile.EnterprisesServed)),
                WordCell.Label("是否有海外孵化基地"), new WordCell(OverseasBase(profile)))
            .Row(WordCell.Label("单位性质"), new WordCell(Nature(profile), 5))
            .Row(WordCell.Label("已有国际科技合作国家"), new WordCell(CountryList(form.Countries), 5))
            .Row([WordCell.Label("单位负责人\n（法人代表）", merge: CellMerge.Restart), .. PersonColumns.Select(c => WordCell.Label(c))])
            .Row([WordCell.Continued(), .. PersonCells(form.UnitHead)]);
        var mainPersons = form.MainPersons.Concat(Enumerable.Repeat(PersonRow.Empty, Math.Max(0, MainPersonRows - form.MainPersons.Count))).ToList();
        for (var i = 0; i < mainPersons.Count; i++)
        {
            table.Row([i == 0 ? WordCell.Label("主要负责人", merge: CellMerge.Restart) : WordCell.Continued(), .. PersonCells(mainPersons[i])]);
        }
        table
            .Row([WordCell.Label("联系人"), .. PersonCells(form.Contact)])
            .Row(WordCell.Label("提交备案\n文件"), new WordCell("1、工商部门核发的营业执照复印件\n2、法人代表身份证复印件\n3、组织机构简介", 5))
            .Row(WordCell.Label("申请单位\n简介"), new WordCell(Introduction(form.Introduction), 5))
            .Row([WordCell.Label("申请单位\n意见"), new WordCell($"{Box(form.Declaration)}{DeclarationText}\n\n                 {StampLine}", 5)], minHeight: 1400)
            .Row([WordCell.Label("区域联络办\n推荐意见"), new WordCell($"{content.RecommendationOpinion}\n\n{Stamp(content.RecommendedOn)}", 5)], minHeight: 1400)
            .Row([WordCell.Label("协会及联盟审核意见"), new WordCell($"{content.ReviewOpinion}\n\n                     {StampLine}", 5)], minHeight: 1400);
        word.Paragraph("注：请填写盖章后附相关文件（2份纸质）邮寄至中国技术创业协会孵化联盟，电子申报文件word版发送至联盟邮箱。", WordBuilder.TableSize);

        word.Paragraph(string.Empty).Paragraph(SupplementTitle + "（供国合系统导入，纸质申报可不打印）", WordBuilder.TableSize, bold: true);
        word.Table(2501, 5805)
            .Row(WordCell.Label("统一社会信用代码"), new WordCell(content.Uscc))
            .Row(WordCell.Label("所在省份"), new WordCell(profile.Province))
            .Row(WordCell.Label("重点领域（第十五条）"), new WordCell(string.Join("  ", KeyFieldNames.All.Select(f => Box(profile.KeyFields.HasFlag(f.Field)) + f.Zh))))
            .Row(WordCell.Label("申报途径（第十一条）"), new WordCell(string.Join("  ", Routes.Select(r => Box(form.Route == r.Route) + r.Zh))))
            .Row(WordCell.Label("推荐单位"), new WordCell(content.RecommenderName ?? string.Empty));
        return word.ToBytes();
    }

    /// <summary>☑ when ticked, □ when not: how the printed forms show a choice.</summary>
    public static string Box(bool ticked) => ticked ? "☑" : "□";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string OverseasBase(UnitProfile profile)
    {
        var count = profile.HasOverseasBase == true && profile.OverseasBaseCount is { } n ? n.ToString(CultureInfo.InvariantCulture) : "   ";
        return $"是{Box(profile.HasOverseasBase == true)} {count} 个\n否{Box(profile.HasOverseasBase == false)}";
    }

    private static string Nature(UnitProfile profile) =>
        string.Join("  ", Types.Select(t => Box(profile.UnitType == t.Type) + t.Zh)) + "\n"
        + string.Join("  ", Ownerships.Select(o => Box(profile.Ownership == o.Ownership) + o.Zh).Concat(Levels.Select(l => Box(profile.Level == l.Level) + l.Zh)));

    /// <summary>"1、德国    2、法国" two to a line, at least four slots as on the printed form.</summary>
    private static string CountryList(IReadOnlyList<string> codes)
    {
        var names = codes.Select(Countries.Zh).Concat(Enumerable.Repeat(string.Empty, Math.Max(0, CountrySlots - codes.Count))).ToList();
        var slots = names.Select((name, i) => $"{i + 1}、{name}").ToList();
        return string.Join("\n", slots.Chunk(2).Select(pair => string.Join("        ", pair)));
    }

    private static IEnumerable<WordCell> PersonCells(PersonRow person) =>
        [new(person.Name, Align: Align.Centre), new(person.Title, Align: Align.Centre), new(person.Phone, Align: Align.Centre), new(person.Email, Align: Align.Centre), new(person.Mobile, Align: Align.Centre)];

    private static string Introduction(ApplicantIntroduction introduction)
    {
        string[] texts = [introduction.GoalsAndModel, introduction.ChannelsAndTeam, introduction.TechnologyTransfer, introduction.Platforms];
        return string.Join("\n", IntroductionPoints.Select((point, i) => texts[i].Length > 0 ? point + "\n" + texts[i] : point)) + "\n" + IntroductionNote;
    }

    private static string Stamp(DateOnly? on) => on is { } date
        ? $"（盖章）       {ChinaTime.Zh(date)}"
        : StampLine;
}
