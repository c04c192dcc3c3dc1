using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Web.Data;
using Guohe.Web.Identity;
using Guohe.Web.Infrastructure;
using Guohe.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Notifications;

/// <summary>
/// Tells everyone an application's move concerns (issue 4, notifications): the unit's accounts and its liaison on every
/// change (Art. 8), and whoever must act next — the named recommender, the office, the assigned experts, the approvers.
/// Each gets an in-app notice and an e-mail. Called after the move is saved.
/// </summary>
public sealed class Notifier(GuoheDbContext db, IMailSender mail, TimeProvider clock, IConfiguration configuration)
{
    public async Task ApplicationMovedAsync(Application application)
    {
        var state = ApplicationLifecycle.Table.StateZh(application.Status);
        var number = application.Number ?? string.Empty;
        var unitZh = $"您单位的试点单位申请{number}状态已变为“{state}”。";
        var unitEn = $"Your pilot-unit application {number} is now '{Features.Shared.HistoryText.English(application.Status.ToString())}'.";
        await UnitAsync(application.OrganisationId, unitZh, unitEn, "/Applicant/Application");

        var (recipients, zh, en, link) = application.Status switch
        {
            ApplicationStatus.AwaitingRecommendation when application.RecommenderOrganisationId is { } recommender => (
                await UsersAsync(Role.Recommender, recommender),
                $"{application.OrganisationName}的申请{number}请求贵单位推荐。", $"{application.OrganisationName} asks your organisation to recommend application {number}.",
                $"/Recommender/Review/{application.Id}"),
            ApplicationStatus.Submitted => (
                await UsersAsync(Role.Office, null),
                $"收到{application.OrganisationName}的申请{number}，待初审。", $"Application {number} from {application.OrganisationName} waits for preliminary review.",
                $"/Office/Applications/Review/{application.Id}"),
            ApplicationStatus.SiteVisit when application.SiteVisitId is { } visitId => (
                await ExpertsAsync(visitId),
                $"您已被指派参加{application.OrganisationName}的实地调研。", $"You are assigned to the site visit of {application.OrganisationName}.",
                $"/Expert/Assignment/{visitId}"),
            ApplicationStatus.OpinionsComplete => (
                await UsersAsync(Role.Office, null),
                $"{application.OrganisationName}的专家意见已全部提交，待出具审核意见函。", $"All expert opinions on {application.OrganisationName} are in; the review-opinion letter is due.",
                $"/Office/Applications/Review/{application.Id}"),
            ApplicationStatus.ProposedForApproval => (
                await UsersAsync(Role.Association, null),
                $"办公室建议授予{application.OrganisationName}试点单位，待您确认。", $"The Office proposes granting {application.OrganisationName} the pilot-unit title; your confirmation is needed.",
                "/Association"),
            _ => ([], string.Empty, string.Empty, string.Empty),
        };
        await NotifyAsync(recipients, zh, en, link, mailed: true);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Tells a unit: an in-app notice to each of its accounts and an e-mail to its liaison, who receives every notice (Art. 8)
    /// whether or not they hold an account. Saved by the caller's next SaveChanges (or by the other methods here).
    /// </summary>
    public async Task UnitAsync(Guid organisationId, string zh, string en, string link)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId);
        var unitUsers = await db.Users.Where(u => u.OrganisationId == organisationId && u.DisabledAtUtc == null).ToListAsync();
        await NotifyAsync(unitUsers, zh, en, link, mailed: false);
        var liaisonLanguage = unitUsers.FirstOrDefault(u => string.Equals(u.Email, organisation.LiaisonEmail, StringComparison.OrdinalIgnoreCase))?.PreferredLanguage ?? Cultures.Chinese;
        if (organisation.LiaisonEmail.Length > 0)
        {
            await SendAsync(organisation.LiaisonEmail, organisation.LiaisonName, liaisonLanguage, zh, en, link);
        }
    }

    /// <summary>Tells every active account of a role (of one organisation, when given): a notice and an e-mail each.</summary>
    public async Task RoleAsync(Role role, Guid? organisationId, string zh, string en, string link) =>
        await NotifyAsync(await UsersAsync(role, organisationId), zh, en, link, mailed: true);

    /// <summary>Saves the notices written by <see cref="UnitAsync"/> and <see cref="RoleAsync"/>.</summary>
    public Task SaveAsync() => db.SaveChangesAsync();

    /// <summary>Reminds every member of a visit's team of the date and place (issue 4: 3 days before the visit).</summary>
    public async Task RemindVisitAsync(Domain.Reviews.SiteVisit visit, string unitName)
    {
        var date = ChinaTime.Iso(visit.Date);
        var what = visit.Purpose == Domain.Reviews.SiteVisitPurpose.ApplicationReview ? ("实地调研", "site visit") : ("现场评估", "on-site evaluation");
        await TeamAsync(visit, $"提醒：{unitName}的{what.Item1}定于{date}在{visit.Place}进行。", $"Reminder: the {what.Item2} of {unitName} is on {date} at {visit.Place}.");
        await db.SaveChangesAsync();
    }

    /// <summary>Tells every member of a visit's team (a notice and an e-mail each), linking to their page for it.</summary>
    public async Task TeamAsync(Domain.Reviews.SiteVisit visit, string zh, string en)
    {
        var link = visit.Purpose == Domain.Reviews.SiteVisitPurpose.ApplicationReview ? $"/Expert/Assignment/{visit.Id}" : $"/Expert/Evaluation/{visit.Id}";
        await NotifyAsync(await ExpertsAsync(visit.Id), zh, en, link, mailed: true);
    }

    private async Task NotifyAsync(IReadOnlyList<GuoheUser> users, string zh, string en, string link, bool mailed)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var user in users)
        {
            db.Notifications.Add(new Notification { Id = Guid.CreateVersion7(now), UserId = user.Id, TextZh = zh, TextEn = en, Link = link, CreatedAtUtc = now });
            if (mailed && user.Email is { } email)
            {
                await SendAsync(email, user.DisplayName, user.PreferredLanguage, zh, en, link);
            }
        }
    }

    private Task SendAsync(string email, string name, string language, string zh, string en, string link)
    {
        var url = (configuration["App:PublicUrl"] ?? string.Empty).TrimEnd('/') + link;
        return mail.SendAsync(OutgoingMail.Bilingual(email, name, language, "【国合孵化基地】" + zh, "[Guohe] " + en,
            $"{name}，您好：\n\n{zh}\n请登录系统查看：{url}", $"Hello {name},\n\n{en}\nSign in to see it: {url}"));
    }

    private Task<List<GuoheUser>> UsersAsync(Role role, Guid? organisationId)
    {
        var name = role.ToString();
        return db.Users.Where(u => u.DisabledAtUtc == null && (organisationId == null || u.OrganisationId == organisationId)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == name)))
            .ToListAsync();
    }

    private async Task<List<GuoheUser>> ExpertsAsync(Guid visitId)
    {
        var visit = await db.SiteVisits.AsNoTracking().SingleAsync(v => v.Id == visitId);
        var ids = visit.Team.Select(t => t.ExpertUserId).ToList();
        return await db.Users.Where(u => ids.Contains(u.Id) && u.DisabledAtUtc == null).ToListAsync();
    }
}
