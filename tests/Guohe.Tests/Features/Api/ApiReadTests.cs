using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Api;

/// <summary>
/// The read endpoints of /api/v1 as every role, compared with what the same user's pages show (issue 8: no endpoint shows more
/// than the page would). One set of data: unit A designated a pilot (Art. 11(7)) with its obligations, after a site visit with
/// an expert who declared no conflict; unit B waiting for its recommender; unit C with a draft; unit D in a site visit whose
/// expert has not declared yet.
/// </summary>
public sealed partial class ApiReadTests
{
    private sealed record World(
        GuoheUser A, Guid AApplication, Guid ADesignation, IReadOnlyList<Guid> AObligations,
        GuoheUser B, Guid BApplication, GuoheUser C, Guid CDraft, GuoheUser Recommender, GuoheUser Declared, GuoheUser Undeclared, Guid DApplication);

    private static async Task<World> ArrangeAsync(GuoheApp app)
    {
        var recommender = await app.CreateAsync(Role.Recommender);
        var declared = await app.CreateAsync(Role.Expert);
        var undeclared = await app.CreateAsync(Role.Expert);
        var a = await app.CreateAsync(Role.Applicant);
        var b = await app.CreateAsync(Role.Applicant);
        var c = await app.CreateAsync(Role.Applicant);
        var aApplication = await app.SubmittedAsync(a);
        var bApplication = await app.SubmittedAsync(b, recommender.OrganisationId);
        var (designation, obligations) = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(x => x.Id == aApplication);
            application.PassPreliminaryReview(People.Office, now, "材料齐全，初审通过。");
            var one = new Actor(declared.Id, declared.DisplayName, Role.Expert);
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, aApplication, ChinaTime.DateOf(now), "福州", null,
                [new ExpertAssignment(one.UserId, one.Name, true), new ExpertAssignment(People.Expert2.UserId, People.Expert2.Name, false)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            foreach (var expert in new[] { one, People.Expert2 })
            {
                visit.DeclareNoConflict(expert, now);
                visit.FileOpinion(expert, now, Support.World.GoodScores, OverallRecommendation.Recommend, "国际化基础扎实。");
            }
            application.CompleteOpinions(one, now, visit);
            application.ProposeApproval(People.Office, now, "建议授予试点单位。");
            db.SiteVisits.Add(visit);
            var decision = Decision.ProposeGrantPilot(People.Office, now, application, "同意授予试点单位。");
            var designation = decision.Confirm(People.Association, now, application, DesignationRules.Default).OpenedDesignation!;
            var obligations = ObligationPlanner.Missing(designation, [], ChinaTime.DateOf(now), ObligationRules.Default)
                .Select(due => Obligation.Create(People.Office, now, designation, due)).ToList();
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
            return (designation.Id, obligations.Select(o => o.Id).ToList());
        });
        var d = await app.CreateAsync(Role.Applicant);
        var dApplication = await app.SubmittedAsync(d);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(x => x.Id == dApplication);
            application.PassPreliminaryReview(People.Office, now, "材料齐全，初审通过。");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, dApplication, ChinaTime.DateOf(now).AddDays(7), "厦门", null,
                [new ExpertAssignment(undeclared.Id, undeclared.DisplayName, true)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        var draft = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == c.OrganisationId);
            var application = Application.Create(new Actor(c.Id, c.DisplayName, Role.Applicant), now, organisation, await db.Batches.FirstAsync());
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        });
        return new World(a, aApplication, designation, obligations, b, bApplication, c, draft, recommender, declared, undeclared, dApplication);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    /// <summary>Every id in links of the page that starts with <paramref name="prefix"/>.</summary>
    private static HashSet<Guid> LinkedIds(Page page, string prefix) =>
        [.. page.Html.QuerySelectorAll($"a[href^='{prefix}']").Select(l => GuidPattern().Match(l.GetAttribute("href")!)).Where(m => m.Success).Select(m => Guid.Parse(m.Value))];

    private static HashSet<Guid> Ids(IEnumerable<JsonElement> items, string property = "id") => [.. items.Select(i => i.GetProperty(property).GetGuid())];

    private static async Task<(PageClient Browser, HttpClient Api)> AsAsync(GuoheApp app, GuoheUser user)
    {
        var browser = await app.SignInAsync(user, Roles.StaffRoles.Contains(Enum.Parse<Role>(await RoleOfAsync(app, user))));
        return (browser, app.Api(await browser.CreateTokenAsync()));
    }

    private static Task<string> RoleOfAsync(GuoheApp app, GuoheUser user) =>
        app.WithDbAsync((db, _) => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).SingleAsync());

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_sees_through_the_api_exactly_what_its_lists_show(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await ArrangeAsync(app);
        var (browser, api) = await app.SignedInAsync(Role.Office) is var (_, b) ? (b, app.Api(await b.CreateTokenAsync())) : default;
        using (api)
        {
            var listed = new HashSet<Guid>();
            foreach (var status in Guohe.Web.Features.Office.Applications.IndexModel.Queues)
            {
                listed.UnionWith(LinkedIds(await browser.GetAsync($"/Office/Applications?status={status}"), "/Office/Applications/Review/"));
            }
            var applications = Ids(await api.AllAsync("/api/v1/applications"));
            Assert.Equal(listed, applications);
            Assert.Equal(new[] { world.AApplication, world.BApplication, world.DApplication }.Order(), applications.Order());
            Assert.DoesNotContain(world.CDraft, applications); // a draft is the unit's own
            await (await api.GetAsync($"/api/v1/applications/{world.CDraft}")).ProblemAsync(404);

            var organisations = Ids(await api.AllAsync("/api/v1/organisations"));
            Assert.Equal(LinkedIds(await browser.GetAsync("/Office/Organisations"), "/Office/Units/"), organisations);
            Assert.Contains(world.A.OrganisationId!.Value, organisations);

            var designations = await api.AllAsync("/api/v1/designations");
            Assert.Equal(LinkedIds(await browser.GetAsync("/Office/Designations"), "/Office/Units/"), Ids(designations, "organisationId"));
            Assert.Equal([world.ADesignation], Ids(designations));

            var obligations = Ids(await api.AllAsync("/api/v1/obligations"));
            Assert.Equal(world.AObligations.Order(), obligations.Order());
            foreach (var id in obligations)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Office/Obligations/Review/{id}")).Status);
            }
            // Filters and sorting narrow the same set.
            var pilots = await api.AllAsync("/api/v1/designations?status=Pilot&sort=name");
            Assert.Single(pilots);
            var submitted = await api.AllAsync("/api/v1/applications?status=AwaitingRecommendation");
            Assert.Equal([world.BApplication], Ids(submitted));
            var paged = await (await api.GetAsync("/api/v1/organisations?size=1&page=2&sort=-registered")).JsonAsync();
            Assert.Equal(1, paged.GetProperty("items").GetArrayLength());
            Assert.Equal(organisations.Count, paged.GetProperty("total").GetInt32());
            Assert.Equal(organisations.Count, paged.GetProperty("pages").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Units_recommender_and_experts_see_only_their_own_as_on_their_pages(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await ArrangeAsync(app);

        // Unit A: its application, organisation, designation and obligations — as its pages show them.
        var (aBrowser, aApi) = await AsAsync(app, world.A);
        using (aApi)
        {
            var applications = await aApi.AllAsync("/api/v1/applications");
            Assert.Equal([world.AApplication], Ids(applications));
            Assert.Contains(applications[0].GetProperty("number").GetString()!, (await aBrowser.GetAsync("/Applicant/Application")).Body, StringComparison.Ordinal);
            Assert.Equal([world.A.OrganisationId!.Value], Ids(await aApi.AllAsync("/api/v1/organisations")));
            Assert.Equal([world.ADesignation], Ids(await aApi.AllAsync("/api/v1/designations")));
            Assert.Equal(LinkedIds(await aBrowser.GetAsync("/Applicant/Obligations"), "/Applicant/Obligations/Edit/"), Ids(await aApi.AllAsync("/api/v1/obligations")));
        }

        // Unit B sees nothing of A, through the API as through the pages.
        var (bBrowser, bApi) = await AsAsync(app, world.B);
        using (bApi)
        {
            Assert.Equal([world.BApplication], Ids(await bApi.AllAsync("/api/v1/applications")));
            Assert.Equal([world.B.OrganisationId!.Value], Ids(await bApi.AllAsync("/api/v1/organisations")));
            Assert.Empty(await bApi.AllAsync("/api/v1/designations"));
            Assert.Empty(await bApi.AllAsync("/api/v1/obligations"));
            await (await bApi.GetAsync($"/api/v1/applications/{world.AApplication}")).ProblemAsync(404);
            await (await bApi.GetAsync($"/api/v1/designations/{world.ADesignation}")).ProblemAsync(404);
            await (await bApi.GetAsync($"/api/v1/obligations/{world.AObligations[0]}")).ProblemAsync(404);
            await (await bApi.GetAsync($"/api/v1/organisations/{world.A.OrganisationId}")).ProblemAsync(404);
            Assert.Equal(HttpStatusCode.NotFound, (await bBrowser.GetAsync($"/Files/Form1/{world.AApplication}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await bBrowser.GetAsync($"/Files/Obligation/{world.AObligations[0]}")).Status);
        }

        // Unit C sees its own draft, as 我的申请 does.
        var (cBrowser, cApi) = await AsAsync(app, world.C);
        using (cApi)
        {
            var drafts = await cApi.AllAsync("/api/v1/applications");
            Assert.Equal([world.CDraft], Ids(drafts));
            Assert.Equal("Draft", drafts[0].GetProperty("status").GetString());
            Assert.Contains("提交后由系统编号", (await cBrowser.GetAsync("/Applicant/Application")).Body, StringComparison.Ordinal);
        }

        // The recommender: the applications naming it, as its queue lists them; no organisations or designations.
        var (rBrowser, rApi) = await AsAsync(app, world.Recommender);
        using (rApi)
        {
            var applications = Ids(await rApi.AllAsync("/api/v1/applications"));
            Assert.Equal(LinkedIds(await rBrowser.GetAsync("/Recommender"), "/Recommender/Review/"), applications);
            Assert.Equal([world.BApplication], applications);
            Assert.Empty(await rApi.AllAsync("/api/v1/organisations"));
            Assert.Empty(await rApi.AllAsync("/api/v1/designations"));
            Assert.Empty(await rApi.AllAsync("/api/v1/obligations"));
        }

        // Experts: the one who declared no conflict sees the application (Art. 11(4)); the other, nothing yet, though his
        // assignment (D's visit) is listed on his page without the application's content.
        var (eBrowser, eApi) = await AsAsync(app, world.Declared);
        using (eApi)
        {
            var applications = await eApi.AllAsync("/api/v1/applications");
            Assert.Equal([world.AApplication], Ids(applications));
            Assert.Contains(applications[0].GetProperty("number").GetString()!, (await eBrowser.GetAsync("/Expert")).Body, StringComparison.Ordinal);
            Assert.Empty(await eApi.AllAsync("/api/v1/designations")); // not on its acceptance evaluation
            Assert.Empty(await eApi.AllAsync("/api/v1/organisations"));
        }
        var (_, uApi) = await AsAsync(app, world.Undeclared);
        using (uApi)
        {
            Assert.Empty(await uApi.AllAsync("/api/v1/applications"));
            await (await uApi.GetAsync($"/api/v1/applications/{world.DApplication}")).ProblemAsync(404);
            await (await uApi.GetAsync($"/api/v1/applications/{world.AApplication}")).ProblemAsync(404);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Associations_and_auditor_see_the_submitted_applications_they_can_open_and_the_admin_sees_nothing(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await ArrangeAsync(app);
        foreach (var role in new[] { Role.Association, Role.Auditor })
        {
            var (_, browser) = await app.SignedInAsync(role);
            using var api = app.Api(await browser.CreateTokenAsync());
            var applications = Ids(await api.AllAsync("/api/v1/applications"));
            Assert.Equal(new[] { world.AApplication, world.BApplication, world.DApplication }.Order(), applications.Order());
            foreach (var id in applications)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Files/Form1/{id}")).Status); // the page opens each of them
            }
            Assert.Equal([world.ADesignation], Ids(await api.AllAsync("/api/v1/designations")));
            Assert.Equal(world.AObligations.Order(), Ids(await api.AllAsync("/api/v1/obligations")).Order());
            foreach (var id in world.AObligations)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Files/Obligation/{id}")).Status);
            }
            Assert.Empty(await api.AllAsync("/api/v1/organisations")); // no page of theirs lists organisations
        }
        var (_, admin) = await app.SignedInAsync(Role.Admin);
        using var adminApi = app.Api(await admin.CreateTokenAsync());
        foreach (var list in new[] { "applications", "organisations", "designations", "obligations" })
        {
            Assert.Empty(await adminApi.AllAsync($"/api/v1/{list}"));
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Public_units_need_no_token_show_what_the_units_page_shows_and_are_cacheable(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var world = await ArrangeAsync(app);
        using var anonymous = app.Api(null);
        var response = await anonymous.GetAsync("/api/v1/public/units");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        var json = await response.JsonAsync();
        var unit = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal(["keyFields", "level", "name", "province", "recognitionDate", "stage", "type"], unit.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var name = unit.GetProperty("name").GetString()!;
        Assert.Equal("pilot", unit.GetProperty("stage").GetString());
        var page = await app.Browse().GetAsync("/Units");
        Assert.Contains(name, page.Body, StringComparison.Ordinal);
        Assert.Contains(unit.GetProperty("recognitionDate").GetString()!, page.Body, StringComparison.Ordinal);
        Assert.Equal(page.Html.QuerySelectorAll("#units tbody tr").Length, json.GetProperty("total").GetInt32());
        Assert.DoesNotContain("联络人", json.ToString(), StringComparison.Ordinal); // no personal data
        Assert.DoesNotContain(world.A.Email!, json.ToString(), StringComparison.Ordinal);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/public/units");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        Assert.Empty((await (await anonymous.GetAsync("/api/v1/public/units?stage=base")).JsonAsync()).GetProperty("items").EnumerateArray());
        var wrong = await (await anonymous.GetAsync("/api/v1/public/units?stage=all")).ProblemAsync(400);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("stage", out _));
    }
}
