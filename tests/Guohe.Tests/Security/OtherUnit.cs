using System.Text.RegularExpressions;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Api;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Security;

/// <summary>
/// Another unit with something of every kind an id can point at: its submitted application with files, the site visit with
/// the experts' opinions, the confirmed grant (decision) and the pilot designation it opened, the obligations due (the annual
/// plan filed), a fee, an API token and a notification. Made through the domain verbs, as the pages and jobs do.
/// </summary>
public sealed record OtherUnit(
    GuoheUser User, Guid OrganisationId, string OrganisationName, string Uscc, string Number, string Invoice,
    IReadOnlyDictionary<string, Guid> Ids)
{
    public static async Task<OtherUnit> CreateAsync(GuoheApp app)
    {
        var user = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.SubmittedAsync(user);
        var invoice = "INV-OTHER-" + Guid.NewGuid().ToString("N")[..8];
        var ids = await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
            application.PassPreliminaryReview(People.Office, now, "通过");
            var visit = SiteVisit.Schedule(People.Office, now, SiteVisitPurpose.ApplicationReview, applicationId, ChinaTime.DateOf(now), "苏州", null,
                [new ExpertAssignment(People.Expert1.UserId, People.Expert1.Name, true), new ExpertAssignment(People.Expert2.UserId, People.Expert2.Name, false)]);
            application.ScheduleSiteVisit(People.Office, now, visit);
            foreach (var expert in new[] { People.Expert1, People.Expert2 })
            {
                visit.DeclareNoConflict(expert, now);
                visit.FileOpinion(expert, now, World.GoodScores, OverallRecommendation.Recommend, "国际化基础扎实。");
            }
            application.CompleteOpinions(People.Expert2, now, visit);
            application.ProposeApproval(People.Office, now, "建议授予试点单位。");
            var decision = Decision.ProposeGrantPilot(People.Office, now, application, "同意授予试点单位。");
            var designation = decision.Confirm(People.Association, now, application, DesignationRules.Default).OpenedDesignation!;
            var obligations = ObligationPlanner.Missing(designation, [], ChinaTime.DateOf(now), ObligationRules.Default)
                .Select(due => Obligation.Create(People.Office, now, designation, due)).ToList();
            obligations.First(o => o.Kind == ObligationKind.AnnualPlan).File(new Actor(user.Id, user.DisplayName, Role.Applicant), now, World.Form());
            var fee = Fee.Charge(People.Office, now, user.OrganisationId!.Value, application.OrganisationName,
                new FeeDetails(FeeKind.Survey, 3000m, new DateOnly(2026, 3, 1), invoice, "实地调研"));
            var (token, _) = ApiTokens.Create(user.Id, "对方令牌", ApiScopes.Read, now, now.AddDays(30));
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            db.Obligations.AddRange(obligations);
            db.Fees.Add(fee);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();

            var result = new Dictionary<string, Guid>
            {
                ["organisation"] = user.OrganisationId.Value, ["user"] = user.Id, ["application"] = applicationId, ["visit"] = visit.Id,
                ["decision"] = decision.Id, ["designation"] = designation.Id, ["fee"] = fee.Id, ["token"] = token.Id,
            };
            foreach (var o in obligations)
            {
                result[$"obligation {o.Kind} {o.Year}"] = o.Id;
            }
            foreach (var file in await db.StoredFiles.AsNoTracking().Where(f => f.ApplicationId == applicationId).ToListAsync())
            {
                result[$"file {file.Kind}"] = file.Id;
            }
            foreach (var notification in await db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).ToListAsync())
            {
                result[$"notification {notification.Id:N}"] = notification.Id;
            }
            return result;
        });
        var (name, uscc, number) = await app.WithDbAsync(async (db, _) =>
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == user.OrganisationId);
            return (organisation.Name, organisation.Uscc.ToString(), application.Number!);
        });
        return new OtherUnit(user, user.OrganisationId!.Value, name, uscc, number, invoice, ids);
    }

    /// <summary>What of this unit shows in <paramref name="text"/>: its name (测试单位1 not inside 测试单位12), number, code, invoice, e-mail or an id.</summary>
    public IReadOnlyList<string> LeaksIn(string text)
    {
        var leaks = new List<string>();
        if (Regex.IsMatch(text, Regex.Escape(OrganisationName) + @"(?!\d)"))
        {
            leaks.Add("name " + OrganisationName);
        }
        foreach (var marker in new[] { Number, Uscc, Invoice, User.Email! })
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                leaks.Add(marker);
            }
        }
        return leaks;
    }
}
