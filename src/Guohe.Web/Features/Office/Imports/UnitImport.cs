using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Web.Data;
using Guohe.Web.Features.Office.Designations;
using Guohe.Web.Files;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Guohe.Web.Features.Office.Imports;

/// <summary>A column of the import sheet: its header in Chinese (what the parser looks for) and English, and other spellings accepted.</summary>
public sealed record ImportColumn(string Key, string Zh, string En, bool Required, string NoteZh, params string[] Aliases);

/// <summary>Why a row (or, with <see cref="Row"/> 0, the whole file) cannot be imported; <see cref="Column"/> is null for the row or file as a whole.</summary>
public sealed record ImportError(int Row, ImportColumn? Column, Problem Problem);

/// <summary>A valid row of the sheet and what importing it will do.</summary>
/// <param name="Row">The row number in the sheet (the header is row 1).</param>
/// <param name="ExistingOrganisationId">The organisation with this 统一社会信用代码 already in Guohe: it is kept as it is.</param>
/// <param name="OpenDesignation">The organisation's designation that has not ended: no second one is imported.</param>
/// <param name="Notes">What the office should know although the row can be imported (e.g. a different name in Guohe).</param>
public sealed record ImportRow(
    int Row, Uscc Uscc, string Name, UnitProfile Profile, string LiaisonName, string LiaisonEmail, string LiaisonMobile,
    DateOnly RecognitionDate, DateOnly? BaseGrantedOn, Guid? ExistingOrganisationId, DesignationStatus? OpenDesignation, IReadOnlyList<Problem> Notes)
{
    public bool AsBase => BaseGrantedOn is not null;

    public bool CreatesOrganisation => ExistingOrganisationId is null;

    public bool CreatesDesignation => OpenDesignation is null;
}

/// <summary>The outcome of checking a sheet: every row that can be imported and every error; nothing is stored.</summary>
public sealed record UnitImportCheck(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors)
{
    /// <summary>Importable: at least one row and no error at all (all or nothing).</summary>
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;

    public int OrganisationsToCreate => Rows.Count(r => r.CreatesOrganisation);

    public int OrganisationsExisting => Rows.Count(r => !r.CreatesOrganisation);

    public int DesignationsToCreate => Rows.Count(r => r.CreatesDesignation);

    public int DesignationsSkipped => Rows.Count(r => !r.CreatesDesignation);
}

/// <summary>The outcome of an import: <see cref="Committed"/> when every row was stored in one transaction, else nothing was.</summary>
public sealed record UnitImportResult(UnitImportCheck Check, bool Committed);

/// <summary>The columns of the import sheet (<see cref="UnitImport.Template"/>).</summary>
public static class ImportColumns
{
    public static readonly ImportColumn Uscc = new("Uscc", "统一社会信用代码", "Unified social credit code", true, "18位，请将该列设为文本格式。");
    public static readonly ImportColumn Name = new("Name", "单位名称", "Organisation name", true, "全称，最多200字。");
    public static readonly ImportColumn Province = new("Province", "省份", "Province", true, "省级行政区全称，如江苏省、北京市、广西壮族自治区。");
    public static readonly ImportColumn Type = new("Type", "单位类型", "Unit type", true, "孵化器、企业、科研院所、高校或园区。", "单位性质");
    public static readonly ImportColumn Level = new("Level", "级别", "Level", true, "国家级或省级（第十条：省级以上）。");
    public static readonly ImportColumn Ownership = new("Ownership", "所有制", "Ownership", false, "国有或民营，可不填。");
    public static readonly ImportColumn Fields = new("Fields", "重点领域", "Key fields", false, "可填多个，用顿号分隔：新能源、新材料、先进制造、电子信息、现代农业、生物健康、节能环保（第十五条）。可不填。");
    public static readonly ImportColumn Liaison = new("Liaison", "联络人", "Liaison", true, "联络人姓名（第八条），各类通知的默认接收人。", "联系人");
    public static readonly ImportColumn Email = new("Email", "联络人邮箱", "Liaison e-mail", false, "可不填。", "联系人邮箱");
    public static readonly ImportColumn Mobile = new("Mobile", "联络人手机", "Liaison mobile", false, "11位手机号，可不填。", "联系人手机");
    public static readonly ImportColumn Qualification = new("Qualification", "资格", "Qualification", true, $"{UnitImport.Pilot}或{UnitImport.Base}。");
    public static readonly ImportColumn RecognitionDate = new("RecognitionDate", "认定日期", "Recognition date", true, "试点单位认定日期，如2024-05-01。");
    public static readonly ImportColumn BaseDate = new("BaseDate", "基地认定日期", "Base date", false, $"资格为{UnitImport.Base}时必填，不早于认定日期；试点单位不填。");

    /// <summary>The columns of the template, in order.</summary>
    public static IReadOnlyList<ImportColumn> All { get; } =
        [Uscc, Name, Province, Type, Level, Ownership, Fields, Liaison, Email, Mobile, Qualification, RecognitionDate, BaseDate];

}

/// <summary>
/// Import of pilot units and bases the two associations recognised before Guohe existed, from an .xlsx sheet (the template of
/// <see cref="Template"/>). <see cref="ValidateAsync"/> checks every row and reports each error with its row number and reason;
/// <see cref="CommitAsync"/> checks again and stores all rows in one transaction, or nothing. Organisations are matched by
/// 统一社会信用代码: an existing one is kept as it is, and an organisation with a designation that has not ended gets no second
/// one, so importing the same sheet twice creates nothing the second time. Each organisation and designation created gets one
/// history record naming the actor, the file and the row. Reads the database a fixed number of times, whatever the row count.
/// </summary>
public static partial class UnitImport
{
    /// <summary>The most data rows one sheet may have.</summary>
    public const int MaxRows = 5000;

    public const string Pilot = "试点单位";
    public const string Base = "国合孵化基地";

    private const long LockKey = 0x47756f6865_06;

    private static readonly string[] DateFormats =
        ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm"];

    /// <summary>The import template: the sheet 单位 with the header row only, and 填写说明 with what each column takes.</summary>
    public static byte[] Template()
    {
        var units = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in ImportColumns.All)
        {
            units.Columns.Add(column.Zh, typeof(string));
        }
        var notes = new DataTable { Locale = CultureInfo.InvariantCulture };
        notes.Columns.Add("列", typeof(string));
        notes.Columns.Add("必填", typeof(string));
        notes.Columns.Add("说明", typeof(string));
        foreach (var column in ImportColumns.All)
        {
            notes.Rows.Add(column.Zh, column.Required ? "是" : "否", column.NoteZh);
        }
        notes.Rows.Add(string.Empty, string.Empty, string.Empty);
        notes.Rows.Add("说明", string.Empty, "每行一个单位，从第2行起填写；日期写成2024-05-01或设为日期格式。");
        notes.Rows.Add("说明", string.Empty, "按统一社会信用代码匹配：系统中已有的单位不作修改；已有未终止资格的单位不会重复导入资格。");
        notes.Rows.Add("说明", string.Empty, "任何一行有错误时整个文件都不导入，页面会列出每个错误所在的行和原因。");
        notes.Rows.Add("说明", string.Empty, "导入日期之前到期的年度计划、年度总结视为已在系统外办理；试点单位的建设工作总结照常要求提交。");
        notes.Rows.Add("省份", string.Empty, string.Join("、", Provinces.All));
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["单位"] = units, ["填写说明"] = notes }, excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None, FreezeRowCount = 1, EnableAutoWidth = true, FastMode = true });
        return stream.ToArray();
    }

    /// <summary>
    /// Checks every row of the first sheet of <paramref name="xlsx"/> against the rules and against the database as of
    /// <paramref name="today"/> (China date). Stores nothing.
    /// </summary>
    public static async Task<UnitImportCheck> ValidateAsync(GuoheDbContext db, Stream xlsx, string fileName, DateOnly today, CancellationToken cancellationToken = default)
    {
        var content = await ReadAllAsync(xlsx, cancellationToken);
        var errors = new List<ImportError>();
        var parsed = Parse(content, fileName, errors);
        if (parsed.Count == 0)
        {
            return new UnitImportCheck([], errors);
        }
        var usccs = parsed.Select(p => p.Uscc).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => usccs.Contains(o.Uscc))
            .Select(o => new { o.Id, o.Uscc, o.Name }).ToListAsync(cancellationToken);
        var byUscc = organisations.ToDictionary(o => o.Uscc);
        var ids = organisations.Select(o => o.Id).ToList();
        var open = (await db.Designations.AsNoTracking().Where(d => ids.Contains(d.OrganisationId))
                .Select(d => new { d.OrganisationId, d.Status }).ToListAsync(cancellationToken))
            .Where(d => !DesignationLifecycle.IsEnded(d.Status)).ToLookup(d => d.OrganisationId, d => d.Status);
        var bans = (await db.Bans.AsNoTracking().Where(b => ids.Contains(b.OrganisationId)).ToListAsync(cancellationToken))
            .Where(b => b.IsActive(today)).ToLookup(b => b.OrganisationId);

        var rows = new List<ImportRow>();
        foreach (var row in parsed)
        {
            var existing = byUscc.GetValueOrDefault(row.Uscc);
            var openStatus = existing is null ? null : open[existing.Id].Cast<DesignationStatus?>().FirstOrDefault();
            var problems = Designation.CheckImport(today, row.RecognitionDate, row.BaseGrantedOn, organisationHasOpenDesignation: false);
            foreach (var problem in problems)
            {
                errors.Add(new ImportError(row.Row, problem.Field == "BaseGrantedOn" ? ImportColumns.BaseDate : ImportColumns.RecognitionDate, problem));
            }
            if (existing is not null && openStatus is null && bans[existing.Id].FirstOrDefault() is { } ban)
            {
                errors.Add(new ImportError(row.Row, null, ban.ToProblem()));
            }
            if (problems.Count > 0)
            {
                continue;
            }
            var notes = new List<Problem>();
            if (existing is not null && existing.Name != row.Name)
            {
                notes.Add(new Problem("import.name-differs",
                    $"系统中该单位名称为“{existing.Name}”，不作修改。",
                    $"Guohe has this organisation as '{existing.Name}'; it is left as it is."));
            }
            if (openStatus is { } status)
            {
                notes.Add(new Problem("import.designation-exists",
                    $"该单位已有资格（{DesignationText.Stage(status)}），不重复导入。",
                    $"The organisation already has a designation ({status}); none is imported."));
            }
            else if (row.BaseGrantedOn is null && row.RecognitionDate.AddYears(DesignationRules.Default.TermYears) <= today)
            {
                notes.Add(new Problem("import.term-ended",
                    $"试点建设期已于{ChinaTime.Iso(row.RecognitionDate.AddYears(DesignationRules.Default.TermYears))}届满，导入后应提交建设工作总结、进行验收（第十三条）。",
                    $"The construction period ended on {ChinaTime.Iso(row.RecognitionDate.AddYears(DesignationRules.Default.TermYears))}; after the import the unit owes its construction summary and acceptance (Art. 13)."));
            }
            rows.Add(row with { ExistingOrganisationId = existing?.Id, OpenDesignation = openStatus, Notes = notes });
        }
        return new UnitImportCheck(rows, [.. errors.OrderBy(e => e.Row)]);
    }

    /// <summary>
    /// Checks the sheet again and, when every row is valid, stores every organisation and designation it creates in one
    /// transaction; otherwise stores nothing. Serialised against a concurrent import (SQLite write lock; PostgreSQL advisory
    /// lock), so two clerks importing the same sheet at once cannot create a unit twice.
    /// </summary>
    public static async Task<UnitImportResult> CommitAsync(GuoheDbContext db, Stream xlsx, string fileName, Actor actor, DateTime now, CancellationToken cancellationToken = default)
    {
        var content = await ReadAllAsync(xlsx, cancellationToken);
        var today = ChinaTime.DateOf(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }
        var check = await ValidateAsync(db, new MemoryStream(content, writable: false), fileName, today, cancellationToken);
        if (!check.IsValid)
        {
            return new UnitImportResult(check, false);
        }
        var name = FileNames.Sanitise(fileName);
        var existingIds = check.Rows.Where(r => r.CreatesDesignation && !r.CreatesOrganisation).Select(r => r.ExistingOrganisationId!.Value).ToList();
        var existing = await db.Organisations.AsNoTracking().Where(o => existingIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        foreach (var row in check.Rows.Where(r => r.CreatesOrganisation || r.CreatesDesignation))
        {
            var source = $"从电子表格导入：{name}，第{row.Row}行";
            var article = row.AsBase ? DesignationLifecycle.ImportBase.Article : DesignationLifecycle.ImportPilot.Article;
            Organisation organisation;
            if (row.CreatesOrganisation)
            {
                organisation = Organisation.Import(actor, now, row.Uscc, row.Name, row.LiaisonName, row.LiaisonEmail, row.LiaisonMobile, row.Profile, source, article);
                db.Organisations.Add(organisation);
            }
            else
            {
                organisation = existing[row.ExistingOrganisationId!.Value];
            }
            if (row.CreatesDesignation)
            {
                db.Designations.Add(Designation.Import(actor, now, organisation, row.RecognitionDate, row.BaseGrantedOn, source, false, DesignationRules.Default));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UnitImportResult(check, true);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (stream is MemoryStream memory)
        {
            return memory.ToArray();
        }
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>Reads the first sheet: the header row, then each non-empty row, checked field by field (no database).</summary>
    private static List<ImportRow> Parse(byte[] content, string fileName, List<ImportError> errors)
    {
        var refusal = FileContent.CheckSpreadsheet(content, fileName);
        if (refusal is not null)
        {
            errors.Add(new ImportError(0, null, NotAWorkbook(refusal.Value)));
            return [];
        }
        List<IDictionary<string, object?>> sheet;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            sheet = [.. MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 2)];
        }
#pragma warning disable CA1031 // a malformed workbook may fail in many ways inside the reader; each means the same to the user
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            errors.Add(new ImportError(0, null, new Problem("import.unreadable",
                "无法读取该Excel文件，文件可能已损坏。请用导入模板重新填写后上传。",
                "The Excel file cannot be read; it may be damaged. Fill in the import template and upload it again.")));
            return [];
        }
        if (sheet.Count == 0 || sheet[0].Values.All(v => Text(v).Length == 0))
        {
            errors.Add(new ImportError(0, null, new Problem("import.empty",
                "第一个工作表是空的：第1行应为列标题（见导入模板）。",
                "The first sheet is empty: row 1 must hold the column headers (see the import template).")));
            return [];
        }
        var columns = Headers(sheet[0], errors);
        if (columns is null)
        {
            return [];
        }
        var rows = new List<ImportRow>();
        var seen = new Dictionary<Uscc, int>();
        var dataRows = 0;
        for (var i = 1; i < sheet.Count; i++)
        {
            var cells = sheet[i];
            if (cells.Values.All(v => Text(v).Length == 0))
            {
                continue;
            }
            if (++dataRows > MaxRows)
            {
                errors.Add(new ImportError(0, null, new Problem("import.too-many",
                    $"一次最多导入{MaxRows}行，请把文件拆开分次导入。",
                    $"At most {MaxRows} rows can be imported at once; split the file.")));
                return [];
            }
            object? Cell(ImportColumn column) => columns.TryGetValue(column.Key, out var letter) && cells.TryGetValue(letter, out var value) ? value : null;
            var duplicate = false;
            if (Uscc.TryParse(Text(Cell(ImportColumns.Uscc), usccCell: true), out var uscc, out _) && !seen.TryAdd(uscc, i + 1))
            {
                errors.Add(new ImportError(i + 1, ImportColumns.Uscc, new Problem("import.duplicate",
                    $"统一社会信用代码与第{seen[uscc]}行重复。",
                    $"The unified social credit code repeats row {seen[uscc]}.")));
                duplicate = true;
            }
            if (Row(i + 1, Cell, errors) is { } row && !duplicate)
            {
                rows.Add(row);
            }
        }
        if (dataRows == 0)
        {
            errors.Add(new ImportError(0, null, new Problem("import.no-rows",
                "表中没有数据行：请从第2行起每行填写一个单位。",
                "The sheet has no data rows: fill in one organisation per row from row 2.")));
        }
        return rows;
    }

    private static Problem NotAWorkbook(Refusal refusal) => refusal switch
    {
        Refusal.Empty => new Problem("import.file-empty", "上传的文件是空的。", "The uploaded file is empty."),
        Refusal.Unsafe => new Problem("import.unsafe", "工作簿含外部链接或异常内容（如压缩炸弹），不能导入。", "The workbook has external links or abnormal content (such as a zip bomb) and cannot be imported."),
        Refusal.Macro => new Problem("import.macro", "含宏的工作簿不能导入，请另存为Excel工作簿（.xlsx）后上传。", "Workbooks with macros cannot be imported; save it as an Excel workbook (.xlsx) and upload that."),
        _ => new Problem("import.not-xlsx", "只能导入Excel工作簿（.xlsx）。请下载导入模板，填写后上传。", "Only Excel workbooks (.xlsx) can be imported. Download the import template, fill it in and upload it."),
    };

    /// <summary>Maps each column's key to its letter in the sheet; null (with the errors) when a required column is missing or a header repeats.</summary>
    private static Dictionary<string, string>? Headers(IDictionary<string, object?> header, List<ImportError> errors)
    {
        var found = new Dictionary<string, string>();
        var before = errors.Count;
        foreach (var (letter, value) in header)
        {
            var text = HeaderText(Text(value));
            if (ImportColumns.All.FirstOrDefault(c => c.Zh == text || c.Aliases.Contains(text) || string.Equals(c.En, text, StringComparison.OrdinalIgnoreCase)) is not { } column)
            {
                continue; // other columns are ignored
            }
            if (!found.TryAdd(column.Key, letter))
            {
                errors.Add(new ImportError(1, column, new Problem("import.header-twice", $"“{column.Zh}”列出现了两次。", $"The column '{column.En}' appears twice.")));
            }
        }
        var missing = ImportColumns.All.Where(c => c.Required && !found.ContainsKey(c.Key)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(1, null, new Problem("import.header-missing",
                $"第1行缺少列：{string.Join("、", missing.Select(c => c.Zh))}。请使用导入模板，不要修改列标题。",
                $"Row 1 lacks the column(s): {string.Join(", ", missing.Select(c => c.En))}. Use the import template without changing its headers.")));
        }
        return errors.Count > before ? null : found;
    }

    /// <summary>A header without spaces, required marks and a note in brackets: "资格（试点单位/国合孵化基地）*" → "资格".</summary>
    private static string HeaderText(string text)
    {
        var cut = text.IndexOfAny(['（', '(']);
        return Spaces().Replace(cut < 0 ? text : text[..cut], string.Empty).Trim('*', '＊');
    }

    /// <summary>One data row checked field by field; null with its errors when any field is wrong.</summary>
    private static ImportRow? Row(int number, Func<ImportColumn, object?> cell, List<ImportError> errors)
    {
        var before = errors.Count;
        void Fail(ImportColumn column, string code, string zh, string en) => errors.Add(new ImportError(number, column, new Problem(code, zh, en)));
        string Read(ImportColumn column, int maxLength)
        {
            var text = Text(cell(column));
            if (text.Length == 0 && column.Required)
            {
                Fail(column, "import.required", $"请填写{column.Zh}。", $"Enter the {column.En.ToLowerInvariant()}.");
            }
            else if (text.Length > maxLength)
            {
                Fail(column, "import.too-long", $"{column.Zh}最多{maxLength}个字符。", $"The {column.En.ToLowerInvariant()} has at most {maxLength} characters.");
            }
            return text;
        }

        var usccText = Text(cell(ImportColumns.Uscc), usccCell: true);
        Uscc uscc = default;
        if (!Uscc.TryParse(usccText, out uscc, out var usccProblem))
        {
            errors.Add(new ImportError(number, ImportColumns.Uscc, usccProblem!));
        }
        var name = Read(ImportColumns.Name, Data.Configurations.Mapping.NameLength);
        var provinceText = Read(ImportColumns.Province, 50);
        var province = provinceText.Length == 0 ? null : ProvinceOf(provinceText);
        if (provinceText.Length > 0 && province is null)
        {
            Fail(ImportColumns.Province, "import.province", $"省份“{provinceText}”不是省级行政区名称，例如：江苏省、北京市、广西壮族自治区。",
                $"'{provinceText}' is not a province of China, e.g. 江苏省, 北京市, 广西壮族自治区.");
        }
        var typeText = Read(ImportColumns.Type, 50);
        UnitType? type = typeText.Length == 0 ? null : DesignationText.Types.Where(t => t.Value == typeText || t.Key.ToString().Equals(typeText, StringComparison.OrdinalIgnoreCase)).Select(t => (UnitType?)t.Key).FirstOrDefault();
        if (typeText.Length > 0 && type is null)
        {
            Fail(ImportColumns.Type, "import.type", $"单位类型“{typeText}”无法识别，应为：{string.Join("、", DesignationText.Types.Values)}。",
                $"The unit type '{typeText}' is not known; use one of {string.Join(", ", DesignationText.Types.Values)}.");
        }
        var levelText = Read(ImportColumns.Level, 50);
        UnitLevel? level = levelText switch
        {
            "" => null,
            "国家级" or "National" => UnitLevel.National,
            "省级" or "Provincial" => UnitLevel.Provincial,
            _ => null,
        };
        if (levelText.Length > 0 && level is null)
        {
            if (levelText.StartsWith("其他", StringComparison.Ordinal) || levelText.EndsWith("市级", StringComparison.Ordinal) || levelText.EndsWith("区级", StringComparison.Ordinal) || levelText.EndsWith("县级", StringComparison.Ordinal))
            {
                Fail(ImportColumns.Level, "import.level-below", $"级别为“{levelText}”：试点单位和基地应为省级以上单位（第十条）。",
                    $"The level is '{levelText}': pilot units and bases are at provincial level or above (Art. 10).");
            }
            else
            {
                Fail(ImportColumns.Level, "import.level", $"级别“{levelText}”无法识别，应为：国家级、省级。", $"The level '{levelText}' is not known; use 国家级 (national) or 省级 (provincial).");
            }
        }
        var ownershipText = Read(ImportColumns.Ownership, 20);
        Ownership? ownership = ownershipText switch
        {
            "" => null,
            "国有" or "StateOwned" => Ownership.StateOwned,
            "民营" or "Private" => Ownership.Private,
            _ => null,
        };
        if (ownershipText.Length > 0 && ownership is null)
        {
            Fail(ImportColumns.Ownership, "import.ownership", $"所有制“{ownershipText}”无法识别，应为：国有、民营，或不填。", $"The ownership '{ownershipText}' is not known; use 国有 (state-owned), 民营 (private) or leave it empty.");
        }
        var fieldsText = Read(ImportColumns.Fields, 200);
        var fields = KeyFields.None;
        foreach (var part in FieldSeparators().Split(fieldsText).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var field = KeyFieldNames.All.FirstOrDefault(f => f.Zh == part).Field;
            if (field == KeyFields.None)
            {
                Fail(ImportColumns.Fields, "import.field", $"重点领域“{part}”无法识别，应为：{string.Join("、", KeyFieldNames.All.Select(f => f.Zh))}。",
                    $"The key field '{part}' is not known; use {string.Join(", ", KeyFieldNames.All.Select(f => f.Zh))}.");
            }
            fields |= field;
        }
        var liaison = Read(ImportColumns.Liaison, 100);
        var email = Read(ImportColumns.Email, 256);
        if (email.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            Fail(ImportColumns.Email, "import.email", $"联络人邮箱“{email}”格式不正确。", $"The liaison e-mail '{email}' is not a valid address.");
        }
        var mobile = MobileSeparators().Replace(Read(ImportColumns.Mobile, 20), string.Empty);
        if (mobile.Length > 0 && !MobileNumber().IsMatch(mobile))
        {
            Fail(ImportColumns.Mobile, "import.mobile", $"联络人手机“{mobile}”应为11位手机号码。", $"The liaison mobile '{mobile}' must be an 11-digit mobile number.");
        }
        var qualificationText = Read(ImportColumns.Qualification, 50);
        bool? asBase = qualificationText switch
        {
            "" => null,
            Pilot or "试点" or "国际科技合作孵化基地试点单位" or "Pilot" or "PilotUnit" => false,
            Base or "基地" or "国际科技合作孵化基地" or "Base" => true,
            _ => null,
        };
        if (qualificationText.Length > 0 && asBase is null)
        {
            Fail(ImportColumns.Qualification, "import.qualification", $"资格“{qualificationText}”无法识别，应为“{Pilot}”或“{Base}”。", $"The qualification '{qualificationText}' is not known; use {Pilot} (pilot unit) or {Base} (base).");
        }
        var recognised = Date(ImportColumns.RecognitionDate, cell(ImportColumns.RecognitionDate), number, errors);
        var baseDate = Date(ImportColumns.BaseDate, cell(ImportColumns.BaseDate), number, errors);
        if (asBase == true && baseDate is null && Text(cell(ImportColumns.BaseDate)).Length == 0)
        {
            Fail(ImportColumns.BaseDate, "import.base-date", $"资格为{Base}时请填写基地认定日期。", "Enter the base date for a base.");
        }
        if (asBase == false && Text(cell(ImportColumns.BaseDate)).Length > 0)
        {
            Fail(ImportColumns.BaseDate, "import.base-date-pilot", $"{Pilot}不填基地认定日期；已认定为基地的，请把资格填为“{Base}”。",
                $"A pilot unit has no base date; for a base, set the qualification to {Base}.");
        }
        if (errors.Count > before)
        {
            return null;
        }
        var profile = UnitProfile.Empty with { Province = province!, UnitType = type, Level = level, Ownership = ownership, KeyFields = fields };
        return new ImportRow(number, uscc, name, profile, liaison, email, mobile, recognised!.Value, asBase == true ? baseDate : null, null, null, []);
    }

    /// <summary>A date cell: a date, an Excel serial number or text such as 2024-05-01, 2024/5/1 or 2024年5月1日.</summary>
    private static DateOnly? Date(ImportColumn column, object? value, int row, List<ImportError> errors)
    {
        DateOnly? date = value switch
        {
            null => null,
            DateTime time => DateOnly.FromDateTime(time),
            DateOnly day => day,
            double serial when serial is >= 1 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
            _ => DateOnly.TryParseExact(Text(value), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed) ? parsed
                : DateTime.TryParseExact(Text(value), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withTime) ? DateOnly.FromDateTime(withTime)
                : null,
        };
        var text = Text(value);
        if (text.Length == 0)
        {
            if (column.Required)
            {
                errors.Add(new ImportError(row, column, new Problem("import.required", $"请填写{column.Zh}。", $"Enter the {column.En.ToLowerInvariant()}.")));
            }
            return null;
        }
        if (date is null)
        {
            errors.Add(new ImportError(row, column, new Problem("import.date",
                $"{column.Zh}“{text}”不是有效日期，请写成2024-05-01这样的格式。",
                $"The {column.En.ToLowerInvariant()} '{text}' is not a date; write it like 2024-05-01.")));
            return null;
        }
        if (date < new DateOnly(2000, 1, 1))
        {
            errors.Add(new ImportError(row, column, new Problem("import.date-early",
                $"{column.Zh}{ChinaTime.Iso(date.Value)}早于2000年，请核对。",
                $"The {column.En.ToLowerInvariant()} {ChinaTime.Iso(date.Value)} is before 2000; please check it.")));
            return null;
        }
        return date;
    }

    /// <summary>The province named exactly, or the only one whose name starts with the text (江苏 → 江苏省).</summary>
    private static string? ProvinceOf(string text)
    {
        if (Provinces.All.Contains(text))
        {
            return text;
        }
        var candidates = text.Length >= 2 ? Provinces.All.Where(p => p.StartsWith(text, StringComparison.Ordinal)).ToList() : [];
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>A cell as trimmed text; numbers without exponent or grouping (a code typed into a number cell keeps its digits where it can).</summary>
    private static string Text(object? value, bool usccCell = false) => value switch
    {
        null => string.Empty,
        string s => s.Trim(),
        double d when usccCell => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? string.Empty,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[、,，;；/\s]+")]
    private static partial Regex FieldSeparators();

    [GeneratedRegex(@"[\s\-－]+")]
    private static partial Regex MobileSeparators();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();
}
