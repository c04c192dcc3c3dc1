using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;

namespace Guohe.Domain.Applications;

/// <summary>申报途径 (Art. 11(1)): recommended by an incubator association at prefecture level or above, or self-applied.</summary>
public enum ApplicationRoute
{
    /// <summary>自行申请.</summary>
    SelfApplied,
    /// <summary>协会组织推荐.</summary>
    Recommended,
}

/// <summary>提交备案文件 of Form 1. The files themselves are stored by the web layer.</summary>
public enum FilingDocumentKind
{
    /// <summary>工商部门核发的营业执照复印件.</summary>
    BusinessLicence,
    /// <summary>法人代表身份证复印件.</summary>
    LegalRepresentativeId,
    /// <summary>组织机构简介.</summary>
    OrganisationIntroduction,
}

/// <summary>One country already cooperated with (已有国际科技合作国家), as an ISO 3166-1 alpha-2 code.</summary>
public sealed record CooperationCountry(string Code);

/// <summary>申请单位简介: the four points of Art. 10 (one text each).</summary>
/// <param name="GoalsAndModel">Art. 10(1): 国际化发展目标、孵化服务体系和发展模式.</param>
/// <param name="ChannelsAndTeam">Art. 10(2): 国际科技合作渠道、支撑条件和专职服务团队.</param>
/// <param name="TechnologyTransfer">Art. 10(3): 国际技术转移承接服务能力和经验及服务业绩.</param>
/// <param name="Platforms">Art. 10(4): 国际合作平台或海外基地，或在海外设立相关机构的计划.</param>
public sealed record ApplicantIntroduction(string GoalsAndModel, string ChannelsAndTeam, string TechnologyTransfer, string Platforms)
{
    public static ApplicantIntroduction Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty);
}

/// <summary>Everything the applicant fills in on Form 1, saved whole by <see cref="Application.EditDraft"/>.</summary>
public sealed record ApplicationForm(
    string OrganisationName,
    UnitProfile Profile,
    IReadOnlyList<string> Countries,
    PersonRow UnitHead,
    IReadOnlyList<PersonRow> MainPersons,
    PersonRow Contact,
    ApplicantIntroduction Introduction,
    bool Declaration,
    ApplicationRoute Route,
    Guid? RecommenderOrganisationId);

/// <summary>
/// The facts <see cref="Application.CheckSubmit"/> cannot see, gathered by one query: the batch, the active ban on the
/// USCC if any, whether the organisation has another open application, which filing documents are uploaded, and
/// the next free number in the batch (used only the first time the application is submitted).
/// </summary>
public sealed record SubmitContext(
    Batch Batch,
    Ban? ActiveBan,
    bool HasOtherOpenApplication,
    IReadOnlySet<FilingDocumentKind> DocumentsPresent,
    int NextNumberInBatch);
