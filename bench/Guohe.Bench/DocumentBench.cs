using System.Diagnostics;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Documents;

namespace Guohe.Bench;

/// <summary>Form 1 as a Word file, in process: documents per second over a few seconds after a warm-up (QUALITY.md: ≥ 200/s).</summary>
public static class DocumentBench
{
    /// <summary>A full application: every field, 20 main persons, 30 countries, four long introduction texts.</summary>
    public static Form1Content FullApplication()
    {
        var person = (int i) => new PersonRow($"负责人{i}", "国际合作部副经理", $"010-6397{i:D4}", $"person{i}@incubator.example.cn", $"1391234{i:D4}");
        var text = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"第{i}段：本单位围绕国际化发展目标，建设孵化服务体系，与德国、以色列、新加坡等国的机构合作开展技术转移与人才引进。"));
        var profile = new UnitProfile
        {
            Website = "https://www.incubator.example.cn", Address = "北京市海淀区复兴路12号恩菲科技大厦A座", LegalRepresentative = "陈法人",
            TotalStaff = 120, IncubationAreaSquareMetres = 25000m, EnterprisesServed = 310, HasOverseasBase = true, OverseasBaseCount = 3,
            UnitType = UnitType.Incubator, Ownership = Ownership.StateOwned, Level = UnitLevel.National,
            KeyFields = KeyFields.NewEnergy | KeyFields.BioHealth | KeyFields.AdvancedManufacturing, Province = "北京市",
        };
        string[] countries = ["DE", "FR", "IL", "SG", "JP", "KR", "US", "GB", "IT", "ES", "NL", "BE", "CH", "AT", "SE", "FI", "NO", "DK", "PL", "CZ", "HU", "RU", "KZ", "TH", "VN", "MY", "ID", "AU", "NZ", "CA"];
        var form = new ApplicationForm("北京国际科技合作孵化器有限公司", profile, countries, person(0), [.. Enumerable.Range(1, 20).Select(person)], person(99),
            new ApplicantIntroduction(text, text, text, text), true, ApplicationRoute.Recommended, Guid.NewGuid());
        return new Form1Content(form, "GH-2026-0001", "91110108MA01ABCD1X", "北京市孵化器协会", "同意推荐。", new DateOnly(2026, 5, 8), null);
    }

    public static IEnumerable<Figure> Run()
    {
        var content = FullApplication();
        var size = Form1Document.Write(content).Length;
        for (var i = 0; i < 200; i++)
        {
            Form1Document.Write(content);
        }
        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed < TimeSpan.FromSeconds(5))
        {
            var start = Stopwatch.GetTimestamp();
            Form1Document.Write(content);
            samples.Add(Figure.Milliseconds(Stopwatch.GetTimestamp() - start));
        }
        var perSecond = samples.Count / total.Elapsed.TotalSeconds;
        yield return new Figure("Form 1 as a Word file, in process (one thread)", $"full application, {size / 1024} KB", perSecond, "documents/s", "≥ 200 documents/s", perSecond >= 200);
        yield return new Figure("Form 1 as a Word file, in process, p95", "full application", Figure.Percentile(samples, 0.95), "ms", "(≤ 15 ms over HTTP)", Figure.Percentile(samples, 0.95) <= 15);

        var docx = Form1Document.Write(content);
        var reads = 0;
        var reading = Stopwatch.StartNew();
        while (reading.Elapsed < TimeSpan.FromSeconds(3))
        {
            _ = Form1Import.Read(docx).Result ?? throw new InvalidOperationException("The benchmark's Form 1 was not read.");
            reads++;
        }
        yield return new Figure("Form 1 read back from Word (import), in process", "full application", reads / reading.Elapsed.TotalSeconds, "documents/s", "(no bar)", true);
    }
}
