using Guohe.Domain.Announcements;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Web.Data;

public static partial class DevSeed
{
    /// <summary>The demo announcements' titles; the seed adds each once.</summary>
    public const string OpenAnnouncementTitle = "国际科技合作孵化基地试点单位拟入选名单公示（演示）";

    public const string ClosedAnnouncementTitle = "国际科技合作孵化基地试点单位拟入选名单公示（演示，已办结）";

    /// <summary>
    /// Two announcements (Art. 11(7)): one open now with one objection awaiting handling, and one whose period ended a month ago,
    /// with its objection handled and closed — back-dated through the verbs, acted by the demo office.
    /// </summary>
    private static async Task SeedAnnouncementsAsync(GuoheDbContext db, UserManager<GuoheUser> users, DateTime now)
    {
        if (await db.Announcements.AnyAsync(a => a.Title == OpenAnnouncementTitle || a.Title == ClosedAnnouncementTitle))
        {
            return;
        }
        var office = await ActorAsync(users, "office@demo.guohe.cn", Role.Office);
        var granted = await (from d in db.Decisions
                             where d.Kind == DecisionKind.GrantPilot && (d.Status == DecisionStatus.Proposed || d.Status == DecisionStatus.Confirmed)
                             join a in db.Applications on d.ApplicationId equals (Guid?)a.Id
                             join b in db.Batches on a.BatchId equals b.Id
                             select new { b.Id, b.Name, a.OrganisationName }).ToListAsync();
        var batch = granted.GroupBy(g => (g.Id, g.Name)).OrderByDescending(g => g.Count()).FirstOrDefault();
        var units = batch is null ? ["中关村国际创新孵化器有限公司"] : batch.Select(g => g.OrganisationName).Distinct().Order(StringComparer.Ordinal).ToList();
        var batchName = batch?.Key.Name ?? CurrentBatchName(now);

        // Closed: a 7-day period that ended a month ago, one objection found not upheld.
        var closedStart = ChinaTime.DateOf(now.AddDays(-40));
        var closed = Announcement.Draft(office, now.AddDays(-42),
            new AnnouncementText(ClosedAnnouncementTitle, Features.Announcements.ProposedUnits.Text(batchName, units, closedStart, closedStart.AddDays(6)), batch?.Key.Id, closedStart, 7));
        closed.Publish(office, now.AddDays(-41));
        var old = Objection.File(closed, now.AddDays(-38),
            new ObjectionText("演示异议人甲", "13800000001", "据了解，公示名单中的某单位孵化场地面积与申报材料不符，请核实。"), "demo-seed");
        old.Handle(office, now.AddDays(-35), closed, ObjectionOutcome.NotUpheld, "经办公室实地核实，该单位孵化场地面积与申报材料一致，异议不成立。");
        closed.Close(office, now.AddDays(-32), "公示期内共收到异议1件，经核实不成立。公示期满无其他异议，名单维持不变。", 0);

        // Open: started two days ago for the default seven days, one objection awaiting handling.
        var openStart = ChinaTime.DateOf(now.AddDays(-2));
        var open = Announcement.Draft(office, now.AddDays(-3),
            new AnnouncementText(OpenAnnouncementTitle, Features.Announcements.ProposedUnits.Text(batchName, units, openStart, openStart.AddDays(6)), batch?.Key.Id, openStart, 7));
        open.Publish(office, now.AddDays(-3));
        var objection = Objection.File(open, now.AddHours(-5),
            new ObjectionText("演示异议人乙", "objector@example.com", "公示名单中某单位近一年未开展国际合作活动，建议核实其国际合作渠道情况。"), "demo-seed");

        db.Announcements.AddRange(closed, open);
        db.Objections.AddRange(old, objection);
        await db.SaveChangesAsync();
    }
}
