using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Tests.Support;
using Guohe.Web.Documents;
using Guohe.Web.Infrastructure;

namespace Guohe.Tests.Documents;

/// <summary>Form 1 read back from Word: a round trip over varied applications, the official form typed by hand, and hostile files.</summary>
public sealed class Form1ImportTests
{
    private static readonly string[] Rare = ["𠀀", "𪚥", "䶮", "龘", "𰻞", "靐", "齉", "爨", "𡃁", "嫑"];
    private static readonly string[] CountryPool = [.. Countries.AllCodes];

    /// <summary>A deterministic variety of forms: rare characters, long texts over several lines, 0–30 people rows, 0–40 countries.</summary>
    public static IEnumerable<ApplicationForm> Varied(int count)
    {
        var random = new Random(20261124);
        string Text(int max) => random.Next(4) == 0 ? string.Empty : string.Join("\n", Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
            string.Concat(Enumerable.Range(0, random.Next(1, max)).Select(_ => random.Next(6) == 0 ? Rare[random.Next(Rare.Length)] : "国际科技合作孵化服务，技术转移（Tech-Transfer）与人才引进。"[random.Next(36)].ToString()))));
        string Name() => random.Next(3) == 0 ? string.Empty : "张王李赵" [random.Next(4)] + Rare[random.Next(Rare.Length)] + (random.Next(2) == 0 ? "明" : string.Empty);
        PersonRow Person() => random.Next(5) == 0 ? PersonRow.Empty
            : new PersonRow(Name() is { Length: > 0 } n ? n : "林一", random.Next(2) == 0 ? "总经理" : "国际合作部主任", $"010-{random.Next(10000000, 99999999)}", $"p{random.Next(1000)}@example.cn", $"13{random.Next(100000000, 999999999)}");
        UnitLevel[] levels = [UnitLevel.National, UnitLevel.Provincial];
        for (var i = 0; i < count; i++)
        {
            var hasBase = random.Next(3) switch { 0 => (bool?)null, 1 => true, _ => false };
            var profile = new UnitProfile
            {
                Website = random.Next(5) == 0 ? string.Empty : $"https://www.unit{i}.example.cn/path?a={i}",
                Address = random.Next(5) == 0 ? string.Empty : $"{Provinces.All[i % Provinces.All.Count]}某市{Rare[i % Rare.Length]}路{i}号",
                LegalRepresentative = Name(),
                TotalStaff = random.Next(4) == 0 ? null : random.Next(0, 100000),
                IncubationAreaSquareMetres = random.Next(4) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 1_000_000), random.Next(3)),
                EnterprisesServed = random.Next(4) == 0 ? null : random.Next(0, 5000),
                HasOverseasBase = hasBase,
                OverseasBaseCount = hasBase == true && random.Next(3) > 0 ? random.Next(1, 20) : null,
                UnitType = random.Next(6) == 0 ? null : Enum.GetValues<UnitType>()[i % 5],
                Ownership = random.Next(6) == 0 ? null : Enum.GetValues<Ownership>()[i % 2],
                Level = random.Next(6) == 0 ? null : levels[i % 2],
                KeyFields = (KeyFields)(i % 128),
                Province = Provinces.All[(i * 7) % Provinces.All.Count],
            };
            var route = i % 2 == 0 ? ApplicationRoute.SelfApplied : ApplicationRoute.Recommended;
            yield return new ApplicationForm(
                (i % 10 == 0 ? Rare[i % Rare.Length] + "𠀀科技园" : "国际孵化器") + $"有限公司{i}",
                profile,
                [.. CountryPool.OrderBy(_ => random.Next()).Take(i % 41)],
                Person(),
                [.. Enumerable.Range(0, i % 31).Select(_ => Person()).Where(p => p != PersonRow.Empty)],
                Person(),
                new ApplicantIntroduction(Text(400), Text(60), Text(200), Text(30)),
                i % 3 != 0,
                route,
                null);
        }
    }

    [Fact]
    public void Two_hundred_varied_applications_come_back_field_by_field()
    {
        var checkedForms = 0;
        foreach (var (form, i) in Varied(220).Select((f, i) => (f, i)))
        {
            var recommender = form.Route == ApplicationRoute.Recommended ? $"第{i}市孵化器协会" : null;
            var uscc = $"91350100MA2XYZ{i % 10000:D4}";
            var docx = Form1Document.Write(new Form1Content(form, null, uscc, recommender, null, null, null));

            var (reading, refusal) = Form1Import.Read(docx);

            Assert.Null(refusal);
            var read = reading!.Form;
            Assert.Equal(form.OrganisationName, read.OrganisationName);
            Assert.Equal(form.Profile, read.Profile);
            Assert.Equal(form.Countries, read.Countries);
            Assert.Equal(form.UnitHead, read.UnitHead);
            Assert.Equal(form.MainPersons, read.MainPersons);
            Assert.Equal(form.Contact, read.Contact);
            Assert.Equal(form.Introduction, read.Introduction);
            Assert.Equal(form.Declaration, read.Declaration);
            Assert.Equal(form.Route, read.Route);
            Assert.Equal(recommender, reading.RecommenderName);
            Assert.Equal(uscc, reading.Uscc);
            // What the file holds is read without a problem; only what it leaves open (no tick, no declaration) is listed.
            var expected = new List<string>();
            if (form.Profile.UnitType is null) { expected.Add("import.unticked"); }
            if (form.Profile.Ownership is null) { expected.Add("import.unticked"); }
            if (form.Profile.Level is null) { expected.Add("import.unticked"); }
            if (!form.Declaration) { expected.Add("import.declaration"); }
            Assert.Equal(expected.Order(), reading.Problems.Select(p => p.Code).Order());
            checkedForms++;
        }
        Assert.Equal(220, checkedForms);
    }

    [Fact]
    public void A_level_below_provincial_has_no_box_on_the_form_and_is_listed_as_unticked()
    {
        var form = World.CompleteForm() with { Profile = World.CompleteProfile() with { Level = UnitLevel.Other } };
        var (reading, _) = Form1Import.Read(Form1Document.Write(new Form1Content(form, null, "91350100MA2XYZ1234", null, null, null, null)));
        Assert.Null(reading!.Form.Profile.Level);
        Assert.Contains(reading.Problems, p => p.Code == "import.unticked" && p.Field == "级别");
    }

    [Fact]
    public void The_official_form_typed_by_hand_is_read_by_its_labels()
    {
        var docx = HandTyped();
        var (reading, refusal) = Form1Import.Read(docx);
        Assert.Null(refusal);
        var form = reading!.Form;
        Assert.Equal("厦门海丝国际孵化器有限公司", form.OrganisationName);
        Assert.Equal("www.xmhs.cn", form.Profile.Website);
        Assert.Equal("厦门市思明区软件园二期", form.Profile.Address);
        Assert.Equal("郑法人", form.Profile.LegalRepresentative);
        Assert.Equal(56, form.Profile.TotalStaff);
        Assert.Equal(12000m, form.Profile.IncubationAreaSquareMetres);
        Assert.Equal(140, form.Profile.EnterprisesServed);
        Assert.True(form.Profile.HasOverseasBase);
        Assert.Equal(3, form.Profile.OverseasBaseCount);
        Assert.Equal(UnitType.Enterprise, form.Profile.UnitType);
        Assert.Equal(Ownership.Private, form.Profile.Ownership);
        Assert.Equal(UnitLevel.National, form.Profile.Level);
        Assert.Equal(["DE", "SG", "MY"], form.Countries);
        Assert.Equal(new PersonRow("郑法人", "董事长", "0592-5000001", "zheng@xmhs.cn", "13900000001"), form.UnitHead);
        Assert.Equal(6, form.MainPersons.Count);
        Assert.Equal("主任6", form.MainPersons[5].Name);
        Assert.Equal(new PersonRow("吴联络", "经理", "0592-5000009", "wu@xmhs.cn", "13900000009"), form.Contact);
        Assert.Equal("面向东盟的国际化发展目标。\n第二行。", form.Introduction.GoalsAndModel);
        Assert.Equal("海外基地两个。", form.Introduction.Platforms);
        Assert.True(form.Declaration);
        // The official form has no row for these: each is listed for the applicant to fill in Guohe.
        Assert.Contains(reading.Problems, p => p.Field == "所在省份");
        Assert.Contains(reading.Problems, p => p.Field == "重点领域");
        Assert.Contains(reading.Problems, p => p.Code == "import.country" && p.Zh.Contains("火星国", StringComparison.Ordinal));
        Assert.Null(reading.Uscc);
    }

    [Fact]
    public void Unreadable_values_are_left_empty_and_listed_with_their_reason()
    {
        var docx = HandTyped(staff: "约五十人", levels: "☑国家级 √省级");
        var (reading, _) = Form1Import.Read(docx);
        Assert.Null(reading!.Form.Profile.TotalStaff);
        Assert.Null(reading.Form.Profile.Level);
        Assert.Contains(reading.Problems, p => p.Code == "import.number" && p.Zh.Contains("约五十人", StringComparison.Ordinal) && p.En.Contains("not a number", StringComparison.Ordinal));
        Assert.Contains(reading.Problems, p => p.Code == "import.ticks" && p.Field == "级别");
    }

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "text", "upload.notword" },
        { "pdf", "upload.notword" },
        { "zip-without-document", "upload.notword" },
        { "bomb", "upload.bomb" },
        { "lying-bomb", "upload.notword" }, // .NET reads no further than the declared size, so the part is cut short, not expanded
        { "macro", "upload.macro" },
        { "macro-content-type", "upload.macro" },
        { "external-template", "upload.external" },
        { "external-picture", "upload.external" },
        { "include-field", "upload.external" },
        { "empty", "upload.empty" },
        { "truncated", "upload.notword" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void A_hostile_file_is_refused_with_its_reason(string kind, string code)
    {
        var (reading, refusal) = Form1Import.Read(Hostile(kind));
        Assert.Null(reading);
        Assert.Equal(code, refusal!.Code);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Zh));
        Assert.False(string.IsNullOrWhiteSpace(refusal.En));
    }

    [Fact]
    public void Cells_filled_through_content_controls_are_read()
    {
        // Word wraps an entry typed into a template's content control in w:sdt: the paragraph sits one level deeper.
        var docx = HandTyped(contentControls: true);
        var (reading, refusal) = Form1Import.Read(docx);
        Assert.Null(refusal);
        Assert.Equal("厦门海丝国际孵化器有限公司", reading!.Form.OrganisationName);
        Assert.Equal("厦门市思明区软件园二期", reading.Form.Profile.Address);
    }

    [Fact]
    public void A_website_typed_as_a_hyperlink_is_not_an_external_reference()
    {
        var docx = HandTyped(hyperlink: true);
        var (reading, refusal) = Form1Import.Read(docx);
        Assert.Null(refusal);
        Assert.Equal("厦门海丝国际孵化器有限公司", reading!.Form.OrganisationName);
    }

    /// <summary>Hostile uploads, each built from a valid Form 1 or from nothing.</summary>
    public static byte[] Hostile(string kind)
    {
        var valid = Form1Document.Write(Form1Content.Blank);
        return kind switch
        {
            "text" => "单位名称,国际孵化器"u8.ToArray(),
            "pdf" => "%PDF-1.4\n%%EOF\n"u8.ToArray(),
            "empty" => [],
            "truncated" => valid[..(valid.Length / 2)],
            "zip-without-document" => Zip(("[Content_Types].xml", "<Types/>"u8.ToArray())),
            "bomb" => Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", "<w/>"u8.ToArray()), ("word/media/filler.bin", new byte[60 * 1024 * 1024])),
            "lying-bomb" => LyingBomb(),
            "macro" => Rewrite(valid, ("word/vbaProject.bin", [1, 2, 3])),
            "macro-content-type" => Edit(valid, "[Content_Types].xml", xml => xml.Replace("document.main+xml", "document.macroEnabled.main+xml", StringComparison.Ordinal)),
            "external-template" => Edit(valid, "word/_rels/document.xml.rels", xml => xml.Replace("</Relationships>",
                "<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"http://evil.example/t.dotm\" TargetMode=\"External\"/></Relationships>", StringComparison.Ordinal)),
            "external-picture" => Edit(valid, "word/_rels/document.xml.rels", xml => xml.Replace("</Relationships>",
                "<Relationship Id=\"rIdP\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"\\\\evil\\share\\x.png\" TargetMode=\"External\"/></Relationships>", StringComparison.Ordinal)),
            "include-field" => Edit(valid, "word/document.xml", xml => xml.Replace("<w:t xml:space=\"preserve\">单位名称</w:t>",
                "<w:instrText xml:space=\"preserve\"> INCLUDETEXT \"\\\\\\\\evil\\\\x.docx\" </w:instrText><w:t xml:space=\"preserve\">单位名称</w:t>", StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A zip whose central directory claims a tiny size for an entry that expands to 60 MB.</summary>
    private static byte[] LyingBomb()
    {
        var zip = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[60 * 1024 * 1024]));
        // Patch the uncompressed size of word/document.xml in the local header and the central directory to 1 KB.
        var bytes = zip.ToArray();
        var name = "word/document.xml"u8.ToArray();
        for (var i = 0; i + 4 < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith("PK\u0003\u0004"u8) && bytes.AsSpan(i + 30).StartsWith(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), 1024);
            }
            if (bytes.AsSpan(i).StartsWith("PK\u0001\u0002"u8) && bytes.AsSpan(i + 46).StartsWith(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), 1024);
            }
        }
        return bytes;
    }

    private static byte[] Rewrite(byte[] docx, params (string Name, byte[] Content)[] added)
    {
        using var buffer = new MemoryStream();
        buffer.Write(docx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in added)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Edit(byte[] docx, string part, Func<string, string> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(docx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(part) ?? throw new InvalidOperationException(part);
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }
            var changed = change(xml);
            Assert.NotEqual(xml, changed);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
            writer.Write(changed);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The official Form 1 as a clerk would type it in Word, made with the SDK directly (not with Guohe's writer): spaced
    /// labels, full-width parentheses, √ and ■ ticks, 是 for the overseas base, six main-person rows, no supplementary table.
    /// </summary>
    public static byte[] HandTyped(string staff = "56人", string levels = "□国有 ■民营 √国家级 □省级", bool hyperlink = false, bool contentControls = false)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var table = new Table();
            void Row(params string[] cells) => table.Append(new TableRow(cells.Select((c, i) =>
            {
                var paragraphs = c.Split('\n').Select(line => new Paragraph(new Run(new Text(line) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }))).ToList();
                return contentControls && i > 0
                    ? new TableCell(new SdtBlock(new SdtProperties(new SdtAlias { Val = "填写" }), new SdtContentBlock(paragraphs)))
                    : new TableCell(paragraphs);
            })));
            Row("单 位 名 称", "厦门海丝国际孵化器有限公司");
            if (hyperlink)
            {
                var link = main.AddHyperlinkRelationship(new Uri("http://www.xmhs.cn"), true);
                table.Append(new TableRow(new TableCell(new Paragraph(new Run(new Text("网　址")))), new TableCell(new Paragraph(new Hyperlink(new Run(new Text("www.xmhs.cn"))) { Id = link.Id }))));
            }
            else
            {
                Row("网　址", "www.xmhs.cn");
            }
            Row("地 址", "厦门市思明区软件园二期");
            Row("法定代表人", "郑法人", "员工总数", staff);
            Row("孵化面积", "１２,０００平方米", "服务企业数量", "140家", "是否有海外孵化基地", "是，3个");
            Row("单位性质", "□孵化器     √企业     □科研院所\n" + levels);
            Row("已有国际科技合作国家", "1、德国     2、新加坡\n3、马来西亚   4、火星国");
            Row("单位负责人(法人代表)", "姓  名", "职务", "电话", "电子邮箱", "手机");
            Row("", "郑法人", "董事长", "0592-5000001", "zheng@xmhs.cn", "13900000001");
            for (var i = 1; i <= 6; i++)
            {
                Row(i == 1 ? "主要负责人" : "", $"主任{i}", "副总", $"0592-500000{i}", $"p{i}@xmhs.cn", $"1390000001{i}");
            }
            Row("联 系 人", "吴联络", "经理", "0592-5000009", "wu@xmhs.cn", "13900000009");
            Row("提交备案文件", "1、工商部门核发的营业执照复印件");
            Row("申请单位简介", "1、试点单位的国际化发展目标、孵化服务体系和发展模式;\n面向东盟的国际化发展目标。\n第二行。\n4、试点单位的技术、人才、服务等国际合作平台或海外基地，或在海外设立相关机构的计划。\n海外基地两个。\n（请作为附件一并提交。）");
            Row("申请单位意见", "√ 我单位自愿申请做为国际科技合作孵化基地试点单位，请予审批。\n（盖章）");
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("国际科技合作孵化基地试点单位申请表"))), table));
        }
        return buffer.ToArray();
    }
}
