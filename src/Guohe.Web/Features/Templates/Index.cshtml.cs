using Guohe.Domain.Designations;
using Guohe.Web.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Guohe.Web.Features.Templates;

/// <summary>The four official forms (Measures, Annexes 1–4) as blank Word files, for units that fill them offline; no sign-in.</summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public sealed record Template(int Annex, string Name, string Article);

    public static readonly IReadOnlyList<Template> All =
    [
        new(1, "国际科技合作孵化基地试点单位申请表", "第十一条第（二）项"),
        new(2, "国际科技合作孵化基地试点单位年度工作计划表", "第十二条第（一）项"),
        new(3, "国际科技合作孵化基地试点单位年度工作总结表", "第十二条第（三）项"),
        new(4, "国际科技合作孵化基地试点单位建设工作总结表", "第十三条第（一）项"),
    ];

    public void OnGet()
    {
    }

    public IActionResult OnGetForm(int annex) => annex switch
    {
        1 => WordFile.Result(Form1Document.Write(Form1Content.Blank), "附件1-申请表（空白）"),
        2 => Blank(ObligationKind.AnnualPlan),
        3 => Blank(ObligationKind.AnnualSummary),
        4 => Blank(ObligationKind.ConstructionSummary),
        _ => NotFound(),
    };

    private static FileContentResult Blank(ObligationKind kind)
    {
        var content = ObligationContent.Blank(kind);
        return WordFile.Result(ObligationDocument.Write(content), ObligationDocument.Of(kind).Annex.TrimEnd('：') + "-" + ObligationDocument.FileName(content));
    }
}
