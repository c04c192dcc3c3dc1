using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Documents;

namespace Guohe.Tests.Documents;

/// <summary>附件1 申请表 as Word: valid Open XML, the official rows in order, and the application's values in its cells.</summary>
public sealed class Form1DocumentTests
{
    private static Form1Content Filled(ApplicationForm? form = null) =>
        new(form ?? World.CompleteForm(ApplicationRoute.Recommended), "GH-2026-0007", "91350100MA2XYZ1234", "福州市孵化器协会", "同意推荐。", new DateOnly(2026, 5, 8), null);

    [Fact]
    public void The_filled_and_the_blank_form_pass_the_validator()
    {
        Assert.Empty(WordTables.ValidationErrors(Form1Document.Write(Filled())));
        Assert.Empty(WordTables.ValidationErrors(Form1Document.Write(Form1Content.Blank)));
    }

    [Fact]
    public void The_rows_follow_the_official_form_in_order()
    {
        var table = WordTables.Read(Form1Document.Write(Form1Content.Blank))[0];
        string[] labels =
        [
            "单位名称", "网址", "地址", "法定代表人", "孵化面积", "单位性质", "已有国际科技合作国家", "单位负责人\n（法人代表）", "",
            "主要负责人", "", "", "", "联系人", "提交备案\n文件", "申请单位\n简介", "申请单位\n意见", "区域联络办\n推荐意见", "协会及联盟审核意见",
        ];
        Assert.Equal(labels, table.Select(r => r[0]));
        Assert.Equal(["单位负责人\n（法人代表）", "姓名", "职务", "电话", "电子邮箱", "手机"], table[7]);
        Assert.Equal(["法定代表人", "", "员工总数", ""], table[3]);
        Assert.Equal(["孵化面积", "", "服务企业数量", "", "是否有海外孵化基地", "是□     个\n否□"], table[4]);
        Assert.Equal("□孵化器  □企业  □科研院所  □高校  □园区\n□国有  □民营  □国家级  □省级", table[5][1]);
        Assert.Equal("1、        2、\n3、        4、", table[6][1]);
        var paragraphs = WordTables.Paragraphs(Form1Document.Write(Form1Content.Blank));
        Assert.Equal(["附件1：", "国际科技合作孵化基地试点单位", "申 请 表", "编号："], paragraphs.Take(4));
    }

    [Fact]
    public void The_cells_hold_the_application()
    {
        var form = World.CompleteForm(ApplicationRoute.Recommended) with
        {
            MainPersons = [.. Enumerable.Range(1, 6).Select(i => new PersonRow($"负责人{i}", "副总", $"010-{i:D8}", $"p{i}@example.cn", $"1390000000{i}"))],
        };
        var docx = Form1Document.Write(Filled(form));
        var table = WordTables.Read(docx)[0];

        Assert.Equal("福州国际创新孵化器有限公司", WordTables.ValueOf(docx, "单位名称"));
        Assert.Equal("https://www.fzinc.cn", WordTables.ValueOf(docx, "网址"));
        Assert.Equal(["法定代表人", "陈法人", "员工总数", "56"], table[3]);
        Assert.Equal(["孵化面积", "12000 平方米", "服务企业数量", "140", "是否有海外孵化基地", "是☑ 2 个\n否□"], table[4]);
        Assert.Equal("☑孵化器  □企业  □科研院所  □高校  □园区\n□国有  ☑民营  □国家级  ☑省级", table[5][1]);
        Assert.Equal("1、德国        2、新加坡\n3、以色列        4、", table[6][1]);
        Assert.Equal(["", "陈法人", "董事长", "0591-87000001", "chen@fzinc.cn", "13800000002"], table[8]);
        var mainRows = table.Skip(9).Take(6).ToList();
        Assert.Equal(["主要负责人", "负责人1", "副总", "010-00000001", "p1@example.cn", "13900000001"], mainRows[0]);
        Assert.Equal(["", "负责人6", "副总", "010-00000006", "p6@example.cn", "13900000006"], mainRows[5]);
        Assert.Equal("联系人", table[15][0]);
        Assert.Equal("张联络", table[15][1]);
        Assert.StartsWith("☑我单位自愿申请", table[18][1], StringComparison.Ordinal);
        Assert.StartsWith("同意推荐。", table[19][1], StringComparison.Ordinal);
        Assert.Contains("2026年5月8日", table[19][1], StringComparison.Ordinal);
        Assert.Contains("1、试点单位的国际化发展目标、孵化服务体系和发展模式；\n国际化发展目标……\n2、", table[17][1], StringComparison.Ordinal);

        Assert.Equal("91350100MA2XYZ1234", WordTables.ValueOf(docx, "统一社会信用代码"));
        Assert.Equal("福建省", WordTables.ValueOf(docx, "所在省份"));
        Assert.Equal("☑新能源  □新材料  □先进制造  ☑电子信息  □现代农业  □生物健康  □节能环保", WordTables.ValueOf(docx, "重点领域（第十五条）"));
        Assert.Equal("□自行申请  ☑协会组织推荐", WordTables.ValueOf(docx, "申报途径（第十一条）"));
        Assert.Equal("福州市孵化器协会", WordTables.ValueOf(docx, "推荐单位"));
        Assert.Empty(WordTables.ValidationErrors(docx));
    }
}
