using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9 (Trust), hostile uploads: a corpus of attack files posted through every upload of the app — the application's
/// documents, a plan or summary document, an objection's file, a story's picture — like a browser does (GET, antiforgery token,
/// multipart POST). None may be accepted, none may give a 500, nothing may be written in the data directory; file names that
/// only attack by their name (paths, overlong, bidirectional overrides) may carry a harmless PDF and are then stored under a
/// random name with the name cleaned (QUALITY.md, uploads; ASVS 5.2, 5.3).
/// </summary>
public sealed class UploadCorpusTests(ITestOutputHelper output)
{
    private const long MaxBytes = 256 * 1024;

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8];

    /// <summary>The EICAR anti-virus test file, put together here so that no scanner flags the repository.</summary>
    private static byte[] Eicar() => Encoding.ASCII.GetBytes(string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-", "TEST-FILE!$H+H*"));

    private sealed record Attack(string Name, string FileName, byte[] Content);

    private static List<Attack> Corpus()
    {
        var eicar = Eicar();
        return
        [
            new("EICAR as is", "eicar.com", eicar),
            new("EICAR named .pdf", "eicar.pdf", eicar),
            new("EICAR inside a PDF", "scan.pdf", [.. "%PDF-1.4\n%"u8, .. eicar, .. "\n%%EOF\n"u8]),
            new("EICAR inside a PNG", "photo.png", [.. Png(100, 100), .. eicar]),
            new("PDF with /JavaScript on open", "form.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n2 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")),
            new("PDF/HTML polyglot with /JS", "polyglot.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n<html><body><script>alert(1)</script>\n1 0 obj<</AA<</O<</S/JavaScript/JS(this.exportDataObject())>>>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n</body></html>")),
            new("PDF with escaped name /J#61vaScript", "escaped.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</S/J#61vaScript/J#53(app.alert(1))>>endobj\n%%EOF\n")),
            new("PDF with /JavaScript in an object stream", "objstm.pdf", CompressedPdf("<</S/JavaScript/JS(app.alert(1))>>")),
            new("PDF with /Launch", "launch.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</OpenAction<</S/Launch/F(cmd.exe)>>>>endobj\n%%EOF\n")),
            new("PDF with an embedded file", "attach.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/EmbeddedFile/Length 4>>stream\nMZ..\nendstream\nendobj\n%%EOF\n")),
            new("EXE renamed .pdf", "invoice.pdf", Exe),
            new("EXE named x.pdf.exe", "x.pdf.exe", Exe),
            new("PDF named x.pdf.exe", "x.pdf.exe", Pdf),
            new("EXE with a ../../ name", "../../../../tmp/evil.pdf", Exe),
            new("EXE with a ..\\ name", "..\\..\\windows\\system32\\evil.pdf", Exe),
            new("one byte over the limit", "big.pdf", [.. Pdf, .. new byte[MaxBytes + 1 - Pdf.Length]]),
            new("empty file", "empty.pdf", []),
            new("zip bomb .docx (60 MB of zeros)", "bomb.docx", ZipBomb()),
            new("SVG with script", "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray()),
            new("SVG with script named .png", "logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray()),
            new("HTML named .jpg", "photo.jpg", "<html><script>alert(1)</script></html>"u8.ToArray()),
            new("PNG claiming 10,000×10,000", "huge.png", Png(10_000, 10_000)),
            new("JPEG claiming 10,000×10,000", "huge.jpg", Jpeg(10_000, 10_000)),
            new("PNG claiming 100,000,000×1", "wide.png", Png(100_000_000, 1)),
            new("EXE with an RTL name", "invoice\u202Efdp.exe", Exe),
            new("EXE with a 300-character name", new string('长', 300) + ".pdf", Exe),
            new("EXE with a 5,000-character name", new string('长', 5_000) + ".pdf", Exe),
            new("GIF", "anim.gif", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray()),
        ];
    }

    /// <summary>Harmless content whose only attack is its name: stored, under a random name, with the name cleaned.</summary>
    private static List<Attack> NameOnly() =>
    [
        new("PDF with a ../../ name", "../../../../etc/passwd.pdf", Pdf),
        new("PDF with an RTL override", "报告\u202Efdp.exe.pdf", Pdf),
        new("PDF with a 300-character name", new string('国', 300) + ".pdf", Pdf),
        new("PDF with bidi isolates", "报告\u2066gpj\u2069\u202D.pdf", Pdf),
    ];

    private sealed record Target(string Name, PageClient Client, string Url, string FormSelector, bool FileOptional, Func<Page, Dictionary<string, string>>? Values = null);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_upload_refuses_the_attack_corpus_without_a_500_or_a_file_on_disk(string provider)
    {
        await using var cast = await Cast.StartAsync(provider, new() { ["Files:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var targets = await TargetsAsync(cast);
        var corpus = Corpus();
        var lines = new List<string>();
        int accepted = 0, errors = 0, written = 0, outside = 0;
        var parent = Path.GetDirectoryName(cast.App.DataDirectory)!;
        var outsideBefore = Snapshot(parent, recursive: false);
        foreach (var target in targets)
        {
            int refused = 0;
            foreach (var attack in corpus)
            {
                var before = Snapshot(cast.App.DataDirectory, recursive: true);
                var rowsBefore = await RowsAsync(cast.App);
                var (status, page) = await UploadAsync(target, attack);
                var rowsAfter = await RowsAsync(cast.App);
                var newFiles = Snapshot(cast.App.DataDirectory, recursive: true).Except(before).Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-journal", StringComparison.Ordinal)).ToList();
                if (status >= 500)
                {
                    errors++;
                    lines.Add($"  500: {target.Name} ← {attack.Name}");
                }
                var droppedEmpty = target.FileOptional && attack.Content.Length == 0; // no file chosen: the objection is filed without one
                if (rowsAfter.Objections != rowsBefore.Objections && !droppedEmpty)
                {
                    accepted++;
                    lines.Add($"  HALF-STORED: {target.Name} ← {attack.Name}: the objection was saved although its file was refused");
                }
                if (rowsAfter.Files != rowsBefore.Files || (status is >= 300 and < 400 && !droppedEmpty))
                {
                    accepted++;
                    lines.Add($"  ACCEPTED: {target.Name} ← {attack.Name} ({status})");
                }
                else if (!droppedEmpty)
                {
                    refused++;
                    if (status == 400)
                    {
                        // The multipart reader's header limit (16 KB): no browser sends a 5,000-character name (file systems stop at 255 bytes).
                        lines.Add($"  400 before the page: {target.Name} ← {attack.Name}");
                    }
                    else
                    {
                        Assert.True(page?.Errors.Length > 0, $"{target.Name} ← {attack.Name}: refused without a message ({status})");
                        if (!target.FileOptional && ExpectedReason(attack.Name, picturesOnly: target.Name.StartsWith("story", StringComparison.Ordinal)) is { } reason)
                        {
                            Assert.True(page!.Errors.Contains(reason, StringComparison.Ordinal), $"{target.Name} ← {attack.Name}: “{page.Errors}” lacks “{reason}”");
                        }
                    }
                }
                if (newFiles.Count > 0)
                {
                    written++;
                    lines.Add($"  WRITTEN: {target.Name} ← {attack.Name}: {string.Join(", ", newFiles)}");
                }
            }
            lines.Insert(0, $"  {target.Name,-28} {corpus.Count} attacks, {refused} refused");
        }
        outside = Snapshot(parent, recursive: false).Except(outsideBefore).Count(p => !Path.GetFileName(p).All(char.IsAsciiHexDigit)); // other tests' data folders are hex names

        // Harmless files with hostile names: stored inside the store under a random name, the name cleaned.
        var documents = targets[0];
        var cleanNames = new List<string>();
        foreach (var attack in NameOnly())
        {
            var before = Snapshot(cast.App.DataDirectory, recursive: true);
            var (status, answered) = await UploadAsync(documents, attack);
            Assert.True(status is >= 300 and < 400, $"{attack.Name}: {status} {answered?.Errors}");
            var newFile = Assert.Single(Snapshot(cast.App.DataDirectory, recursive: true).Except(before), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal) && !f.EndsWith("-journal", StringComparison.Ordinal));
            Assert.Equal(Path.Combine(cast.App.DataDirectory, "files"), Path.GetDirectoryName(newFile));
            var stored = await cast.App.WithDbAsync(async (db, _) => await db.StoredFiles.AsNoTracking().SingleAsync(f => f.StoredName == Path.GetFileName(newFile)));
            Assert.Matches("^[0-9a-f]{32}$", stored.StoredName);
            Assert.True(stored.OriginalName.Length <= FileNames.MaxLength, attack.Name);
            Assert.DoesNotContain('/', stored.OriginalName);
            Assert.DoesNotContain('\\', stored.OriginalName);
            Assert.False(stored.OriginalName.Any(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E'), attack.Name);
            cleanNames.Add($"{attack.Name} → “{(stored.OriginalName.Length > 30 ? stored.OriginalName[..30] + "…" : stored.OriginalName)}” ({stored.OriginalName.Length})");
        }

        output.WriteLine($"[{provider}] upload corpus: {corpus.Count} attacks × {targets.Count} uploads = {corpus.Count * targets.Count} posts; accepted {accepted}, 5xx {errors}, files written {written}, written outside the store {outside}");
        lines.ForEach(output.WriteLine);
        output.WriteLine($"  hostile names on a harmless PDF, stored under a random name: {string.Join("; ", cleanNames)}");
        Assert.Equal(0, errors);
        Assert.Equal(0, accepted);
        Assert.Equal(0, written);
        Assert.Equal(0, outside);
    }

    /// <summary>The refusal the new checks must give (the story takes pictures only, so a PDF is refused there for its type first).</summary>
    private static string? ExpectedReason(string attack, bool picturesOnly) => attack switch
    {
        "EICAR inside a PDF" when !picturesOnly => "病毒特征",
        "zip bomb .docx (60 MB of zeros)" when !picturesOnly => "压缩炸弹",
        _ when !picturesOnly && attack.StartsWith("PDF", StringComparison.Ordinal) && !attack.Contains(".exe", StringComparison.Ordinal) => "脚本",
        "EICAR inside a PNG" => "病毒特征",
        "PNG claiming 10,000×10,000" or "JPEG claiming 10,000×10,000" or "PNG claiming 100,000,000×1" => "像素过多",
        _ => null,
    };

    private static async Task<(int Status, Page? Page)> UploadAsync(Target target, Attack attack)
    {
        var page = await target.Client.GetAsync(target.Url);
        var form = page.Html.QuerySelector(target.FormSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"{target.Name}: no form '{target.FormSelector}' on {page.Url}");
        var fields = Buttons.Fields(form);
        foreach (var (name, value) in target.Values?.Invoke(page) ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }
        var file = form.Elements.OfType<IHtmlInputElement>().Single(i => i.Type == "file");
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }
        var content = new ByteArrayContent(attack.Content);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf"); // the browser's claim counts for nothing
        body.Add(content, file.Name!, attack.FileName);
        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? page.Url.PathAndQuery : new Uri(page.Url, action).PathAndQuery;
        using var response = await target.Client.Http.PostAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.StatusCode == HttpStatusCode.OK || (int)response.StatusCode is >= 400 and < 500
            ? new Page(new Uri(target.Client.Http.BaseAddress!, url), response.StatusCode, new HtmlParser().ParseDocument(text), text)
            : null);
    }

    private static Task<(int Files, int Objections)> RowsAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) => (await db.StoredFiles.CountAsync(), await db.Objections.CountAsync()));

    private static HashSet<string> Snapshot(string folder, bool recursive) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFileSystemEntries(folder, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)]
            : [];

    private static async Task<List<Target>> TargetsAsync(Cast cast)
    {
        var app = cast.App;
        var pilot = await OtherUnit.CreateAsync(app);
        var unit = await app.SignInAsync(pilot.User, twoFactor: false); // disposed with the app
        var applicant = cast.Members[Role.Applicant].Client;
        var office = cast.Members[Role.Office].Client;
        await applicant.SubmitAsync(await applicant.GetAsync("/Applicant/Application/Edit")); // Form 1 started: the documents take uploads
        var summary = pilot.Ids.First(i => i.Key.StartsWith($"obligation {ObligationKind.AnnualSummary}", StringComparison.Ordinal)).Value;
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime);
        var announcement = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var a = Announcement.Draft(People.Office, now, new AnnouncementText("2026年度试点单位拟入选名单公示", "1. 福州国际创新孵化器有限公司", null, today, 10));
            a.Publish(People.Office, now);
            db.Announcements.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var blank = await office.GetAsync("/Office/Stories/Edit");
        var created = await office.ClickAsync(blank, "创建", ("Input.Title", "上传攻击测试案例"), ("Input.Text", "正文。"), ("Input.OrganisationIds", pilot.OrganisationId.ToString()));
        Assert.StartsWith("/Office/Stories/Edit/", created.Path, StringComparison.Ordinal);
        return
        [
            new("application documents", applicant, "/Applicant/Documents", $"#form-{DocumentKind.BusinessLicence}", false),
            new("plan or summary document", unit, $"/Applicant/Obligations/Edit/{summary}", "#upload", false),
            new("objection file (public)", cast.Anonymous, $"/Announcements/{announcement}", "#objection-form", true,
                p => new() { ["Input.Name"] = "李异议", ["Input.Contact"] = "13912345678", ["Input.Text"] = "附件为证明材料。", ["Input.Answer"] = FuzzTests.Answer(p) }),
            new("story picture (office)", office, created.Path, "#upload-form", false),
        ];
    }

    /// <summary>A PNG with just its IHDR chunk claiming <paramref name="width"/>×<paramref name="height"/> (a decompression bomb's header).</summary>
    private static byte[] Png(int width, int height)
    {
        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' };
        png.AddRange(BigEndian(width));
        png.AddRange(BigEndian(height));
        png.AddRange([8, 2, 0, 0, 0, 0, 0, 0, 0]); // depth, colour type, compression, filter, interlace; CRC (not checked by the header read)
        png.AddRange([0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82]);
        return [.. png];
    }

    /// <summary>A JPEG whose start-of-frame claims <paramref name="width"/>×<paramref name="height"/>.</summary>
    private static byte[] Jpeg(int width, int height) =>
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xD9,
    ];

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>A Word package whose main part is 60 MB of zeros: a few dozen KB on the wire.</summary>
    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<Types/>");
            }
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 60; i++)
            {
                document.Write(zeros);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A PDF whose only dictionary sits in a Flate-compressed object stream.</summary>
    private static byte[] CompressedPdf(string dictionary)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(Encoding.ASCII.GetBytes("1 0 " + dictionary));
        }
        var data = compressed.ToArray();
        return [.. Encoding.ASCII.GetBytes($"%PDF-1.5\n5 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length {data.Length}>>stream\n"), .. data, .. "\nendstream\nendobj\n%%EOF\n"u8];
    }
}
