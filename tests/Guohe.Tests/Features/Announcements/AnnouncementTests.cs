using System.Net;
using System.Text.RegularExpressions;
using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Announcements;

/// <summary>
/// Announcements (公示, Art. 11(7)): the office publishes, the public files objections (异议) only during the publicity period, behind
/// an arithmetic question and a per-IP hourly limit; objections are personal data that only the office sees and handles; the office
/// closes an announcement only after its period, and the public then sees how the objections were handled.
/// </summary>
public sealed partial class AnnouncementTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static async Task<PageClient> OfficeAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Office, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(user.Email!, totpKey: await app.AuthenticatorKeyAsync(user.Id));
        return client;
    }

    /// <summary>A published announcement whose period starts <paramref name="startInDays"/> days from today (China date) and lasts <paramref name="days"/> days.</summary>
    private static Task<Guid> PublishedAsync(GuoheApp app, int startInDays = 0, int days = 7) =>
        app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var announcement = Announcement.Draft(People.Office, now,
                new AnnouncementText("2026年度试点单位拟入选名单公示", "1. 福州国际创新孵化器有限公司", null, ChinaTime.DateOf(now).AddDays(startInDays), days));
            announcement.Publish(People.Office, now);
            db.Announcements.Add(announcement);
            await db.SaveChangesAsync();
            return announcement.Id;
        });

    /// <summary>The answer to the page's arithmetic question.</summary>
    private static string Answer(Page page)
    {
        var match = Question().Match(page.Html.QuerySelector("#challenge")?.TextContent ?? string.Empty);
        Assert.True(match.Success, "the objection form shows an arithmetic question");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d+) \+ (\d+) = \?")]
    private static partial Regex Question();

    private static Dictionary<string, string> Objection(Page page, string name = "李异议", string contact = "13912345678", string? answer = null) => new()
    {
        ["Input.Name"] = name,
        ["Input.Contact"] = contact,
        ["Input.Text"] = "该单位的孵化面积与申报材料不符。",
        ["Input.Answer"] = answer ?? Answer(page),
    };

    private static Task<int> ObjectionsAsync(GuoheApp app) => app.WithDbAsync(async (db, _) => await db.Objections.CountAsync());

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_publishes_with_confirmation_and_an_objection_during_the_period_is_stored_with_its_file(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: new() { ["Announcements:DefaultDays"] = "10" });
        using var office = await OfficeAsync(app);
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime);

        var edit = await office.GetAsync("/Office/Announcements/Edit");
        Assert.Equal("10", edit.InputValue("Input.Days")); // Announcements:DefaultDays
        Assert.Equal(ChinaTime.Iso(today), edit.InputValue("Input.StartsOn"));
        var empty = await office.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Title"] = "" }, "#announcement");
        Assert.Contains("请填写标题", empty.Errors);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Announcements.CountAsync()));
        var saved = await office.SubmitAsync(edit, new Dictionary<string, string>
        {
            ["Input.Title"] = "试点单位拟入选名单公示", ["Input.Body"] = "1. 某某孵化器", ["Input.Days"] = "5",
        }, "#announcement");
        Assert.Contains("公示已保存", saved.Body);
        var announcement = await app.WithDbAsync(async (db, _) => await db.Announcements.AsNoTracking().SingleAsync());
        Assert.Equal((AnnouncementStatus.Draft, today, today.AddDays(4)), (announcement.Status, announcement.StartsOn, announcement.EndsOn));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browse().GetAsync($"/Announcements/{announcement.Id}")).Status); // a draft is not public

        var unconfirmed = await office.SubmitAsync(saved, null, "#publish");
        Assert.Contains("请勾选确认后再发布。", unconfirmed.Errors);
        var published = await office.SubmitAsync(saved, new Dictionary<string, string> { ["confirm"] = "true" }, "#publish");
        Assert.Contains("公示已发布。", published.Body);
        Assert.Contains("发布公示", published.Html.QuerySelector("main")!.TextContent); // history

        using var visitor = app.Browse();
        var list = await visitor.GetAsync("/Announcements");
        Assert.Contains("试点单位拟入选名单公示", list.Html.QuerySelector("#announcements")!.TextContent);
        Assert.Contains("公示中", list.Html.QuerySelector("#announcements")!.TextContent);
        var page = await visitor.GetAsync($"/Announcements/{announcement.Id}");
        Assert.Contains("1. 某某孵化器", page.Html.QuerySelector("#body")!.TextContent);
        var filed = await visitor.UploadAsync(page, "提交异议", "证明.pdf", Pdf, "#objection-form", values: Objection(page).Select(kv => (kv.Key, kv.Value)));
        Assert.Contains("异议已提交", filed.Body);

        var objection = await app.WithDbAsync(async (db, _) => await db.Objections.AsNoTracking().SingleAsync());
        Assert.Equal((announcement.Id, "李异议", "13912345678", "该单位的孵化面积与申报材料不符。"), (objection.AnnouncementId, objection.Name, objection.Contact, objection.Text));
        Assert.Equal(64, objection.IpHash.Length);
        Assert.DoesNotContain(".", objection.IpHash, StringComparison.Ordinal); // a hash, not an address
        var file = await app.WithDbAsync(async (db, _) => await db.StoredFiles.AsNoTracking().SingleAsync(f => f.OwnerId == objection.Id));
        Assert.Equal((DocumentKind.ObjectionAttachment, true, (Guid?)null, (Guid?)null), (file.Kind, file.Encrypted, file.ApplicationId, file.DesignationId));

        // The office reads it with the objector's data and downloads the file; the general download refuses it.
        var detail = await office.GetAsync($"/Office/Announcements/{announcement.Id}");
        Assert.Contains("李异议", detail.Body);
        Assert.Contains("13912345678", detail.Body);
        var link = detail.Html.QuerySelector("a.objection-file")!.GetAttribute("href")!;
        using var download = await office.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync($"/Files/{file.Id}")).StatusCode);

        var officeList = await office.GetAsync("/Office/Announcements");
        Assert.Contains("试点单位拟入选名单公示 " + ChinaTime.Iso(today) + " – " + ChinaTime.Iso(today.AddDays(4)) + " 公示中 1 1",
            string.Join(" ", officeList.Html.QuerySelectorAll("#announcements tbody td").Select(c => c.TextContent.Trim())));

        // The public page never shows the objector.
        var after = await visitor.GetAsync($"/Announcements/{announcement.Id}");
        Assert.DoesNotContain("李异议", after.Text);
        Assert.DoesNotContain("13912345678", after.Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Objection_before_and_after_the_period_is_refused_and_the_form_is_not_shown(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await PublishedAsync(app, startInDays: 1, days: 7);
        using var visitor = app.Browse();

        var early = await visitor.GetAsync($"/Announcements/{id}");
        Assert.Contains("公示期尚未开始", early.Html.QuerySelector("#refusal")!.TextContent);
        Assert.Null(early.Html.QuerySelector("#objection-form"));
        var token = early.Html.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "李异议", ["Input.Contact"] = "li@example.com", ["Input.Text"] = "有异议", ["Input.Answer"] = "2",
        };
        var posted = await visitor.PostAsync($"/Announcements/{id}", fields);
        Assert.Contains("公示期尚未开始", posted.Body);
        Assert.Equal(0, await ObjectionsAsync(app));

        app.Clock.Advance(TimeSpan.FromDays(1)); // the first day of the period
        var open = await visitor.GetAsync($"/Announcements/{id}");
        Assert.NotNull(open.Html.QuerySelector("#objection-form"));

        app.Clock.Advance(TimeSpan.FromDays(7)); // the day after the last
        var late = await visitor.GetAsync($"/Announcements/{id}");
        Assert.Contains("公示期已于", late.Html.QuerySelector("#refusal")!.TextContent);
        Assert.Null(late.Html.QuerySelector("#objection-form"));
        Assert.Contains("公示期已结束", late.Html.QuerySelector("#period")!.TextContent);
        fields["__RequestVerificationToken"] = late.Html.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var refused = await visitor.PostAsync($"/Announcements/{id}", fields);
        Assert.Contains("不再受理异议", refused.Body);
        Assert.Equal("有异议", refused.Html.QuerySelector("#unsent")!.TextContent); // sent too late: a copy of the text to keep
        Assert.Null(late.Html.QuerySelector("#unsent")); // nothing written, no copy
        Assert.Equal(0, await ObjectionsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Wrong_or_expired_answer_to_the_question_is_refused_and_nothing_is_stored(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await PublishedAsync(app);
        using var visitor = app.Browse();
        var page = await visitor.GetAsync($"/Announcements/{id}");
        var right = int.Parse(Answer(page), System.Globalization.CultureInfo.InvariantCulture);

        var wrong = await visitor.SubmitAsync(page, Objection(page, answer: (right + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), "#objection-form");
        Assert.Contains("验算答案不正确", wrong.Errors);
        Assert.Equal("李异议", wrong.InputValue("Input.Name")); // what was typed stays
        Assert.Equal(0, await ObjectionsAsync(app));

        var forged = await visitor.SubmitAsync(page, new Dictionary<string, string>(Objection(page)) { ["Input.Token"] = "forged" }, "#objection-form");
        Assert.Contains("验算答案不正确", forged.Errors);

        app.Clock.Advance(TimeSpan.FromMinutes(31)); // Announcements:ChallengeMinutes is 30
        var expired = await visitor.SubmitAsync(page, Objection(page), "#objection-form");
        Assert.Contains("验算答案不正确或已过期", expired.Errors);
        Assert.Equal(0, await ObjectionsAsync(app));

        var accepted = await visitor.SubmitAsync(expired, Objection(expired), "#objection-form");
        Assert.Contains("异议已提交", accepted.Body);
        Assert.Equal(1, await ObjectionsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Sixth_objection_from_one_address_within_an_hour_is_refused(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await PublishedAsync(app);
        using var visitor = app.Browse();
        for (var i = 1; i <= 5; i++)
        {
            var page = await visitor.GetAsync($"/Announcements/{id}");
            var filed = await visitor.SubmitAsync(page, Objection(page, name: $"异议人{i}"), "#objection-form");
            Assert.Contains("异议已提交", filed.Body);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        var sixth = await visitor.GetAsync($"/Announcements/{id}");
        var refused = await visitor.SubmitAsync(sixth, Objection(sixth, name: "异议人6"), "#objection-form");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("一小时内最多提交5件异议", refused.Errors);
        Assert.Equal(5, await ObjectionsAsync(app));

        app.Clock.Advance(TimeSpan.FromMinutes(40)); // the first objection is now more than an hour old
        var again = await visitor.GetAsync($"/Announcements/{id}");
        Assert.Contains("异议已提交", (await visitor.SubmitAsync(again, Objection(again, name: "异议人6"), "#objection-form")).Body);
        Assert.Equal(6, await ObjectionsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_the_office_sees_and_handles_objections(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await PublishedAsync(app);
        using var visitor = app.Browse();
        var page = await visitor.GetAsync($"/Announcements/{id}");
        await visitor.UploadAsync(page, "提交异议", "证明.pdf", Pdf, "#objection-form", values: Objection(page).Select(kv => (kv.Key, kv.Value)));
        var objectionId = await app.WithDbAsync(async (db, _) => await db.Objections.Select(o => o.Id).SingleAsync());

        var anonymous = await visitor.Http.GetAsync($"/Office/Announcements/{id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);

        foreach (var role in Roles.All.Where(r => r != Role.Office))
        {
            var user = await app.CreateAsync(role, twoFactor: Roles.StaffRoles.Contains(role));
            using var client = app.Browse();
            await client.SignInAsync(user.Email!, totpKey: Roles.StaffRoles.Contains(role) ? await app.AuthenticatorKeyAsync(user.Id) : null);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Office/Announcements/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync($"/Office/Announcements/{id}?handler=File&objectionId={objectionId}")).StatusCode);
            var token = (await client.GetAsync("/Announcements")).Html.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            var handle = await client.PostAsync($"/Office/Announcements/{id}?handler=Handle", new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["objectionId"] = objectionId.ToString(), ["outcome"] = nameof(ObjectionOutcome.Upheld), ["handling"] = "越权", ["version"] = "0",
            });
            Assert.Equal(HttpStatusCode.Forbidden, handle.Status);
            var publicPage = await client.GetAsync($"/Announcements/{id}");
            Assert.DoesNotContain("李异议", publicPage.Text);
            Assert.DoesNotContain("13912345678", publicPage.Text);
        }
        Assert.Null(await app.WithDbAsync(async (db, _) => (await db.Objections.AsNoTracking().SingleAsync()).Outcome));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_records_the_handling_closes_only_after_the_period_and_the_public_sees_the_result_without_personal_data(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await PublishedAsync(app, days: 3);
        using (var visitor = app.Browse())
        {
            var page = await visitor.GetAsync($"/Announcements/{id}");
            await visitor.SubmitAsync(page, Objection(page, contact: "li@example.com"), "#objection-form");
        }
        var objectionId = await app.WithDbAsync(async (db, _) => await db.Objections.Select(o => o.Id).SingleAsync());

        using (var office = await OfficeAsync(app))
        {
            var detail = await office.GetAsync($"/Office/Announcements/{id}");
            var early = await office.SubmitAsync(detail, new Dictionary<string, string> { ["confirm"] = "true", ["statement"] = "无异议。" }, "#close");
            Assert.Contains("期满后才能办结", early.Errors);
            Assert.Equal("无异议。", early.Html.QuerySelector("#statement")!.TextContent); // a refused close keeps what the clerk wrote
            Assert.Equal(AnnouncementStatus.Published, await app.WithDbAsync(async (db, _) => (await db.Announcements.AsNoTracking().SingleAsync()).Status));

            var noOutcome = await office.SubmitAsync(detail, new Dictionary<string, string> { ["handling"] = "经核实。" }, $"#objection-{objectionId} form");
            Assert.Contains("请选择处理结果。", noOutcome.Errors);
            Assert.Equal("经核实。", noOutcome.Html.QuerySelector($"#handling-{objectionId}")!.TextContent); // and the handling typed
            var handled = await office.SubmitAsync(detail, new Dictionary<string, string>
            {
                ["outcome"] = nameof(ObjectionOutcome.PartlyUpheld), ["handling"] = "经实地核实，孵化面积略有出入，已要求单位更正。",
            }, $"#objection-{objectionId} form");
            Assert.Contains("已记录处理情况。", handled.Body);
        }
        var objection = await app.WithDbAsync(async (db, _) => await db.Objections.AsNoTracking().SingleAsync());
        Assert.Equal(ObjectionOutcome.PartlyUpheld, objection.Outcome);
        Assert.NotNull(objection.HandledByName);
        Assert.True(Math.Abs((app.Clock.GetUtcNow().UtcDateTime - objection.HandledAtUtc!.Value).TotalSeconds) < 1, "handled now");
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.TransitionRecords.CountAsync(r => r.AggregateId == objectionId && r.Trigger == "HandleObjection")));

        app.Clock.Advance(TimeSpan.FromDays(3)); // the period is over
        using (var office = await OfficeAsync(app)) // a new session: the clock moved past the idle timeout
        {
            var detail = await office.GetAsync($"/Office/Announcements/{id}");
            var unconfirmed = await office.SubmitAsync(detail, new Dictionary<string, string> { ["statement"] = "公示期满，名单维持不变。" }, "#close");
            Assert.Contains("请勾选确认后再办结。", unconfirmed.Errors);
            var closed = await office.SubmitAsync(detail, new Dictionary<string, string> { ["confirm"] = "true", ["statement"] = "公示期满，名单维持不变。" }, "#close");
            Assert.Contains("公示已办结。", closed.Body);
            Assert.Null(closed.Html.QuerySelector($"#objection-{objectionId} form")); // no more handling
        }
        Assert.Equal(AnnouncementStatus.Closed, await app.WithDbAsync(async (db, _) => (await db.Announcements.AsNoTracking().SingleAsync()).Status));

        using var reader = app.Browse();
        var result = await reader.GetAsync($"/Announcements/{id}");
        Assert.Contains("已办结", result.Html.QuerySelector("#period")!.TextContent);
        Assert.Contains("公示期内共收到异议1件", result.Html.QuerySelector("#counts")!.TextContent);
        Assert.Contains("部分成立1件", result.Html.QuerySelector("#counts")!.TextContent);
        Assert.Contains("已要求单位更正", result.Html.QuerySelector("#handling")!.TextContent);
        Assert.Contains("名单维持不变", result.Body);
        Assert.Null(result.Html.QuerySelector("#objection-form"));
        Assert.DoesNotContain("李异议", result.Text);
        Assert.DoesNotContain("li@example.com", result.Text);
        Assert.DoesNotContain("孵化面积与申报材料不符", result.Text); // the objection's own text stays with the office
        Assert.Contains("已办结", (await reader.GetAsync("/Announcements")).Html.QuerySelector("#announcements")!.TextContent);
    }

    [Fact]
    public async Task Office_fills_the_text_with_the_batch_proposed_and_granted_pilot_units()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var granted = new World(now, 301);
        var proposed = new World(now, 302).UseBatch(granted.Batch);
        var waiting = new World(now, 303).UseBatch(granted.Batch);
        var (ga, gd, designation) = An.Application(granted).Granted();
        var pa = An.Application(proposed).ProposedForApproval();
        var pd = Decision.ProposeGrantPilot(People.Office, now, pa, "同意授予试点单位。");
        var wa = An.Application(waiting).Submitted();
        await app.WithDbAsync(async (db, _) =>
        {
            db.Batches.Add(granted.Batch);
            db.Organisations.AddRange(granted.Organisation, proposed.Organisation, waiting.Organisation);
            db.Applications.AddRange(ga, pa, wa);
            db.SiteVisits.AddRange(granted.VisitOf(ga.Id), proposed.VisitOf(pa.Id));
            db.Decisions.AddRange(gd, pd);
            db.Designations.Add(designation);
            await db.SaveChangesAsync();
        });
        using var office = await OfficeAsync(app);
        var edit = await office.GetAsync("/Office/Announcements/Edit");
        var none = await office.ClickAsync(edit, "填入该批次拟入选试点单位名单");
        Assert.Contains("请先选择批次。", none.Errors);
        var filled = await office.ClickAsync(edit, "填入该批次拟入选试点单位名单", ("Input.BatchId", granted.Batch.Id.ToString()));
        var body = filled.Html.QuerySelector("textarea[name='Input.Body']")!.TextContent;
        Assert.Contains(granted.Organisation.Name, body);
        Assert.Contains(proposed.Organisation.Name, body);
        Assert.DoesNotContain(waiting.Organisation.Name, body);
        Assert.Contains("拟入选名单公示", filled.InputValue("Input.Title"));
        var saved = await office.SubmitAsync(filled, null, "#announcement");
        Assert.Contains("公示已保存", saved.Body);
        Assert.Equal(granted.Batch.Id, await app.WithDbAsync(async (db, _) => (await db.Announcements.AsNoTracking().SingleAsync()).BatchId));
    }
}
