using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;

namespace Guohe.Web.Documents;

/// <summary>What was read from a Form 1 file: the form, the USCC and recommender it names, and what could not be read and why.</summary>
public sealed record Form1Reading(ApplicationForm Form, string? Uscc, string? RecommenderName, IReadOnlyList<Problem> Problems);

/// <summary>
/// Reads a filled Form 1 (附件1 申请表) back from Word: the blank template filled in Word or WPS, or the official form typed
/// by hand in the same table layout. Rows are found by their labels, whatever the spacing, full- or half-width punctuation,
/// merged cells or added people rows; a ticked box may be ☑ √ ✓ ✔ ■ ☒ (or 是 for the overseas base). Nothing it cannot
/// read is guessed: it is left empty and listed with the reason. Hostile files are refused first by <see cref="OfficeFileSafety"/>.
/// </summary>
public static partial class Form1Import
{
    private const string TickMarks = "☑√✓✔■☒▣●✗";

    /// <summary>Reads the file, or says why it is refused.</summary>
    public static (Form1Reading? Result, Problem? Refusal) Read(byte[] content)
    {
        if (OfficeFileSafety.Check(content) is { } refusal)
        {
            return (null, refusal);
        }
        List<List<string>> rows;
        try
        {
            rows = Rows(content);
        }
        catch (Exception e) when (e is DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
        {
            return (null, new Problem("upload.notword", "无法读取此Word文件，请用Word或WPS另存为 .docx 后再上传。", "This Word file cannot be read; save it as .docx from Word or WPS and upload it again.", "Upload"));
        }
        if (Find(rows, "单位名称") is null)
        {
            return (null, new Problem("import.notform1", "文件中没有找到申请表（附件1）的表格：请使用空白申请表或按附件1的表格填写。", "No Form 1 table was found in the file: use the blank form or type the table of Annex 1.", "Upload"));
        }
        return (new Reader(rows).Read(), null);
    }

    /// <summary>Every row of every table, each cell's paragraphs joined by line breaks.</summary>
    private static List<List<string>> Rows(byte[] content)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false, new OpenSettings { AutoSave = false });
        var body = document.MainDocumentPart?.Document?.Body ?? throw new InvalidDataException("no body");
        // Rows, cells and paragraphs may sit inside content controls (w:sdt) when a template was filled in Word: take each
        // at any depth, but only those whose nearest table, row or cell is the one at hand (not a nested table's).
        return [.. body.Descendants<Table>().SelectMany(t => t.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == t))
            .Select(r => r.Descendants<TableCell>().Where(c => c.Ancestors<TableRow>().First() == r)
                .Select(c => string.Join("\n", c.Descendants<Paragraph>().Where(p => p.Ancestors<TableCell>().First() == c).Select(Text)).Trim()).ToList())];
    }

    /// <summary>A paragraph's text with tabs and breaks kept as spaces and line breaks.</summary>
    private static string Text(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case SymbolChar symbol when symbol.Char?.Value is { } code:
                    text.Append(code is "F0FE" or "F052" or "F0FC" ? '☑' : code is "F0A8" or "F06F" ? '□' : ' ');
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>A label without spaces and with half-width punctuation, so "单 位 名 称" and "单位负责人（法人代表）" match.</summary>
    public static string Normalise(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    private static (int Row, int Cell)? Find(List<List<string>> rows, string label, int from = 0)
    {
        var wanted = Normalise(label);
        for (var r = from; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (Normalise(rows[r][c]) == wanted)
                {
                    return (r, c);
                }
            }
        }
        return null;
    }

    /// <summary>The reading of one document: the rows and the problems found so far.</summary>
    private sealed class Reader(List<List<string>> rows)
    {
        private readonly List<Problem> _problems = [];

        public Form1Reading Read()
        {
            var profile = new UnitProfile
            {
                Website = Value("网址"),
                Address = Value("地址"),
                LegalRepresentative = Value("法定代表人"),
                TotalStaff = Whole("员工总数"),
                IncubationAreaSquareMetres = Decimal("孵化面积"),
                EnterprisesServed = Whole("服务企业数量"),
            };
            profile = OverseasBase(profile);
            profile = Nature(profile);
            profile = profile with { Province = Province(), KeyFields = KeyFieldsTicked() };
            var (unitHead, mainPersons, contact) = People();
            var route = Choice("申报途径(第十一条)", Form1Document.Routes, "申报途径", "application route") ?? ApplicationRoute.SelfApplied;
            var recommender = Value("推荐单位", optional: true);
            var form = new ApplicationForm(Value("单位名称"), profile, CountryCodes(), unitHead, mainPersons, contact, Introduction(), Declaration(),
                route, null);
            var uscc = Value("统一社会信用代码", optional: true);
            return new Form1Reading(form, uscc.Length > 0 ? uscc : null, route == ApplicationRoute.Recommended && recommender.Length > 0 ? recommender : null, _problems);
        }

        private void Problem(string code, string zh, string en, string field) => _problems.Add(new Problem("import." + code, zh, en, field));

        /// <summary>The cell right of the label, or empty (listed as not found unless optional).</summary>
        private string Value(string label, bool optional = false)
        {
            if (Find(rows, label) is { } at && at.Cell + 1 < rows[at.Row].Count)
            {
                return rows[at.Row][at.Cell + 1].Trim();
            }
            if (!optional)
            {
                Problem("missing", $"没有找到“{label}”一栏。", $"No ‘{label}’ row was found.", label);
            }
            return string.Empty;
        }

        private int? Whole(string label)
        {
            var number = Number(label);
            if (number is { } n && (n != decimal.Truncate(n) || n > int.MaxValue))
            {
                Problem("number", $"“{label}”应为整数，写的是“{Value(label)}”。", $"‘{label}’ must be a whole number; it says ‘{Value(label)}’.", label);
                return null;
            }
            return number is { } whole ? (int)whole : null;
        }

        private decimal? Decimal(string label) => Number(label);

        /// <summary>The first number in the cell ("56人", "12,000 平方米", full-width digits); empty is null, no number is a problem.</summary>
        private decimal? Number(string label)
        {
            var text = Value(label).Normalize(NormalizationForm.FormKC).Replace(",", string.Empty, StringComparison.Ordinal);
            if (text.Length == 0)
            {
                return null;
            }
            var match = FirstNumber().Match(text);
            if (match.Success && decimal.TryParse(match.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            Problem("number", $"“{label}”写的“{text}”不是数字。", $"‘{label}’ says ‘{text}’, which is not a number.", label);
            return null;
        }

        private UnitProfile OverseasBase(UnitProfile profile)
        {
            var text = Value("是否有海外孵化基地").Normalize(NormalizationForm.FormKC);
            var yes = Marked(text, "是");
            var no = Marked(text, "否");
            var plain = Normalise(text);
            if (!yes && !no && !text.Any(c => TickMarks.Contains(c) || c == '□'))
            {
                // Typed by hand without boxes: "是，3个" or "否".
                yes = plain.StartsWith('是') || plain.StartsWith('有');
                no = plain.StartsWith('否') || plain.StartsWith('无');
            }
            if (yes && no)
            {
                Problem("ticks", "“是否有海外孵化基地”同时勾选了“是”和“否”。", "‘Overseas incubation base’ has both yes and no ticked.", "是否有海外孵化基地");
                return profile;
            }
            var count = FirstNumber().Match(text);
            return profile with
            {
                HasOverseasBase = yes ? true : no ? false : null,
                OverseasBaseCount = yes && count.Success && int.TryParse(count.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            };
        }

        private UnitProfile Nature(UnitProfile profile)
        {
            var text = Value("单位性质");
            return profile with
            {
                UnitType = Ticked(text, Form1Document.Types, "单位类型", "unit type"),
                Ownership = Ticked(text, Form1Document.Ownerships, "所有制", "ownership"),
                Level = Ticked(text, Form1Document.Levels, "级别", "level"),
            };
        }

        private T? Choice<T>(string label, IReadOnlyList<(T Value, string Zh)> options, string what, string whatEn)
            where T : struct
        {
            var text = Value(label, optional: true);
            return text.Length == 0 ? null : Ticked(text, options, what, whatEn);
        }

        /// <summary>The one option whose box (before its name) is ticked; none is null, several are a problem.</summary>
        private T? Ticked<T>(string text, IReadOnlyList<(T Value, string Zh)> options, string what, string whatEn)
            where T : struct
        {
            var ticked = options.Where(o => Marked(text, o.Zh, before: true)).ToList();
            if (ticked.Count > 1)
            {
                Problem("ticks", $"{what}勾选了多项（{string.Join("、", ticked.Select(o => o.Zh))}），请在系统中选择一项。", $"Several boxes are ticked for the {whatEn}; choose one in Guohe.", what);
                return null;
            }
            if (ticked.Count == 0)
            {
                Problem("unticked", $"{what}没有勾选。", $"No box is ticked for the {whatEn}.", what);
                return null;
            }
            return ticked[0].Value;
        }

        private KeyFields KeyFieldsTicked()
        {
            var text = Value("重点领域(第十五条)", optional: true);
            if (text.Length == 0)
            {
                Problem("keyfields", "表中没有“重点领域”，请在系统中选择（《办法》第十五条）。", "The file has no key fields; choose them in Guohe (Art. 15).", "重点领域");
            }
            return KeyFieldNames.All.Where(f => Marked(text, f.Zh, before: true)).Aggregate(KeyFields.None, (all, f) => all | f.Field);
        }

        private string Province()
        {
            var text = Normalise(Value("所在省份", optional: true));
            if (text.Length == 0)
            {
                Problem("province", "表中没有“所在省份”，请在系统中选择。", "The file has no province; choose it in Guohe.", "所在省份");
                return string.Empty;
            }
            var match = Provinces.All.FirstOrDefault(p => p == text) ?? Provinces.All.FirstOrDefault(p => p.StartsWith(text, StringComparison.Ordinal));
            if (match is null)
            {
                Problem("province", $"省份“{text}”无法识别。", $"The province ‘{text}’ is not recognised.", "所在省份");
                return string.Empty;
            }
            return match;
        }

        /// <summary>"1、德国        2、新加坡" or "德国、新加坡，以色列": names (Chinese or English) or ISO codes, in order.</summary>
        private List<string> CountryCodes()
        {
            var text = Value("已有国际科技合作国家");
            // Numbered slots hold one name each (a name may itself contain 、); without numbers, names are separated by 、，; or lines.
            var names = Numbering().IsMatch(text) ? Numbering().Split(text) : CountrySeparator().Split(text);
            var codes = new List<string>();
            foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
            {
                if (Countries.Code(name) is { } code)
                {
                    if (!codes.Contains(code))
                    {
                        codes.Add(code);
                    }
                }
                else
                {
                    Problem("country", $"国家“{name}”无法识别，请在系统中从列表选择。", $"The country ‘{name}’ is not recognised; pick it from the list in Guohe.", "已有国际科技合作国家");
                }
            }
            return codes;
        }

        /// <summary>The people rows: the unit head under the 姓名/职务/… header, the main persons until 联系人, the contact.</summary>
        private (PersonRow UnitHead, List<PersonRow> MainPersons, PersonRow Contact) People()
        {
            var header = Find(rows, "姓名");
            var contactAt = Find(rows, "联系人", header?.Row ?? 0);
            if (header is null || contactAt is null)
            {
                Problem("people", "没有找到单位负责人、主要负责人和联系人的表格。", "The table of the unit head, main persons and contact was not found.", "单位负责人");
                return (PersonRow.Empty, [], PersonRow.Empty);
            }
            var mainAt = Find(rows, "主要负责人", header.Value.Row);
            var firstMain = mainAt is { } m && m.Row < contactAt.Value.Row ? m.Row : contactAt.Value.Row;
            var unitHead = firstMain > header.Value.Row + 1 ? Person(rows[header.Value.Row + 1]) : PersonRow.Empty;
            var mainPersons = new List<PersonRow>();
            for (var r = firstMain; r < contactAt.Value.Row; r++)
            {
                var person = Person(rows[r]);
                if (person != PersonRow.Empty)
                {
                    mainPersons.Add(person);
                }
            }
            return (unitHead, mainPersons, Person(rows[contactAt.Value.Row]));
        }

        /// <summary>The last five cells of a people row: 姓名、职务、电话、电子邮箱、手机.</summary>
        private static PersonRow Person(List<string> row)
        {
            var cells = row.Count >= 6 ? row.Skip(row.Count - 5).ToList() : [.. row.Skip(1), .. Enumerable.Repeat(string.Empty, 5)];
            return new PersonRow(cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim(), cells[4].Trim());
        }

        /// <summary>The four texts after the four printed points of 申请单位简介 (Art. 10), each up to the next point.</summary>
        private ApplicantIntroduction Introduction()
        {
            var lines = Value("申请单位简介").Split('\n');
            var heads = Form1Document.IntroductionPoints.Select(p => Normalise(p).TrimEnd(';', '。', '.')).ToList();
            var note = Normalise(Form1Document.IntroductionNote);
            var texts = new List<string>[4] { [], [], [], [] };
            var current = -1;
            foreach (var line in lines)
            {
                var plain = Normalise(line);
                var point = heads.FindIndex(h => plain.Length > 0 && plain.TrimEnd(';', '。', '.') == h);
                if (point >= 0)
                {
                    current = point;
                }
                else if (plain == note || plain == Normalise("(请作为附件一并提交)"))
                {
                    current = -1;
                }
                else if (current >= 0)
                {
                    texts[current].Add(line);
                }
                else if (plain.Length > 0)
                {
                    // Text before the first point: keep it with the first, rather than lose it.
                    texts[0].Add(line);
                }
            }
            return new ApplicantIntroduction(Join(texts[0]), Join(texts[1]), Join(texts[2]), Join(texts[3]));

            static string Join(List<string> text) => string.Join("\n", text).Trim('\n');
        }

        private bool Declaration()
        {
            var text = Value("申请单位意见");
            if (Marked(text, "我单位自愿申请", before: true))
            {
                return true;
            }
            Problem("declaration", "申请单位意见未勾选，请在系统中勾选申请声明。", "The applicant's declaration is not ticked; tick it in Guohe.", "申请单位意见");
            return false;
        }
    }

    /// <summary>Whether a tick mark stands right before (or, for 是/否, right after) <paramref name="option"/>, spaces aside.</summary>
    private static bool Marked(string text, string option, bool before = false)
    {
        for (var at = text.IndexOf(option, StringComparison.Ordinal); at >= 0; at = text.IndexOf(option, at + 1, StringComparison.Ordinal))
        {
            var prior = at - 1;
            while (prior >= 0 && text[prior] is ' ' or '\u3000')
            {
                prior--;
            }
            if (prior >= 0 && TickMarks.Contains(text[prior]))
            {
                return true;
            }
            if (!before)
            {
                var next = at + option.Length;
                while (next < text.Length && text[next] is ' ' or '\u3000')
                {
                    next++;
                }
                if (next < text.Length && TickMarks.Contains(text[next]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex FirstNumber();

    /// <summary>"1、", "2.", "３、" at the start of a slot.</summary>
    [GeneratedRegex(@"(?<![\p{L}\d])[0-9０-９]+\s*[、.．)）]")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"[\n、，,;；/]+|\s{2,}")]
    private static partial Regex CountrySeparator();
}
