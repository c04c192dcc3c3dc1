using System.Globalization;
using System.Text;
using Guohe.Domain.Common;

namespace Guohe.Web.Features.Announcements;

/// <summary>The text of a batch's announcement of its proposed pilot units (Art. 11(7)), written by the office's edit page and the demo data.</summary>
public static class ProposedUnits
{
    /// <summary>The published text is Chinese whatever the interface language, like the roster for publication.</summary>
    public static string Text(string batch, IReadOnlyList<string> units, DateOnly starts, DateOnly ends)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"根据《国际科技合作孵化基地管理办法（试行版）》第十一条，经单位申请、办公室初审、评审专家实地调研和书面审核，现将{batch}拟授予“国际科技合作孵化基地试点单位”的单位名单予以公示：\n\n");
        for (var i = 0; i < units.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {units[i]}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\n公示期为{ChinaTime.Zh(starts)}至{ChinaTime.Zh(ends)}。公示期内，任何单位或个人对上述单位有异议的，可在本页面提交异议并附相关证明材料。提倡署真实姓名并留下联系方式，以便核实。");
        return text.ToString();
    }
}
