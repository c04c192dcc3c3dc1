using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9, mass assignment (ASVS 15.3.3 / 5.1.2 of 4.0): the main forms posted with a valid submission plus fields a user must
/// never set (Status, OrganisationId, Decision, Role, Version, IsAdmin, Number …, bare and under <c>Input.</c>). The submission
/// is stored; the status, owner, role and number are what the verbs make them, not what was posted.
/// </summary>
public sealed class MassAssignmentTests(ITestOutputHelper output)
{
    /// <summary>
    /// The fields a forger adds; a name the form really has is left to the form. A posted <c>id</c> is not among them: MVC binds
    /// form values before route values, so it simply replaces the route's id, which every page scopes like any id in the address
    /// (the IDOR sweep covers that).
    /// </summary>
    private static Dictionary<string, string> Extras(Page page, Guid foreignOrganisation, Guid foreignId)
    {
        var extras = new Dictionary<string, string>();
        foreach (var (name, value) in new (string, string)[]
                 {
                     ("Status", "Approved"), ("State", "Approved"), ("OrganisationId", foreignOrganisation.ToString()), ("Decision", "GrantPilot"),
                     ("Role", nameof(Role.Admin)), ("Roles", nameof(Role.Admin)), ("Version", "999"), ("IsAdmin", "true"),
                     ("Number", "GH-2099-9999"), ("EmailConfirmed", "true"), ("UserId", foreignId.ToString()), ("ExpertUserId", foreignId.ToString()),
                     ("DesignationId", foreignId.ToString()), ("ApplicationId", foreignId.ToString()), ("Kind", nameof(ObligationKind.ConstructionSummary)),
                     ("ReviewConclusion", "Pass"), ("Revision", "7"), ("Grade", "Excellent"), ("FiledAtUtc", "2000-01-01"), ("TwoFactorEnabled", "false"),
                 })
        {
            foreach (var key in new[] { name, "Input." + name })
            {
                if (page.Html.QuerySelector($"[name='{key}']") is null)
                {
                    extras[key] = value;
                }
            }
        }
        return extras;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> extras, params (string Name, string Value)[] values)
    {
        var all = new Dictionary<string, string>(extras);
        foreach (var (name, value) in values)
        {
            all[name] = value;
        }
        return all;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Main_forms_ignore_status_owner_role_and_version_fields_posted_with_them(string provider)
    {
        await using var cast = await Cast.StartAsync(provider);
        var app = cast.App;
        var pilot = await OtherUnit.CreateAsync(app); // a pilot unit: plans, summaries, publication (also opens the batch)
        var (applicant, applicantClient, _) = cast.Members[Role.Applicant];
        var foreignOrganisation = pilot.OrganisationId;
        var foreignId = pilot.Ids["application"];
        var checkedForms = new List<string>();

        // 1. Form 1 (Art. 9): a draft saved with a new unit name; stays a draft of its own unit, unnumbered.
        var start = await applicantClient.GetAsync("/Applicant/Application/Edit");
        var form = await applicantClient.SubmitAsync(start);
        var extras = Extras(form, foreignOrganisation, foreignId);
        var saved = await applicantClient.SubmitAsync(form, With(extras, ("Input.OrganisationName", "篡改测试孵化器有限公司")), "main form[method=post]:not([action*=Start])");
        Assert.True(saved.Status == System.Net.HttpStatusCode.OK, $"Form 1 save: {(int)saved.Status} {saved.Errors}");
        var application = await app.WithDbAsync((db, _) => db.Applications.AsNoTracking().SingleAsync(a => a.OrganisationId == applicant.OrganisationId));
        Assert.Equal("篡改测试孵化器有限公司", application.OrganisationName); // the valid part was stored
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Null(application.Number);
        Assert.True(application.Version < 999);
        Assert.False(await app.WithDbAsync((db, _) => db.Applications.AnyAsync(a => a.OrganisationId == foreignOrganisation && a.Id != foreignId)));
        checkedForms.Add($"Form 1 draft ({extras.Count} extra fields)");

        // 2. Registration (Art. 8): an applicant with an unconfirmed e-mail and a new unit of its own, whatever else was posted.
        var register = await cast.Anonymous.GetAsync("/Account/Register");
        extras = Extras(register, foreignOrganisation, foreignId);
        var uscc = Usccs.Make(3_000_000 + Random.Shared.Next(100_000)).ToString();
        var registered = await cast.Anonymous.SubmitAsync(register, With(extras,
            ("Input.OrganisationName", "注册篡改测试有限公司"), ("Input.Uscc", uscc), ("Input.LiaisonName", "张晓"), ("Input.Email", "forger@register.cn"),
            ("Input.Mobile", "13812345678"), ("Input.Password", "Hangzhou#2026x"), ("Input.ConfirmPassword", "Hangzhou#2026x"), ("Input.Consent", "true")));
        var (roles, confirmed, organisationId) = await app.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var user = await users.FindByEmailAsync("forger@register.cn");
            Assert.True(user is not null, $"registration refused: {registered.Errors}");
            return (await users.GetRolesAsync(user), user.EmailConfirmed, user.OrganisationId);
        });
        Assert.Equal([nameof(Role.Applicant)], roles);
        Assert.False(confirmed);
        Assert.NotEqual(foreignOrganisation, organisationId);
        Assert.Equal(uscc, (await app.WithDbAsync((db, _) => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId))).Uscc.ToString());
        checkedForms.Add($"registration ({extras.Count})");

        // 3. Publication consent (Art. 17): stored on the unit's own record only.
        using var unit = await app.SignInAsync(pilot.User, twoFactor: false);
        var publication = await unit.GetAsync("/Applicant/Publication");
        extras = Extras(publication, applicant.OrganisationId!.Value, foreignId);
        var published = await unit.ClickAsync(publication, "保存公开信息",
            [.. With(extras, ("Input.Introduction", "篡改测试简介。"), ("Input.Website", "https://ok.example.cn")).Select(e => (e.Key, e.Value))]);
        Assert.Contains("公开信息已保存", published.Body);
        var organisations = await app.WithDbAsync((db, _) => db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id));
        Assert.Equal("篡改测试简介。", organisations[pilot.OrganisationId].Publication.Introduction);
        Assert.Equal(Publication.None, organisations[applicant.OrganisationId.Value].Publication);
        checkedForms.Add($"publication ({extras.Count})");

        // 4. An annual summary (Art. 12): filed, of its own kind and designation, not reviewed.
        var summaryId = pilot.Ids.Single(i => i.Key.StartsWith($"obligation {ObligationKind.AnnualSummary}", StringComparison.Ordinal)).Value;
        var edit = await unit.GetAsync($"/Applicant/Obligations/Edit/{summaryId}");
        extras = Extras(edit, applicant.OrganisationId.Value, foreignId);
        var filed = await unit.ClickAsync(edit, "提交", [.. With(extras,
            ("Input.Preparer.Name", "张制表"), ("Input.Preparer.Title", "国际合作部经理"), ("Input.Preparer.Phone", "0591-87000003"),
            ("Input.Preparer.Email", "zhang@fzinc.cn"), ("Input.Preparer.Mobile", "13800000001"),
            ("Input.WorkText", "本年度国际科技合作工作总结。"), ("Input.Results", "主要成果。"),
            ("Input.Items[0].Text", "举办培训班两期"), ("Input.Items[0].Category", nameof(ConstructionContent.TalentTraining)),
            ("Input.Partners[0].CountryCode", "DE"), ("Input.Partners[0].Institution", "Fraunhofer-Gesellschaft"), ("Input.Partners[0].Content", "联合孵化")).Select(e => (e.Key, e.Value))]);
        var summary = await app.WithDbAsync((db, _) => db.Obligations.AsNoTracking().SingleAsync(o => o.Id == summaryId));
        Assert.True(summary.Status == ObligationStatus.Filed, $"summary not filed: {summary.Status} {filed.Path} {(int)filed.Status} {filed.Errors} {filed.Body[..Math.Min(1500, filed.Body.Length)]}");
        Assert.Equal(ObligationKind.AnnualSummary, summary.Kind);
        Assert.Equal(pilot.Ids["designation"], summary.DesignationId);
        Assert.Null(summary.ReviewConclusion);
        checkedForms.Add($"annual summary ({extras.Count})");

        // 5. An expert's opinion (Art. 11(4)): stored as the signed-in expert's first revision; the application stays in site visit.
        var (expert, expertClient, _) = cast.Members[Role.Expert];
        var visited = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var visitId = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var a = await db.Applications.SingleAsync(x => x.Id == visited);
            a.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, visited, ChinaTime.DateOf(now).AddDays(7), "福州", null,
                [new ExpertAssignment(expert.Id, expert.DisplayName, IsLeader: true), new ExpertAssignment(People.Expert2.UserId, People.Expert2.Name, false)]);
            a.ScheduleSiteVisit(People.Office, now, visit);
            db.SiteVisits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        var assignment = await expertClient.GetAsync($"/Expert/Assignment/{visitId}");
        if (assignment.Html.QuerySelector("form[action*='handler=Declare']") is not null)
        {
            assignment = await expertClient.SubmitAsync(assignment, new Dictionary<string, string> { ["NoConflict"] = "true" });
        }
        extras = Extras(assignment, foreignOrganisation, People.Expert2.UserId);
        var opinion = await expertClient.SubmitAsync(assignment, With(extras,
            ("Input.Scores.GoalsAndModel", "20"), ("Input.Scores.ChannelsAndTeam", "18"), ("Input.Scores.TechnologyTransfer", "15"), ("Input.Scores.Platforms", "12"),
            ("Input.Recommendation", nameof(OverallRecommendation.Recommend)), ("Input.Text", "篡改测试意见。")));
        var stored = await app.WithDbAsync((db, _) => db.SiteVisits.AsNoTracking().SingleAsync(v => v.Id == visitId));
        Assert.True(stored.CurrentOpinionOf(expert.Id) is not null, $"opinion not filed: {opinion.Errors}");
        Assert.Equal(1, stored.CurrentOpinionOf(expert.Id)!.Revision);
        Assert.Null(stored.CurrentOpinionOf(People.Expert2.UserId)); // not filed in the other expert's name
        Assert.Equal(ApplicationStatus.SiteVisit, (await app.WithDbAsync((db, _) => db.Applications.AsNoTracking().SingleAsync(a => a.Id == visited))).Status);
        checkedForms.Add($"expert opinion ({extras.Count})");

        // 6. The office's preliminary review (Art. 11(2)): passed is passed, not approved; owner and number as they were.
        var reviewedId = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        var before = await app.WithDbAsync((db, _) => db.Applications.AsNoTracking().SingleAsync(a => a.Id == reviewedId));
        var officeClient = cast.Members[Role.Office].Client;
        var review = await officeClient.GetAsync($"/Office/Applications/Review/{reviewedId}");
        extras = Extras(review, foreignOrganisation, foreignId);
        await officeClient.SubmitAsync(review, With(extras, ("Opinion", "材料齐全，符合第十条条件。"), ("trigger", nameof(ApplicationTrigger.PassPreliminaryReview))));
        var after = await app.WithDbAsync((db, _) => db.Applications.AsNoTracking().SingleAsync(a => a.Id == reviewedId));
        Assert.Equal(ApplicationStatus.PreliminaryPassed, after.Status);
        Assert.Equal(before.OrganisationId, after.OrganisationId);
        Assert.Equal(before.Number, after.Number);
        Assert.InRange(after.Version, before.Version + 1, before.Version + 2); // the verb's increment, not the posted 999
        checkedForms.Add($"office review ({extras.Count})");

        output.WriteLine($"[{provider}] mass assignment: {checkedForms.Count} forms posted with forged fields, all stored as the verbs decide: {string.Join(", ", checkedForms)}");
    }
}
