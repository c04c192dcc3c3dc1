using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Tests.Support;
using Guohe.Web.Features.Applicant.Application;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Api;

/// <summary>
/// The write endpoints of /api/v1 (issue 8): an application goes from draft to pilot unit through the API alone — Form 1 and
/// its documents (Art. 11(2)), the recommender (Art. 11(1)), the office's preliminary review (Art. 11(3)), the site visit and
/// the experts' opinions (Art. 11(4)–(5)), the proposal and the associations' confirmation (Art. 11(6)) — and the public list
/// then shows the unit (Art. 11(7)). Changes need If-Match: none is 428, a stale one 412; field errors are problem+json in
/// the request's language.
/// </summary>
public sealed class ApiWriteTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Nine accounts sign in to make their tokens, more than the sign-in limit per IP allows in a minute.</summary>
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await api.SendAsync(request);
    }

    private static async Task<(JsonElement Body, string ETag)> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.Tag ?? string.Empty);
    }

    private static async Task<string> ETagAsync(HttpClient api, string url) => (await OkAsync(await api.GetAsync(url))).ETag;

    private static async Task<HttpClient> TokenAsync(GuoheApp app, GuoheUser user, bool staff, params string[] scopes) =>
        app.Api(await (await app.SignInAsync(user, staff)).CreateTokenAsync("接口", 90, scopes));

    private static Task OpenBatchAsync(GuoheApp app) => app.WithDbAsync(async (db, _) =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        if (!await db.Batches.AnyAsync(b => b.OpensAtUtc <= now && now < b.ClosesAtUtc))
        {
            db.Batches.Add(Batch.Create(new Actor(Guid.NewGuid(), "办公室", Role.Office), now, 2026, "2026年度第一批", now.AddDays(-1), now.AddDays(30)));
            await db.SaveChangesAsync();
        }
    });

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_application_goes_from_draft_to_pilot_unit_through_the_api_alone(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: ManySignIns);
        await OpenBatchAsync(app);
        var applicantUser = await app.CreateAsync(Role.Applicant);
        var recommenderUser = await app.CreateAsync(Role.Recommender);
        var otherRecommender = await app.CreateAsync(Role.Recommender);
        var officeUser = await app.CreateAsync(Role.Office, twoFactor: true);
        var association1 = await app.CreateAsync(Role.Association, twoFactor: true);
        var association2 = await app.CreateAsync(Role.Association, twoFactor: true);
        var expert1 = await app.ExpertInPoolAsync();
        var expert2 = await app.ExpertInPoolAsync(Guohe.Domain.Organisations.KeyFields.NewEnergy);
        var outsider = await app.ExpertInPoolAsync();
        using var applicant = await TokenAsync(app, applicantUser, false, "read", "file");
        using var recommender = await TokenAsync(app, recommenderUser, false, "read", "office");
        using var stranger = await TokenAsync(app, otherRecommender, false, "read", "office");
        using var office = await TokenAsync(app, officeUser, true, "read", "office");
        using var first = await TokenAsync(app, expert1, false, "read", "office");
        using var second = await TokenAsync(app, expert2, false, "read", "office");
        using var notOnTeam = await TokenAsync(app, outsider, false, "read", "office");
        using var approver = await TokenAsync(app, association1, true, "read", "office");
        using var approver2 = await TokenAsync(app, association2, true, "read", "office");
        var organisationName = await app.WithDbAsync((db, _) => db.Organisations.Where(o => o.Id == applicantUser.OrganisationId).Select(o => o.Name).SingleAsync());

        // Form 1: a draft, its form, its documents, the submission to the recommender (Art. 11(1)–(2)).
        var (created, etag) = await OkAsync(await SendAsync(applicant, HttpMethod.Post, "/api/v1/applications"), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("Draft", created.GetProperty("status").GetString());
        await (await SendAsync(applicant, HttpMethod.Post, "/api/v1/applications")).ProblemAsync(409); // one open application per unit
        await (await SendAsync(office, HttpMethod.Post, "/api/v1/applications")).ProblemAsync(403); // the office files nothing
        var form = Form1Input.From(World.CompleteForm(ApplicationRoute.Recommended) with
        {
            OrganisationName = organisationName, RecommenderOrganisationId = recommenderUser.OrganisationId,
        }, 0);
        (_, etag) = await OkAsync(await SendAsync(applicant, HttpMethod.Put, $"/api/v1/applications/{id}/form", form, etag));
        foreach (var kind in new[] { "BusinessLicence", "LegalRepresentativeId", "OrganisationIntroduction" })
        {
            using var content = new MultipartFormDataContent();
            content.Add(new ByteArrayContent(Pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "file", $"{kind}.pdf");
            var (uploaded, _) = await OkAsync(await applicant.PutAsync($"/api/v1/applications/{id}/documents/{kind}", content));
            Assert.Equal(kind, uploaded.GetProperty("kind").GetString());
        }
        var (submitted, _) = await OkAsync(await SendAsync(applicant, HttpMethod.Post, $"/api/v1/applications/{id}/submit", null, etag));
        Assert.Equal("AwaitingRecommendation", submitted.GetProperty("status").GetString());
        Assert.NotNull(submitted.GetProperty("number").GetString());

        // The recommender endorses (Art. 11(1)); another recommender does not see it.
        etag = await ETagAsync(recommender, $"/api/v1/applications/{id}");
        await (await SendAsync(stranger, HttpMethod.Post, $"/api/v1/applications/{id}/recommendation", new { endorse = true, opinion = "同意推荐。" }, etag)).ProblemAsync(404);
        var (endorsed, _) = await OkAsync(await SendAsync(recommender, HttpMethod.Post, $"/api/v1/applications/{id}/recommendation", new { endorse = true, opinion = "同意推荐。" }, etag));
        Assert.Equal("Submitted", endorsed.GetProperty("status").GetString());

        // The office: preliminary review (Art. 11(3)), then the site visit with a team of two (Art. 11(4)).
        etag = await ETagAsync(office, $"/api/v1/applications/{id}");
        await (await SendAsync(recommender, HttpMethod.Post, $"/api/v1/applications/{id}/review", new { action = "PassPreliminaryReview" }, etag)).ProblemAsync(403);
        var (passed, passedTag) = await OkAsync(await SendAsync(office, HttpMethod.Post, $"/api/v1/applications/{id}/review", new { action = "PassPreliminaryReview", opinion = "材料齐全，初审通过。" }, etag));
        Assert.Equal("PreliminaryPassed", passed.GetProperty("status").GetString());
        var (candidates, _) = await OkAsync(await office.GetAsync($"/api/v1/applications/{id}/site-visit/candidates"));
        var ids = candidates.EnumerateArray().Select(c => c.GetProperty("userId").GetGuid()).ToList();
        Assert.Contains(expert1.Id, ids);
        Assert.Contains(expert2.Id, ids);
        var (visit, _) = await OkAsync(await SendAsync(office, HttpMethod.Post, $"/api/v1/applications/{id}/site-visit",
            new { date = "2026-06-01", place = "福州市软件大道89号", team = new[] { expert1.Id, expert2.Id }, leader = expert1.Id }, passedTag), HttpStatusCode.Created);
        var visitId = visit.GetProperty("id").GetGuid();
        Assert.Equal(2, visit.GetProperty("team").GetArrayLength());

        // The experts: declaration, then the written opinion (Art. 11(5)); an expert off the team sees nothing.
        await (await notOnTeam.GetAsync($"/api/v1/site-visits/{visitId}")).ProblemAsync(404);
        Assert.DoesNotContain(await notOnTeam.AllAsync("/api/v1/applications"), a => a.GetProperty("id").GetGuid() == id);
        foreach (var expert in new[] { first, second })
        {
            var (mine, _) = await OkAsync(await expert.GetAsync("/api/v1/site-visits"));
            Assert.Contains(mine.EnumerateArray(), v => v.GetProperty("visitId").GetGuid() == visitId);
            var (own, visitTag) = await OkAsync(await expert.GetAsync($"/api/v1/site-visits/{visitId}"));
            Assert.Equal(1, own.GetProperty("team").GetArrayLength()); // an expert sees their own row, not the others'
            var opinion = new
            {
                scores = new { goalsAndModel = 22, channelsAndTeam = 21, technologyTransfer = 20, platforms = 23 },
                recommendation = "Recommend", text = "国际化基础扎实，建议通过。",
            };
            await (await SendAsync(expert, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion", opinion, visitTag)).ProblemAsync(409); // declare first
            (_, visitTag) = await OkAsync(await SendAsync(expert, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/declaration", null, visitTag));
            await OkAsync(await SendAsync(expert, HttpMethod.Post, $"/api/v1/site-visits/{visitId}/opinion", opinion, visitTag));
        }

        // The office proposes the pilot title; an association approver confirms (Art. 11(6)).
        var (complete, completeTag) = await OkAsync(await office.GetAsync($"/api/v1/applications/{id}"));
        Assert.Equal("OpinionsComplete", complete.GetProperty("status").GetString());
        await OkAsync(await SendAsync(office, HttpMethod.Post, $"/api/v1/applications/{id}/review", new { action = "ProposeApproval", opinion = "建议授予试点单位。" }, completeTag));
        var (proposed, _) = await OkAsync(await approver.GetAsync("/api/v1/decisions?status=Proposed"));
        var decisionId = proposed.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("applicationId").GetGuid() == id).GetProperty("id").GetGuid();
        var decisionTag = await ETagAsync(approver, $"/api/v1/decisions/{decisionId}");
        await (await SendAsync(office, HttpMethod.Post, $"/api/v1/decisions/{decisionId}/confirmation", new { opinion = "同意。" }, decisionTag)).ProblemAsync(403);
        var (confirmed, _) = await OkAsync(await SendAsync(approver, HttpMethod.Post, $"/api/v1/decisions/{decisionId}/confirmation", new { opinion = "同意授予。" }, decisionTag));
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());
        var designationId = confirmed.GetProperty("openedDesignationId").GetGuid();
        // The second approver comes too late: its tag is stale.
        await (await SendAsync(approver2, HttpMethod.Post, $"/api/v1/decisions/{decisionId}/confirmation", new { opinion = "同意。" }, decisionTag)).ProblemAsync(412);

        // The data at the end: the application approved, the designation open as a pilot unit, the public list shows it.
        var (application, designation, profileProvince) = await app.WithDbAsync(async (db, _) => (
            await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id),
            await db.Designations.AsNoTracking().SingleAsync(d => d.Id == designationId),
            (await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == applicantUser.OrganisationId)).Profile.Province));
        Assert.Equal(ApplicationStatus.Approved, application.Status);
        Assert.Equal(DesignationStatus.Pilot, designation.Status);
        Assert.Equal(applicantUser.OrganisationId, designation.OrganisationId);
        Assert.Equal("福建省", profileProvince); // the submitted profile became the organisation's
        var (designations, _) = await OkAsync(await applicant.GetAsync("/api/v1/designations"));
        Assert.Contains(designations.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == designationId);
        using var anonymous = app.Api(null);
        var (units, _) = await OkAsync(await anonymous.GetAsync($"/api/v1/public/units?search={Uri.EscapeDataString(organisationName)}"));
        var unit = Assert.Single(units.GetProperty("items").EnumerateArray());
        Assert.Equal("pilot", unit.GetProperty("stage").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_change_needs_if_match_a_stale_one_is_412_and_field_errors_come_in_the_requests_language(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        await OpenBatchAsync(app);
        var user = await app.CreateAsync(Role.Applicant);
        var browser = await app.SignInAsync(user, false);
        var token = await browser.CreateTokenAsync("接口", 90, "read", "file");
        using var zh = app.Api(token);
        using var en = app.Api(token, "en");
        var (created, etag) = await OkAsync(await SendAsync(zh, HttpMethod.Post, "/api/v1/applications"), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"\"{created.GetProperty("version").GetInt32()}\"", etag);
        var form = Form1Input.From(World.CompleteForm(), 0);

        var missing = await (await SendAsync(zh, HttpMethod.Put, $"/api/v1/applications/{id}/form", form)).ProblemAsync(428);
        Assert.Contains("If-Match", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await SendAsync(zh, HttpMethod.Post, $"/api/v1/applications/{id}/submit")).ProblemAsync(428);
        await (await SendAsync(zh, HttpMethod.Put, $"/api/v1/applications/{id}/form", form, "\"999\"")).ProblemAsync(412);

        var (_, saved) = await OkAsync(await SendAsync(zh, HttpMethod.Put, $"/api/v1/applications/{id}/form", form, etag));
        Assert.NotEqual(etag, saved);
        // The old tag is stale now: 412, in English too, and nothing changed.
        form.OrganisationName = "别的名称";
        var stale = await (await SendAsync(en, HttpMethod.Put, $"/api/v1/applications/{id}/form", form, etag)).ProblemAsync(412);
        Assert.DoesNotContain(stale.GetProperty("title").GetString()!, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.Equal(saved, await ETagAsync(zh, $"/api/v1/applications/{id}/form"));

        // Field errors: each under its JSON path, in Chinese or English; nothing is stored.
        var bad = Form1Input.From(World.CompleteForm(), 0);
        bad.UnitHead.Mobile = "123";
        bad.Profile.Province = "火星";
        var zhErrors = (await (await SendAsync(zh, HttpMethod.Put, $"/api/v1/applications/{id}/form", bad, saved)).ProblemAsync(400)).GetProperty("errors");
        Assert.Equal("手机号应为以1开头的11位数字。", zhErrors.GetProperty("unitHead.mobile")[0].GetString());
        Assert.Equal("请从列表中选择省份。", zhErrors.GetProperty("profile.province")[0].GetString());
        var enErrors = (await (await SendAsync(en, HttpMethod.Put, $"/api/v1/applications/{id}/form", bad, saved)).ProblemAsync(400)).GetProperty("errors");
        Assert.Matches("^[\\x20-\\x7E]+$", enErrors.GetProperty("unitHead.mobile")[0].GetString()!);
        Assert.Matches("^[\\x20-\\x7E]+$", enErrors.GetProperty("profile.province")[0].GetString()!);
        Assert.Equal(saved, await ETagAsync(zh, $"/api/v1/applications/{id}/form"));

        // The submit check lists what is missing (no documents yet) as problem+json, and nothing moves.
        var refused = (await (await SendAsync(en, HttpMethod.Post, $"/api/v1/applications/{id}/submit", null, saved)).ProblemAsync(400)).GetProperty("errors");
        Assert.NotEmpty(refused.EnumerateObject());
        var (still, _) = await OkAsync(await zh.GetAsync($"/api/v1/applications/{id}"));
        Assert.Equal("Draft", still.GetProperty("status").GetString());

        // Another unit's application is not there for this token.
        var other = await app.CreateAsync(Role.Applicant);
        var otherId = await app.SubmittedAsync(other);
        await (await SendAsync(zh, HttpMethod.Put, $"/api/v1/applications/{otherId}/form", form, "\"1\"")).ProblemAsync(404);
        await (await zh.GetAsync($"/api/v1/applications/{otherId}/form")).ProblemAsync(404);
    }
}
