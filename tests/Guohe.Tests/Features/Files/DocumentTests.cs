using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Files;

/// <summary>Filing documents through the front door: upload checks, storage, scoped downloads (QUALITY.md, uploads; issue 4).</summary>
public sealed class DocumentTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    public static TheoryData<string, string, string, string> AllowedOnBothDatabases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            data.Add(provider, "营业执照.pdf", "pdf", "application/pdf");
            data.Add(provider, "licence.JPG", "jpeg", "image/jpeg");
            data.Add(provider, "scan.png", "png", "image/png");
            data.Add(provider, "简介.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedOnBothDatabases))]
    public async Task Each_allowed_type_is_stored_with_its_hash_and_size_under_a_random_name(string provider, string name, string type, string contentType)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (client, applicationId) = await ApplicantWithApplicationAsync(app);
        var content = Content(type);

        var page = await UploadAsync(client, DocumentKind.OrganisationIntroduction, name, content);

        Assert.Equal("/Applicant/Documents", page.Path);
        Assert.Contains(name, page.Body);
        var row = await app.WithDbAsync(async (db, _) => await db.StoredFiles.SingleAsync());
        Assert.Equal(applicationId, row.ApplicationId);
        Assert.Equal(contentType, row.ContentType);
        Assert.Equal(content.Length, row.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), row.Sha256);
        Assert.False(row.Encrypted);
        Assert.Equal([row.StoredName], StoredNames(app));
        Assert.DoesNotContain(Path.GetExtension(name), row.StoredName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(FilesFolder(app), row.StoredName)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Id_copy_is_encrypted_on_disk_downloaded_as_plaintext_and_every_view_is_recorded(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (client, _) = await ApplicantWithApplicationAsync(app);

        var page = await UploadAsync(client, DocumentKind.LegalRepresentativeId, "身份证.jpg", Jpeg);
        Assert.Contains("同意", page.Body); // consent where the ID copy is collected (PIPL)

        var row = await app.WithDbAsync(async (db, _) => await db.StoredFiles.SingleAsync());
        Assert.True(row.Encrypted);
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(FilesFolder(app), row.StoredName));
        Assert.NotEqual(Jpeg, onDisk);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Jpeg)), row.Sha256);

        using var response = await client.Http.GetAsync($"/Files/{row.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Jpeg, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("身份证.jpg", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var views = await app.WithDbAsync(async (db, _) => await db.IdCopyViews.ToListAsync());
        var view = Assert.Single(views);
        Assert.Equal(row.Id, view.StoredFileId);
        Assert.Equal(row.UploadedByUserId, view.UserId);
        Assert.Equal(nameof(Role.Applicant), view.Role);
        // …and is an audit record, written in the same transaction (QUALITY.md, audit; docs/decisions/0010-audit-log.md).
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditRecords.SingleAsync(r => r.Event == Guohe.Web.Audit.AuditEvent.IdCopyDownload));
        Assert.Equal(($"StoredFile:{row.Id}", row.UploadedByUserId, nameof(Role.Applicant)), (audit.Target, audit.UserId, audit.Role));
    }

    public static TheoryData<string, string, string, string> RefusalsOnBothDatabases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            data.Add(provider, "over", "x.pdf", "文件超过1 KB的大小上限。");
            data.Add(provider, "exe", "x.pdf", "文件内容与扩展名不符");
            data.Add(provider, "empty", "x.pdf", "文件是空的");
            data.Add(provider, "macro", "x.docx", "含宏的 Word 文档不予接受");
            data.Add(provider, "external", "x.docx", "文件含外部链接或异常内容");
            data.Add(provider, "bomb", "x.docx", "文件含外部链接或异常内容");
            data.Add(provider, "text", "x.pdf.exe", "不接受此文件类型，只接受 PDF、JPEG、PNG、DOCX 文件。");
            data.Add(provider, "png", "x.pdf", "文件内容与扩展名不符");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusalsOnBothDatabases))]
    public async Task Refused_upload_shows_its_reason_and_stores_nothing(string provider, string type, string name, string message)
    {
        // 1 KB shows the size refusal; the Office files below are larger than that, so they get room to be inspected.
        await using var app = await GuoheApp.StartAsync(provider, settings: new() { ["Files:MaxBytes"] = type is "external" or "bomb" ? "204800" : "1024" });
        var (client, _) = await ApplicantWithApplicationAsync(app);

        var page = await UploadAsync(client, DocumentKind.BusinessLicence, name, Content(type));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Errors);
        Assert.Empty(StoredNames(app));
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Replacing_keeps_the_old_row_as_history_and_only_filing_kinds_count_as_present(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (client, applicationId) = await ApplicantWithApplicationAsync(app);

        await UploadAsync(client, DocumentKind.BusinessLicence, "old.pdf", Pdf);
        await UploadAsync(client, DocumentKind.SignedFormScan, "form.pdf", Pdf);
        var page = await UploadAsync(client, DocumentKind.BusinessLicence, "new.png", Png);

        Assert.Contains("new.png", page.Body);
        Assert.DoesNotContain("old.pdf", page.Body);
        var rows = await app.WithDbAsync(async (db, _) => await db.StoredFiles.Where(f => f.Kind == DocumentKind.BusinessLicence).ToListAsync());
        Assert.Equal("old.pdf", Assert.Single(rows, f => f.DeletedAtUtc is not null).OriginalName);
        Assert.Equal("new.png", Assert.Single(rows, f => f.DeletedAtUtc is null).OriginalName);
        var present = await app.WithDbAsync(async (db, _) => await FileStore.DocumentsPresentAsync(db, applicationId));
        Assert.Equal([FilingDocumentKind.BusinessLicence], present);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_applicant_gets_404_and_uploads_only_to_its_own_application_while_the_office_may_download(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (first, _) = await ApplicantWithApplicationAsync(app);
        await UploadAsync(first, DocumentKind.BusinessLicence, "first.pdf", Pdf);
        var fileId = await app.WithDbAsync(async (db, _) => await db.StoredFiles.Select(f => f.Id).SingleAsync());

        var (second, secondApplication) = await ApplicantWithApplicationAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync($"/Files/{fileId}")).StatusCode);
        var own = await second.GetAsync("/Applicant/Documents");
        Assert.DoesNotContain("first.pdf", own.Body);
        Assert.Equal(4, own.Html.QuerySelectorAll("form[enctype='multipart/form-data']").Length);
        await UploadAsync(second, DocumentKind.BusinessLicence, "second.pdf", Pdf);
        var secondRow = await app.WithDbAsync(async (db, _) => await db.StoredFiles.SingleAsync(f => f.OriginalName == "second.pdf"));
        Assert.Equal(secondApplication, secondRow.ApplicationId);

        var office = await app.CreateAsync(Role.Office, twoFactor: true);
        using var clerk = app.Browse();
        await clerk.SignInAsync(office.Email!, totpKey: await app.AuthenticatorKeyAsync(office.Id));
        using var download = await clerk.Http.GetAsync($"/Files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_expert_downloads_only_when_on_the_site_visit_team_and_after_declaring_no_conflict(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (applicant, applicationId) = await ApplicantWithApplicationAsync(app);
        await UploadAsync(applicant, DocumentKind.BusinessLicence, "licence.pdf", Pdf);
        var fileId = await app.WithDbAsync(async (db, _) => await db.StoredFiles.Select(f => f.Id).SingleAsync());
        var member = await app.CreateAsync(Role.Expert);
        var outsider = await app.CreateAsync(Role.Expert);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.SiteVisits.Add(SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, applicationId,
                ChinaTime.DateOf(now).AddDays(10), "福州", null, [new ExpertAssignment(member.Id, member.DisplayName, IsLeader: true)]));
            await db.SaveChangesAsync();
        });

        using var onTeam = app.Browse();
        await onTeam.SignInAsync(member.Email!);
        using var offTeam = app.Browse();
        await offTeam.SignInAsync(outsider.Email!);

        // Art. 11(4): nothing of the application before the declaration, the Word Form 1 included.
        Assert.Equal(HttpStatusCode.NotFound, (await onTeam.Http.GetAsync($"/Files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onTeam.Http.GetAsync($"/Files/Form1/{applicationId}")).StatusCode);
        await app.WithDbAsync(async (db, _) =>
        {
            var visit = await db.SiteVisits.SingleAsync();
            visit.DeclareNoConflict(new Actor(member.Id, member.DisplayName, Role.Expert), app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.OK, (await onTeam.Http.GetAsync($"/Files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onTeam.Http.GetAsync($"/Files/Form1/{applicationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await offTeam.Http.GetAsync($"/Files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await offTeam.Http.GetAsync($"/Files/Form1/{applicationId}")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_for_a_file_and_the_upload_page()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();
        foreach (var url in new[] { $"/Files/{Guid.NewGuid()}", "/Applicant/Documents" })
        {
            using var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\x\\报告.pdf", "报告.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("a\u0000b\r\n.pdf", "ab.pdf")]
    [InlineData("", "file")]
    public void File_names_lose_path_parts_control_and_bidi_characters(string name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitise(name));

    [Fact]
    public void Long_file_names_are_cut_to_255_characters_keeping_the_extension()
    {
        var name = FileNames.Sanitise(new string('长', 400) + ".pdf");
        Assert.Equal(255, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    private static byte[] Content(string type) => type switch
    {
        "pdf" => Pdf,
        "jpeg" => Jpeg,
        "png" => Png,
        "docx" => Docx(macro: false),
        "macro" => Docx(macro: true),
        "external" => Guohe.Tests.Documents.Form1ImportTests.Hostile("external-template"),
        "bomb" => Guohe.Tests.Documents.Form1ImportTests.Hostile("bomb"),
        "over" => [.. Pdf, .. new byte[1025 - Pdf.Length]],
        "exe" => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
        "empty" => [],
        "text" => "hello, this is plain text"u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static byte[] Docx(bool macro)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entries = new List<string> { "[Content_Types].xml", "word/document.xml" };
            if (macro)
            {
                entries.Add("word/vbaProject.bin");
            }
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }
        return buffer.ToArray();
    }

    /// <summary>An applicant signed in, with a draft application made through the domain's verbs.</summary>
    internal static async Task<(PageClient Client, Guid ApplicationId)> ApplicantWithApplicationAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == user.OrganisationId);
            var batch = Batch.Create(People.Office, now, now.Year, $"{now.Year}年度第一批", now.AddDays(-1), now.AddDays(30));
            var application = Application.Create(new Actor(user.Id, user.DisplayName, Role.Applicant), now, organisation, batch);
            db.Batches.Add(batch);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        });
        var client = app.Browse();
        await client.SignInAsync(user.Email!);
        return (client, applicationId);
    }

    /// <summary>Uploads like a browser: the page's form for the kind, its antiforgery token, multipart; follows the redirect.</summary>
    internal static async Task<Page> UploadAsync(PageClient client, DocumentKind kind, string fileName, byte[] content)
    {
        var form = await client.GetAsync("/Applicant/Documents");
        var token = form.Html.QuerySelector($"#form-{kind} input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind.ToString()), "kind" },
            { new ByteArrayContent(content), "upload", fileName },
        };
        using var response = await client.Http.PostAsync("/Applicant/Documents", body);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await client.GetAsync(response.Headers.Location!.OriginalString);
        }
        var text = await response.Content.ReadAsStringAsync();
        return new Page(new Uri(client.Http.BaseAddress!, "/Applicant/Documents"), response.StatusCode, new HtmlParser().ParseDocument(text), text);
    }

    private static string FilesFolder(GuoheApp app) => Path.Combine(app.DataDirectory, "files");

    private static string[] StoredNames(GuoheApp app) =>
        Directory.Exists(FilesFolder(app)) ? [.. Directory.GetFiles(FilesFolder(app)).Select(Path.GetFileName).OfType<string>()] : [];
}
