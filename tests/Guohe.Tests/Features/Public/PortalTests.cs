using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Stories;
using Guohe.Tests.Support;
using Guohe.Web.Data;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Public;

/// <summary>
/// The public portal through the front door: a unit's public page shows only what the list shows plus what the unit consented
/// to publish (Art. 11(7), 17) and never its people; the unit's consent page is scoped to its own organisation; the office's
/// success stories (Art. 7(4)) take only real PNG or JPEG pictures and reach the public only while published.
/// </summary>
public sealed class PortalTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

    private static readonly DesignationStatus[] Listed = [DesignationStatus.Pilot, DesignationStatus.AcceptanceReview, DesignationStatus.Extended, DesignationStatus.Base];

    private static DateTime Now(GuoheApp app) => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A signed-in applicant account of an existing organisation.</summary>
    private static async Task<PageClient> ApplicantOfAsync(GuoheApp app, Guid organisationId)
    {
        var email = $"unit-{Guid.NewGuid():N}@test.cn";
        await app.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var user = new GuoheUser
            {
                Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "单位用户",
                OrganisationId = organisationId, CreatedAtUtc = Now(app),
            };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Role.Applicant.ToString())).Succeeded);
        });
        var client = app.Browse();
        await client.SignInAsync(email);
        return client;
    }

    private static async Task<PageClient> OfficeAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Office, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    private static Task<Organisation> OrganisationAsync(GuoheApp app, Guid id) =>
        app.WithDbAsync(async (db, _) => await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id));

    private static Designation Of(PublicUnitsTests.Seeded seeded, DesignationStatus status) => seeded.Designations.First(d => d.Status == status);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Public_pages_show_only_designated_units_and_never_their_people(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var seeded = await PublicUnitsTests.SeedAsync(app);
        // Even with everything consented to, people and contacts stay off the public pages.
        await app.WithDbAsync(async (db, _) =>
        {
            foreach (var organisation in await db.Organisations.ToListAsync())
            {
                organisation.Publish(People.Applicant, Now(app), new Publication
                {
                    Introduction = "我们的国际合作。", Website = "https://unit.example.cn", Achievements = "成果若干。", ShowPartnerCountries = true,
                });
            }
            await db.SaveChangesAsync();
        });
        var stored = await app.WithDbAsync(async (db, _) => await db.Organisations.AsNoTracking().ToListAsync());
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().FirstAsync());
        var personal = stored.SelectMany(o => new[] { o.LiaisonName, o.LiaisonEmail, o.LiaisonMobile, o.Uscc.Value!, o.Profile.LegalRepresentative, o.Profile.Address })
            .Concat(new[] { application.UnitHead, application.Contact }.Concat(application.MainPersons).SelectMany(p => new[] { p.Name, p.Phone, p.Email, p.Mobile }))
            .Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().ToList();
        Assert.Contains("张联络", personal);
        Assert.Contains("13800000001", personal);
        Assert.Contains(stored[0].LiaisonEmail, personal);

        using var anyone = app.Browse();
        var pages = new List<Page> { await anyone.GetAsync("/Units") };
        foreach (var designation in seeded.Designations)
        {
            var page = await anyone.GetAsync($"/Units/{designation.OrganisationId}");
            if (!Listed.Contains(designation.Status))
            {
                Assert.Equal(HttpStatusCode.NotFound, page.Status);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var unit = page.Html.QuerySelector("#unit")!.TextContent;
            var profile = seeded.Of(designation).Profile;
            Assert.Contains(designation.OrganisationName, page.Html.QuerySelector("h1")!.TextContent);
            Assert.Contains(profile.Province, unit);
            Assert.Contains(ChinaTime.Iso(designation.RecognitionDate), unit);
            Assert.Contains(designation.Status == DesignationStatus.Base ? "国合孵化基地" : "试点单位", unit);
            Assert.All(KeyFieldNames.Of(profile.KeyFields), f => Assert.Contains(f.Zh, unit));
            pages.Add(page);
        }
        Assert.Equal(6, pages.Count - 1);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/Units/{seeded.Applying.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/Units/{Guid.NewGuid()}")).Status);
        foreach (var page in pages)
        {
            Assert.All(personal, value => Assert.DoesNotContain(value, page.Text, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Consent_decides_what_the_unit_page_shows(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var seeded = await PublicUnitsTests.SeedAsync(app);
        var unit = Of(seeded, DesignationStatus.Base); // its filed construction summary names a German partner
        using var anyone = app.Browse();
        var before = await anyone.GetAsync($"/Units/{unit.OrganisationId}");
        foreach (var section in new[] { "#introduction", "#website", "#achievements", "#partner-countries" })
        {
            Assert.Null(before.Html.QuerySelector(section));
        }

        using var applicant = await ApplicantOfAsync(app, unit.OrganisationId);
        var form = await applicant.GetAsync("/Applicant/Publication");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("德国", form.Html.QuerySelector("#countries-preview")!.TextContent);

        var badSite = await applicant.ClickAsync(form, "保存公开信息", ("Input.Introduction", "简介"), ("Input.Website", "javascript:alert(1)"));
        Assert.Contains("http://", badSite.Errors);
        var ftp = await applicant.ClickAsync(form, "保存公开信息", ("Input.Website", "ftp://files.example.cn"));
        Assert.Contains("https://", ftp.Errors);
        var tooLong = await applicant.ClickAsync(form, "保存公开信息", ("Input.Introduction", new string('介', 2001)), ("Input.Website", "https://ok.example.cn"));
        Assert.Contains("2000", tooLong.Errors);
        Assert.Equal(Publication.None, (await OrganisationAsync(app, unit.OrganisationId)).Publication);

        var saved = await applicant.ClickAsync(form, "保存公开信息",
            ("Input.Introduction", "  专注中德技术转移的孵化基地。<script>alert(1)</script>  "), ("Input.Website", "https://www.base.example.cn/about"),
            ("Input.Achievements", "孵化企业一百家。"), ("Input.ShowPartnerCountries", "true"));
        Assert.Contains("公开信息已保存", saved.Body);
        var publication = (await OrganisationAsync(app, unit.OrganisationId)).Publication;
        Assert.Equal("专注中德技术转移的孵化基地。<script>alert(1)</script>", publication.Introduction);
        Assert.True(publication.ShowPartnerCountries);
        var record = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().SingleAsync(r => r.AggregateId == unit.OrganisationId && r.Trigger == "Publish"));
        Assert.Equal(Article.Art17, record.Article);
        Assert.Contains("修改公开信息", saved.Body);

        var shown = await anyone.GetAsync($"/Units/{unit.OrganisationId}");
        Assert.Contains("专注中德技术转移的孵化基地。", shown.Html.QuerySelector("#introduction")!.TextContent);
        Assert.DoesNotContain("<script>alert", shown.Text, StringComparison.Ordinal); // encoded, never markup
        Assert.Equal("https://www.base.example.cn/about", shown.Html.QuerySelector("#website")!.GetAttribute("href"));
        Assert.Contains("孵化企业一百家。", shown.Html.QuerySelector("#achievements")!.TextContent);
        Assert.Contains("德国", shown.Html.QuerySelector("#partner-countries")!.TextContent);

        form = await applicant.GetAsync("/Applicant/Publication");
        await applicant.ClickAsync(form, "保存公开信息", ("Input.Introduction", ""), ("Input.Website", ""), ("Input.Achievements", "孵化企业一百家。"), ("Input.ShowPartnerCountries", "false"));
        var narrowed = await anyone.GetAsync($"/Units/{unit.OrganisationId}");
        Assert.Null(narrowed.Html.QuerySelector("#introduction"));
        Assert.Null(narrowed.Html.QuerySelector("#website"));
        Assert.Null(narrowed.Html.QuerySelector("#partner-countries"));
        Assert.NotNull(narrowed.Html.QuerySelector("#achievements"));
        Assert.Equal(2, await app.WithDbAsync(async (db, _) => await db.TransitionRecords.CountAsync(r => r.AggregateId == unit.OrganisationId && r.Trigger == "Publish")));
    }

    [Fact]
    public async Task An_applicant_sets_only_its_own_organisations_publication()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var seeded = await PublicUnitsTests.SeedAsync(app);
        var mine = Of(seeded, DesignationStatus.Pilot);
        var theirs = Of(seeded, DesignationStatus.Base);
        using var applicant = await ApplicantOfAsync(app, mine.OrganisationId);
        var form = await applicant.GetAsync("/Applicant/Publication");
        Assert.NotNull(form.Html.QuerySelector($"a#public-page[href='/Units/{mine.OrganisationId}']"));
        // The page takes no organisation from the request: an id smuggled into the post changes nothing of another unit.
        await applicant.ClickAsync(form, "保存公开信息", ("Input.Introduction", "我们自己的简介。"), ("id", theirs.OrganisationId.ToString()), ("OrganisationId", theirs.OrganisationId.ToString()));
        Assert.Equal("我们自己的简介。", (await OrganisationAsync(app, mine.OrganisationId)).Publication.Introduction);
        Assert.Equal(Publication.None, (await OrganisationAsync(app, theirs.OrganisationId)).Publication);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/Applicant/Publication/{theirs.OrganisationId}")).Status);

        // An organisation that is not designated has no public page and cannot publish.
        var outsider = await app.CreateAsync(Role.Applicant);
        using var other = app.Browse();
        await other.SignInAsync(outsider.Email!);
        var refused = await other.GetAsync("/Applicant/Publication");
        Assert.NotNull(refused.Html.QuerySelector("#not-listed"));
        Assert.Null(refused.Html.QuerySelector("main form"));
        var token = refused.Html.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var posted = await other.PostAsync("/Applicant/Publication", [new("__RequestVerificationToken", token), new("Input.Introduction", "不应保存。")]);
        Assert.Contains("只有试点单位和国合孵化基地有公开页面", posted.Body);
        Assert.Equal(Publication.None, (await OrganisationAsync(app, outsider.OrganisationId!.Value)).Publication);

        using var office = await OfficeAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/Applicant/Publication")).Status);
        using var anyone = app.Browse();
        Assert.Equal("/Account/Login", (await anyone.GetAsync("/Applicant/Publication")).Path);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_office_publishes_a_story_with_real_pictures_and_the_public_sees_it_only_while_published(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        var seeded = await PublicUnitsTests.SeedAsync(app);
        var baseUnit = Of(seeded, DesignationStatus.Base);
        var pilot = Of(seeded, DesignationStatus.Pilot);
        var ended = Of(seeded, DesignationStatus.Disqualified);
        using var office = await OfficeAsync(app);
        using var anyone = app.Browse();

        var blank = await office.GetAsync("/Office/Stories/Edit");
        var empty = await office.ClickAsync(blank, "创建", ("Input.Title", ""), ("Input.Text", ""));
        Assert.Contains("请填写标题", empty.Errors);
        Assert.Contains("请填写正文", empty.Errors);
        var endedUnit = await office.ClickAsync(blank, "创建", ("Input.Title", "案例"), ("Input.Text", "正文"), ("Input.OrganisationIds", ended.OrganisationId.ToString()));
        Assert.Contains("只能选择现有的试点单位或国合孵化基地", endedUnit.Errors);
        var noUnit = await office.ClickAsync(blank, "创建", ("Input.Title", "案例"), ("Input.Text", "正文"));
        Assert.Contains("请至少选择一个", noUnit.Errors);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Stories.CountAsync()));

        var created = await office.ClickAsync(blank, "创建", ("Input.Title", "中德联合孵化的成功经验"), ("Input.Text", "两家单位与德国机构联合孵化了二十家企业。"),
            ("Input.OrganisationIds", baseUnit.OrganisationId.ToString()), ("Input.OrganisationIds", pilot.OrganisationId.ToString()));
        Assert.Contains("成功案例已创建", created.Body);
        var story = await app.WithDbAsync(async (db, _) => await db.Stories.AsNoTracking().SingleAsync());
        Assert.Equal($"/Office/Stories/Edit/{story.Id}", created.Path);
        Assert.Equal(StoryStatus.Draft, story.Status);
        Assert.Equal(new[] { baseUnit.OrganisationId, pilot.OrganisationId }.Order(), story.OrganisationIds.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/Stories/{story.Id}")).Status);

        var noPicture = await office.ClickAsync(created, "发布案例", ("ConfirmPublish", "true"));
        Assert.Contains("至少上传一张图片", noPicture.Errors);

        // Only real PNG or JPEG pictures: a PDF, text named .png, a GIF and an empty file are refused, nothing stored.
        var pdf = await office.UploadAsync(created, "上传图片", "photo.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray(), "#upload-form", expectRedirect: false);
        Assert.Contains("只接受 PNG 或 JPEG", pdf.Errors);
        var fake = await office.UploadAsync(created, "上传图片", "photo.png", "<html><script>alert(1)</script></html>"u8.ToArray(), "#upload-form", expectRedirect: false);
        Assert.Contains("文件内容与扩展名不符", fake.Errors);
        var gif = await office.UploadAsync(created, "上传图片", "photo.gif", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "#upload-form", expectRedirect: false);
        Assert.Contains("只接受 PNG 或 JPEG", gif.Errors);
        var emptyFile = await office.UploadAsync(created, "上传图片", "photo.png", [], "#upload-form", expectRedirect: false);
        Assert.Contains("文件是空的", emptyFile.Errors);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StoredFiles.CountAsync(f => f.OwnerId == story.Id)));

        var png = DevSeedPortal.Png(64, 36);
        var uploaded = await office.UploadAsync(created, "上传图片", "合影.png", png, "#upload-form");
        Assert.Contains("图片已上传", uploaded.Body);
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 0xFF, 0xD9 };
        uploaded = await office.UploadAsync(uploaded, "上传图片", "现场.jpg", jpeg, "#upload-form");
        var pictures = await app.WithDbAsync(async (db, _) => await db.StoredFiles.AsNoTracking().Where(f => f.OwnerId == story.Id && f.DeletedAtUtc == null).OrderBy(f => f.UploadedAtUtc).ToListAsync());
        Assert.Equal(["image/png", "image/jpeg"], pictures.Select(f => f.ContentType));
        Assert.All(pictures, f => Assert.Equal(DocumentKind.StoryPicture, f.Kind));

        // A picture of a draft: the office sees it, the public does not, nor through the generic download.
        Assert.Equal(HttpStatusCode.OK, (await office.Http.GetAsync($"/Stories/Picture/{pictures[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.Http.GetAsync($"/Stories/Picture/{pictures[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync($"/Files/{pictures[0].Id}")).StatusCode);

        var unconfirmed = await office.ClickAsync(uploaded, "发布案例");
        Assert.Contains("请勾选确认后再发布", unconfirmed.Errors);
        Assert.Equal(StoryStatus.Draft, (await app.WithDbAsync(async (db, _) => await db.Stories.AsNoTracking().SingleAsync())).Status);
        var published = await office.ClickAsync(uploaded, "发布案例", ("ConfirmPublish", "true"));
        Assert.Contains("成功案例已发布", published.Body);
        Assert.Equal(StoryStatus.Published, (await app.WithDbAsync(async (db, _) => await db.Stories.AsNoTracking().SingleAsync())).Status);

        var list = await anyone.GetAsync("/Stories");
        Assert.Contains("中德联合孵化的成功经验", list.Html.QuerySelector("#stories")!.TextContent);
        var shown = await anyone.GetAsync($"/Stories/{story.Id}");
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Contains("两家单位与德国机构联合孵化了二十家企业。", shown.Body);
        Assert.NotNull(shown.Html.QuerySelector($"#units a[href='/Units/{baseUnit.OrganisationId}']"));
        Assert.Equal(2, shown.Html.QuerySelectorAll("#story img").Length);
        using (var picture = await anyone.Http.GetAsync($"/Stories/Picture/{pictures[0].Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", string.Join(",", picture.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(png, await picture.Content.ReadAsByteArrayAsync());
        }
        Assert.NotNull((await anyone.GetAsync($"/Units/{baseUnit.OrganisationId}")).Html.QuerySelector($"#stories a[href='/Stories/{story.Id}']"));
        Assert.NotNull((await anyone.GetAsync($"/Units/{pilot.OrganisationId}")).Html.QuerySelector($"#stories a[href='/Stories/{story.Id}']"));
        Assert.Null((await anyone.GetAsync($"/Units/{Of(seeded, DesignationStatus.Extended).OrganisationId}")).Html.QuerySelector("#stories"));

        var editing = await office.GetAsync($"/Office/Stories/Edit/{story.Id}");
        var noReason = await office.ClickAsync(editing, "撤回案例", ("ConfirmUnpublish", "true"));
        Assert.Contains("请说明撤回的原因", noReason.Errors);
        var taken = await office.ClickAsync(editing, "撤回案例", ("Reason", "单位信息需要更新。"), ("ConfirmUnpublish", "true"));
        Assert.Contains("成功案例已撤回", taken.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/Stories/{story.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.Http.GetAsync($"/Stories/Picture/{pictures[0].Id}")).StatusCode);
        Assert.DoesNotContain("中德联合孵化的成功经验", (await anyone.GetAsync("/Stories")).Body);
        Assert.Null((await anyone.GetAsync($"/Units/{baseUnit.OrganisationId}")).Html.QuerySelector("#stories"));
        Assert.Equal(HttpStatusCode.OK, (await office.Http.GetAsync($"/Stories/Picture/{pictures[0].Id}")).StatusCode);

        var history = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().Where(r => r.AggregateId == story.Id).OrderBy(r => r.Sequence).Select(r => r.Trigger).ToListAsync());
        Assert.Equal(["CreateStory", "PublishStory", "UnpublishStory"], history);
        Assert.Contains("撤回成功案例", taken.Html.QuerySelector("main")!.TextContent);
        Assert.Contains("中德联合孵化的成功经验", (await office.GetAsync("/Office/Stories")).Html.QuerySelector("#stories")!.TextContent);
    }

    [Fact]
    public async Task Only_the_office_manages_stories_and_a_stale_edit_is_refused()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var seeded = await PublicUnitsTests.SeedAsync(app);
        var unit = Of(seeded, DesignationStatus.Base);
        using var applicant = await ApplicantOfAsync(app, unit.OrganisationId);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/Office/Stories")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/Office/Stories/Edit")).Status);
        using var anyone = app.Browse();
        Assert.Equal("/Account/Login", (await anyone.GetAsync("/Office/Stories")).Path);

        using var office = await OfficeAsync(app);
        var blank = await office.GetAsync("/Office/Stories/Edit");
        var created = await office.ClickAsync(blank, "创建", ("Input.Title", "案例一"), ("Input.Text", "正文一"), ("Input.OrganisationIds", unit.OrganisationId.ToString()));
        var first = await office.GetAsync(created.Path);
        var second = await office.GetAsync(created.Path);
        await office.ClickAsync(first, "保存", ("Input.Title", "案例一（修改）"));
        var stale = await office.ClickAsync(second, "保存", ("Input.Title", "案例一（另一位同事）"));
        Assert.Contains("刚被同事修改过", stale.Errors);
        Assert.Equal("案例一（修改）", await app.WithDbAsync(async (db, _) => await db.Stories.Select(s => s.Title).SingleAsync()));
    }

    [Fact]
    public async Task Navigation_links_the_portal_pages_and_they_render_in_english()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, settings: ManySignIns);
        var seeded = await PublicUnitsTests.SeedAsync(app);
        using var anyone = app.Browse();
        var home = await anyone.GetAsync("/Units");
        Assert.NotNull(home.Html.QuerySelector("nav a[href='/Stories']"));
        Assert.NotNull(home.Html.QuerySelector("footer a[href='/Stories']"));
        using var applicant = await ApplicantOfAsync(app, Of(seeded, DesignationStatus.Pilot).OrganisationId);
        Assert.NotNull((await applicant.GetAsync("/Applicant")).Html.QuerySelector("nav a[href='/Applicant/Publication']"));
        using var office = await OfficeAsync(app);
        Assert.NotNull((await office.GetAsync("/Office")).Html.QuerySelector("nav a[href='/Office/Stories']"));

        anyone.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("Success stories", (await anyone.GetAsync("/Stories")).Body);
        Assert.Contains("All key fields", (await anyone.GetAsync("/Units")).Body);
        applicant.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        Assert.Contains("Save public information", (await applicant.GetAsync("/Applicant/Publication")).Body);
    }

    [Fact]
    public async Task The_demo_has_units_with_consent_and_a_published_story_with_its_picture()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, "Development");
        var (pilotId, storyId, pictureId) = await app.WithDbAsync(async (db, _) =>
        {
            var uscc = DevSeed.DemoUscc(4);
            var pilot = await db.Organisations.SingleAsync(o => o.Uscc == uscc);
            var story = await db.Stories.SingleAsync();
            var picture = await db.StoredFiles.SingleAsync(f => f.OwnerId == story.Id);
            return (pilot.Id, story.Id, picture.Id);
        });
        using var anyone = app.Browse();
        var unit = await anyone.GetAsync($"/Units/{pilotId}");
        Assert.NotNull(unit.Html.QuerySelector("#introduction"));
        Assert.NotNull(unit.Html.QuerySelector("#partner-countries"));
        Assert.NotNull(unit.Html.QuerySelector($"#stories a[href='/Stories/{storyId}']"));
        Assert.Contains(DevSeedPortal.StoryTitle, (await anyone.GetAsync("/Stories")).Body);
        using var picture = await anyone.Http.GetAsync($"/Stories/Picture/{pictureId}");
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/png", picture.Content.Headers.ContentType!.MediaType);
    }
}
