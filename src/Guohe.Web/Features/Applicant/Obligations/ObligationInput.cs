using System.ComponentModel.DataAnnotations;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Features.Applicant.Obligations;

/// <summary>
/// Forms 2–4 (年度工作计划表、年度工作总结表、建设工作总结表) as posted. Formats are checked here (an invalid value is not stored);
/// completeness is the domain's filing check. Property paths match the domain's problem fields (<c>Preparer.Name</c>,
/// <c>WorkText</c>, <c>Items[0].Text</c>, <c>Partners</c>).
/// </summary>
public sealed class ObligationInput
{
    /// <summary>The most rows of either kind a form takes (a guard against runaway posts, not a rule of the Measures).</summary>
    public const int MaxRows = 100;

    /// <summary>制表人: the same five fields and checks as the people of Form 1.</summary>
    public Form1Input.PersonInput Preparer { get; set; } = new();

    [StringLength(32000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "工作计划或总结")]
    public string? WorkText { get; set; }

    [StringLength(32000, ErrorMessage = "{0}不能超过{1}个字符。")]
    [Display(Name = "主要成果")]
    public string? Achievements { get; set; }

    public List<ItemInput> Items { get; set; } = [];

    public List<PartnerInput> Partners { get; set; } = [];

    public int Version { get; set; }

    /// <summary>A plan item (Form 2) or an achievement (Forms 3–4) with its Art. 9 category and Art. 15 fields.</summary>
    public sealed class ItemInput
    {
        [StringLength(WorkItem.MaxLength, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "内容")]
        public string? Text { get; set; }

        [Display(Name = "建设内容类别（《办法》第九条）")]
        public ConstructionContent? Category { get; set; }

        [Display(Name = "重点领域（《办法》第十五条）")]
        public List<KeyFields> Fields { get; set; } = [];

        [System.Text.Json.Serialization.JsonIgnore]
        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && Category is null && Fields.Count == 0;
    }

    /// <summary>国别、机构名称、合作内容.</summary>
    public sealed class PartnerInput
    {
        [StringLength(2, ErrorMessage = "请从列表中选择国家。")]
        [Display(Name = "国别")]
        public string? CountryCode { get; set; }

        [StringLength(200, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "机构名称")]
        public string? Institution { get; set; }

        [StringLength(1000, ErrorMessage = "{0}不能超过{1}个字符。")]
        [Display(Name = "合作内容")]
        public string? Content { get; set; }

        [System.Text.Json.Serialization.JsonIgnore]
        public bool IsBlank => string.IsNullOrWhiteSpace(CountryCode) && string.IsNullOrWhiteSpace(Institution) && string.IsNullOrWhiteSpace(Content);
    }

    /// <summary>
    /// The domain's form. Rows are taken as they stand (the page drops blank rows and refuses items without a category before
    /// calling this), so that problem fields like <c>Items[1].Text</c> name the row the user sees.
    /// </summary>
    public ObligationForm ToForm() => new(
        Preparer.ToRow(),
        WorkText ?? string.Empty,
        Achievements ?? string.Empty,
        [.. Partners.Select(p => new PartnerRow(p.CountryCode ?? string.Empty, p.Institution ?? string.Empty, p.Content ?? string.Empty))],
        [.. Items.Where(i => i.Category is not null).Select(i => new WorkItem(i.Text ?? string.Empty, i.Category!.Value, // filtered just above
            i.Fields.Aggregate(KeyFields.None, (all, field) => all | field)))]);

    public static ObligationInput From(Obligation obligation) => new()
    {
        Preparer = Form1Input.PersonInput.From(obligation.Preparer),
        WorkText = obligation.WorkText,
        Achievements = obligation.Achievements,
        Items = [.. obligation.Items.Select(i => new ItemInput
        {
            Text = i.Text,
            Category = i.Category,
            Fields = [.. KeyFieldNames.Of(i.Fields).Select(f => f.Field)],
        })],
        Partners = [.. obligation.Partners.Select(p => new PartnerInput { CountryCode = p.CountryCode, Institution = p.Institution, Content = p.Content })],
        Version = obligation.Version,
    };

    /// <summary>Keeps the rows that say something, and at most <see cref="MaxRows"/> of each; true when any row was dropped.</summary>
    public bool DropBlankRows()
    {
        var before = Items.Count + Partners.Count;
        Items.RemoveAll(i => i.IsBlank);
        Partners.RemoveAll(p => p.IsBlank);
        if (Items.Count > MaxRows)
        {
            Items.RemoveRange(MaxRows, Items.Count - MaxRows);
        }
        if (Partners.Count > MaxRows)
        {
            Partners.RemoveRange(MaxRows, Partners.Count - MaxRows);
        }
        return Items.Count + Partners.Count != before;
    }

    /// <summary>The Chinese names of the three forms (resource keys).</summary>
    public static string FormName(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "年度工作计划表",
        ObligationKind.AnnualSummary => "年度工作总结表",
        _ => "建设工作总结表",
    };

    /// <summary>The attachment number of the form in the Measures (附件2–4).</summary>
    public static string Attachment(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "附件2",
        ObligationKind.AnnualSummary => "附件3",
        _ => "附件4",
    };

    /// <summary>The heading of part I of the form (the main text).</summary>
    public static string WorkTextLabel(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "本年度国际科技合作工作计划（含与办公室的合作）",
        ObligationKind.AnnualSummary => "工作总结（含与办公室的合作）",
        _ => "试点期建设工作总结",
    };

    /// <summary>The name of a tagged row.</summary>
    public static string ItemLabel(ObligationKind kind) => kind == ObligationKind.AnnualPlan ? "计划事项" : "主要成果";

    /// <summary>The heading of part II (partner institutions).</summary>
    public static string PartnersLabel(ObligationKind kind) => kind switch
    {
        ObligationKind.AnnualPlan => "意向合作机构",
        ObligationKind.AnnualSummary => "本年度实际合作的国外机构",
        _ => "实际合作的国外机构",
    };

    public static string StatusName(ObligationStatus status) => status switch
    {
        ObligationStatus.Open => "待提交",
        ObligationStatus.Filed => "已提交",
        _ => "已审核",
    };

    public static string ConclusionName(ReviewConclusion conclusion) => conclusion switch
    {
        ReviewConclusion.Pass => "通过",
        _ => "工作计划未执行",
    };

    /// <summary>A country's name from the list, or the stored code when it is not (an old row).</summary>
    public static string CountryName(string code) => Countries.Name(code);
}
