using AngleSharp.Html.Dom;
using Guohe.Domain.Applications;
using Guohe.Domain.Batches;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.History;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Guohe.Web.Identity;
using Guohe.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features;

/// <summary>
/// A designation's life through the front door (issue 5, SPEC §2.2–2.4), on a controlled clock: the daily job creates what the
/// pilot owes and reminds it; the unit files Forms 2–4 on its pages; the office reviews, evaluates and proposes; an association
/// approver confirms. The designation is arranged as a confirmed GrantPilot (issue 4 is walked by ApplicationRoutesTests); every
/// step after that is a page or the job. After each main step: the state, the history records written (trigger, role, article),
/// the notices and the mails.
/// </summary>
public sealed class DesignationLifeTests
{
    /// <summary>10:00 Beijing time on 2 March 2035: the pilot's recognition date. Term ends 2 March 2037.</summary>
    internal static readonly DateOnly Recognised = new(2035, 3, 2);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Pilot_files_both_annual_cycles_passes_acceptance_and_becomes_a_base(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: Life.ManySignIns);
        var life = await Life.ArrangeAsync(app);

        await JobCreatesTheFirstYearsObligationsAsync(life);
        foreach (var year in new[] { 2035, 2036 })
        {
            if (year == 2036)
            {
                life.On(new DateOnly(2036, 1, 5));
                await life.RunJobAsync();
                var created = await life.ChangesAsync();
                Assert.Equal(2, created.History.Count(r => r is { AggregateType: "Obligation", Trigger: "Create" }));
                Life.AssertMailed(created, life.LiaisonEmail, "需提交2036年年度工作计划表");
                Life.AssertMailed(created, life.LiaisonEmail, "需提交2036年年度工作总结表");
            }
            await UnitFilesAndOfficeReviewsAsync(life, ObligationKind.AnnualPlan, year, Article.Art12_1);
            life.On(new DateOnly(year, 12, 20));
            await UnitFilesAndOfficeReviewsAsync(life, ObligationKind.AnnualSummary, year, Article.Art12_3);
        }

        life.On(Recognised.AddYears(2).AddDays(1)); // the construction period has ended
        await UnitFilesTheConstructionSummaryAsync(life, year: 2037);
        await AcceptanceRunsAsync(life, life.Experts[..2]);
        await OfficeProposesAndAssociationConfirmsAsync(life, DecisionKind.GrantBase, "授予国合孵化基地", "现场评估合格，建议授予国合孵化基地。");

        var designation = await life.DesignationAsync();
        Assert.Equal(DesignationStatus.Base, designation.Status);
        Assert.Equal(life.Today, designation.BaseGrantedOn);
        using var unit = await life.UnitAsync();
        Assert.Contains("两协会已确认对您单位授予国合孵化基地的决定", (await unit.GetAsync("/Notifications")).Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Pilot_missing_its_summary_is_reminded_raised_disqualified_and_banned_until_the_ban_ends(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: Life.ManySignIns);
        var life = await Life.ArrangeAsync(app);
        await JobCreatesTheFirstYearsObligationsAsync(life);
        await UnitFilesAndOfficeReviewsAsync(life, ObligationKind.AnnualPlan, 2035, Article.Art12_1);

        // The job runs twice a day from early December 2035 into the new year; the summary is never filed.
        for (var day = new DateOnly(2035, 11, 25); day <= new DateOnly(2036, 1, 3); day = day.AddDays(1))
        {
            life.On(day, hour: 1);
            await life.RunJobAsync();
            life.On(day, hour: 15);
            await life.RunJobAsync();
        }
        var reminded = await life.ChangesAsync();
        const string Summary = "2035年年度工作总结表";
        string[] expected =
        [
            $"提醒：您单位{Summary}应于2035-12-31前提交（还有30天）。",
            $"提醒：您单位{Summary}应于2035-12-31前提交（还有7天）。",
            $"提醒：您单位{Summary}应于2035-12-31前提交（还有1天）。",
            $"逾期提醒：您单位{Summary}已超过截止日期2035-12-31，请尽快提交。",
        ];
        Assert.Equal(expected, reminded.Notices.Where(n => n.UserId == life.Applicant.Id && n.TextZh.Contains(Summary, StringComparison.Ordinal))
            .OrderBy(n => n.CreatedAtUtc).Select(n => n.TextZh));
        Assert.Equal(4, reminded.Mails.Count(m => m.Address == life.LiaisonEmail && m.Subject.Contains(Summary, StringComparison.Ordinal)));
        Assert.All(expected, text => Assert.Single(reminded.Mails, m => m.Address == life.LiaisonEmail && m.Subject.Contains(text.TrimEnd('。'), StringComparison.Ordinal)));
        var officeNotice = Assert.Single(reminded.Notices, n => n.UserId == life.Officer.Id && n.TextZh.Contains(Summary, StringComparison.Ordinal));
        Assert.Contains("至今未提交", officeNotice.TextZh);
        Assert.Single(reminded.Mails, m => m.Address == life.Officer.Email && m.Subject.Contains(Summary, StringComparison.Ordinal));

        // The overdue summary is before the office as a ground of Art. 12(4); it proposes disqualification.
        using (var office = await life.OfficeAsync())
        {
            var queue = await office.GetAsync("/Office/Decisions");
            Assert.Contains(life.UnitName, queue.Html.QuerySelector("#overdue")!.TextContent);
            var candidate = queue.Html.QuerySelectorAll("#candidates tbody tr").Single(r => r.TextContent.Contains(life.UnitName, StringComparison.Ordinal));
            Assert.Contains("第十二条第（四）项", candidate.TextContent);
            var link = candidate.QuerySelector("a[href*='Propose']")!.GetAttribute("href")!;
            Assert.Contains("kind=DisqualifyPilot", link);
            var proposed = await Life.ProposeAsync(office, await office.GetAsync(link), DecisionKind.DisqualifyPilot, "未按期提交2035年年度工作总结，经催告仍未提交。");
            Assert.Equal("/Office/Decisions", proposed.Path);
        }
        var proposal = await life.ChangesAsync();
        Life.AssertHistory(proposal, ("Decision", "ProposeDisqualifyPilot", Role.Office, Article.Art12_4));
        Life.AssertNoticed(proposal, life.Approver.Id, "取消试点单位资格");

        await life.AssociationConfirmsAsync("取消试点单位资格");
        var designation = await life.DesignationAsync();
        Assert.Equal(DesignationStatus.Disqualified, designation.Status);
        var ban = await app.WithDbAsync(async (db, _) => await db.Bans.AsNoTracking().SingleAsync());
        Assert.Equal((life.OrganisationId, life.Today.AddYears(2), Article.Art12_4), (ban.OrganisationId, ban.EndsOn, ban.Article));
        var confirmed = await life.ChangesAsync();
        Life.AssertHistory(confirmed,
            ("Decision", "Confirm", Role.Association, Article.Art12_4),
            ("Designation", "Disqualify", Role.Association, Article.Art12_4));
        Life.AssertNoticed(confirmed, life.Applicant.Id, "两年内不得再次申请");
        Life.AssertMailed(confirmed, life.LiaisonEmail, "两年内不得再次申请");

        // The next batch: submitting is refused with the ban's end date until the ban ends.
        life.On(new DateOnly(2036, 9, 1));
        var draftId = await life.DraftInANewBatchAsync();
        using (var unit = await life.UnitAsync())
        {
            var refused = await unit.ClickAsync(await unit.GetAsync("/Applicant/Application/Edit"), "提交申请");
            Assert.Contains("两年内不得再次申请", refused.Body);
            Assert.Contains(ChinaTime.Zh(ban.EndsOn), refused.Body);
        }
        Assert.Equal(ApplicationStatus.Draft, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == draftId)).Status));
        life.On(ban.EndsOn.AddDays(-1), hour: 23);
        using (var unit = await life.UnitAsync())
        {
            var refused = await unit.ClickAsync(await unit.GetAsync("/Applicant/Application/Edit"), "提交申请");
            Assert.Contains("两年内不得再次申请", refused.Body);
        }
        life.On(ban.EndsOn);
        using (var unit = await life.UnitAsync())
        {
            var submitted = await unit.ClickAsync(await unit.GetAsync("/Applicant/Application/Edit"), "提交申请");
            Assert.DoesNotContain("两年内不得再次申请", submitted.Body);
        }
        Assert.Equal(ApplicationStatus.Submitted, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == draftId)).Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Acceptance_is_extended_one_year_and_then_passed(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: Life.ManySignIns);
        var life = await Life.ArrangeAsync(app);
        await JobCreatesTheFirstYearsObligationsAsync(life);

        life.On(Recognised.AddYears(2).AddDays(1));
        await UnitFilesTheConstructionSummaryAsync(life, year: 2037);
        await AcceptanceRunsAsync(life, life.Experts[..2]);
        await OfficeProposesAndAssociationConfirmsAsync(life, DecisionKind.Extend, "延长试点建设期一年", "国际合作渠道尚需加强，延长试点建设期一年。");

        var extended = await life.DesignationAsync();
        Assert.Equal(DesignationStatus.Extended, extended.Status);
        Assert.Equal(Recognised.AddYears(3), extended.TermEndsOn);
        Assert.Equal(1, extended.ExtensionCount);
        Assert.Null(extended.BaseGrantedOn);

        // The job asks for the new construction summary; filing it before the new term ends is refused.
        await life.RunJobAsync();
        var again = await life.ObligationAsync(ObligationKind.ConstructionSummary, 2038);
        Assert.Equal((ObligationStatus.Open, Recognised.AddYears(3).AddDays(60)), (again.Status, again.DueDate));
        Assert.Contains((await life.ChangesAsync()).Notices, n => n.UserId == life.Applicant.Id && n.TextZh.Contains("需提交2038年建设工作总结表", StringComparison.Ordinal));
        using (var unit = await life.UnitAsync())
        {
            var early = await unit.ClickAsync(await unit.GetAsync($"/Applicant/Obligations/Edit/{again.Id}"), "提交", Life.Filing(ObligationKind.ConstructionSummary));
            Assert.Contains("届满", early.Errors);
        }
        Assert.Equal(DesignationStatus.Extended, (await life.DesignationAsync()).Status);
        await life.ChangesAsync();

        life.On(Recognised.AddYears(3).AddDays(1));
        await UnitFilesTheConstructionSummaryAsync(life, year: 2038);
        await AcceptanceRunsAsync(life, life.Experts[2..]);
        await OfficeProposesAndAssociationConfirmsAsync(life, DecisionKind.GrantBase, "授予国合孵化基地", "整改到位，现场评估合格，建议授予国合孵化基地。");

        var granted = await life.DesignationAsync();
        Assert.Equal(DesignationStatus.Base, granted.Status);
        Assert.Equal(life.Today, granted.BaseGrantedOn);
        Assert.Equal(2, await app.WithDbAsync(async (db, _) => await db.SiteVisits.CountAsync(v => v.SubjectId == life.DesignationId)));
    }

    // ───────────────────────────── steps ─────────────────────────────

    /// <summary>On the recognition day the job creates the plan, the summary and the construction summary; the unit is told (Art. 8).</summary>
    private static async Task JobCreatesTheFirstYearsObligationsAsync(Life life)
    {
        await life.RunJobAsync();
        await life.RunJobAsync(); // a second run creates nothing more

        var obligations = await life.App.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().Where(o => o.DesignationId == life.DesignationId).ToListAsync());
        Assert.Equal(
            [(ObligationKind.AnnualPlan, 2035, new DateOnly(2035, 4, 1)), (ObligationKind.AnnualSummary, 2035, new DateOnly(2035, 12, 31)), (ObligationKind.ConstructionSummary, 2037, new DateOnly(2037, 5, 1))],
            obligations.Select(o => (o.Kind, o.Year, o.DueDate)).OrderBy(o => o.Kind).ToList());
        var changes = await life.ChangesAsync();
        Life.AssertHistory(changes,
            ("Obligation", "Create", Role.Office, Article.Art12_1),
            ("Obligation", "Create", Role.Office, Article.Art12_3),
            ("Obligation", "Create", Role.Office, Article.Art13_1));
        Assert.All(changes.History, r => Assert.Equal("系统", r.ActorName));
        Life.AssertNoticed(changes, life.Applicant.Id, "您单位需提交2035年年度工作计划表，截止日期2035-04-01。");
        Life.AssertNoticed(changes, life.Applicant.Id, "您单位需提交2037年建设工作总结表，截止日期2037-05-01。");
        Assert.Equal(3, changes.Mails.Count(m => m.Address == life.LiaisonEmail && m.Subject.Contains("需提交", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The unit fills Form 2 or 3 with tagged items and partner rows and files it; the office reviews it with an opinion (for a summary:
    /// 年度复核 通过, Art. 12(3)); the unit sees the opinion.
    /// </summary>
    private static async Task UnitFilesAndOfficeReviewsAsync(Life life, ObligationKind kind, int year, string article)
    {
        var obligation = await life.ObligationAsync(kind, year);
        var formName = kind == ObligationKind.AnnualPlan ? "年度工作计划表" : "年度工作总结表";
        using (var unit = await life.UnitAsync())
        {
            var list = await unit.GetAsync("/Applicant/Obligations");
            Assert.NotNull(list.Html.QuerySelector($"a[href='/Applicant/Obligations/Edit/{obligation.Id}']"));
            var filed = await unit.ClickAsync(await unit.GetAsync($"/Applicant/Obligations/Edit/{obligation.Id}"), "提交", Life.Filing(kind));
            Assert.True(filed.Path == "/Applicant/Obligations", filed.Errors);
        }
        var stored = await life.ObligationAsync(kind, year);
        Assert.Equal(ObligationStatus.Filed, stored.Status);
        Assert.Equal([ConstructionContent.TalentTraining, ConstructionContent.BeltAndRoad], stored.Items.Select(i => i.Category));
        Assert.Equal(KeyFields.NewEnergy | KeyFields.BioHealth, stored.Items[0].Fields);
        Assert.Equal(["DE", "KZ"], stored.Partners.Select(p => p.CountryCode));
        Assert.All(stored.Partners, p => Assert.NotNull(p.InstitutionId));
        var changes = await life.ChangesAsync();
        Assert.Contains(changes.History, r => r is { AggregateType: "Obligation", Trigger: "File", Role: Role.Applicant } && r.Article == article && r.ActorUserId == life.Applicant.Id);
        Life.AssertNoticed(changes, life.Officer.Id, $"提交了{year}年{formName}", $"/Office/Obligations/Review/{obligation.Id}");
        Life.AssertNoticed(changes, life.Applicant.Id, $"您单位已提交{year}年{formName}");
        Life.AssertMailed(changes, life.LiaisonEmail, $"您单位已提交{year}年{formName}");
        Life.AssertMailed(changes, life.Officer.Email!, $"提交了{year}年{formName}");

        var opinion = kind == ObligationKind.AnnualPlan ? $"{year}年度计划重点突出，同意按计划实施。" : $"{year}年度计划均已执行，年度复核通过。";
        using (var office = await life.OfficeAsync())
        {
            var queue = await office.GetAsync("/Office/Decisions");
            Assert.Contains(life.UnitName, queue.Html.QuerySelector("#to-review")!.TextContent);
            var review = await office.GetAsync($"/Office/Obligations/Review/{obligation.Id}");
            Assert.Contains("Fraunhofer-Gesellschaft", review.Html.QuerySelector("#partners")!.TextContent);
            Assert.Contains("国际科技合作专业人才培养", review.Html.QuerySelector("#items")!.TextContent);
            var reviewed = kind == ObligationKind.AnnualSummary
                ? await office.ClickAsync(review, "提交审核意见", ("Opinion", opinion), ("Conclusion", nameof(ReviewConclusion.Pass)))
                : await office.ClickAsync(review, "提交审核意见", ("Opinion", opinion));
            Assert.Contains("已审核", reviewed.Body);
        }
        stored = await life.ObligationAsync(kind, year);
        Assert.Equal((ObligationStatus.Reviewed, opinion), (stored.Status, stored.ReviewOpinion));
        Assert.Equal(kind == ObligationKind.AnnualSummary ? ReviewConclusion.Pass : null, stored.ReviewConclusion);
        changes = await life.ChangesAsync();
        Life.AssertHistory(changes, ("Obligation", "Review", Role.Office, article));
        Assert.Equal(kind == ObligationKind.AnnualSummary ? $"Pass: {opinion}" : opinion, changes.History.Single().Opinion); // the conclusion leads a summary's record
        Life.AssertNoticed(changes, life.Applicant.Id, $"您单位{year}年年度"); // "您单位2035年年度工作计划已由办公室审核"
        Life.AssertNoticed(changes, life.Applicant.Id, "已由办公室审核");
        Life.AssertMailed(changes, life.LiaisonEmail, "已由办公室审核");
        using (var unit = await life.UnitAsync())
        {
            Assert.Contains(opinion, (await unit.GetAsync($"/Applicant/Obligations/Edit/{obligation.Id}")).Body);
        }
    }

    /// <summary>After the construction period the unit files Form 4, which moves the designation to acceptance review (Art. 13(1)).</summary>
    private static async Task UnitFilesTheConstructionSummaryAsync(Life life, int year)
    {
        var summary = await life.ObligationAsync(ObligationKind.ConstructionSummary, year);
        using (var unit = await life.UnitAsync())
        {
            var filed = await unit.ClickAsync(await unit.GetAsync($"/Applicant/Obligations/Edit/{summary.Id}"), "提交", Life.Filing(ObligationKind.ConstructionSummary));
            Assert.True(filed.Path == "/Applicant/Obligations", filed.Errors);
        }
        var designation = await life.DesignationAsync();
        Assert.Equal(DesignationStatus.AcceptanceReview, designation.Status);
        Assert.Equal(summary.Id, designation.AcceptanceSummaryId);
        var changes = await life.ChangesAsync();
        Assert.All(changes.History.Where(r => r.AggregateType == "Institution"), r => Assert.Equal(("AddInstitution", Role.Applicant), (r.Trigger, r.Role))); // partners new to the directory
        Life.AssertHistory(changes with { History = [.. changes.History.Where(r => r.AggregateType != "Institution")] },
            ("Designation", "EnterAcceptance", Role.Applicant, Article.Art13_1),
            ("Obligation", "File", Role.Applicant, Article.Art13_1));
        Life.AssertNoticed(changes, life.Officer.Id, $"提交了{year}年建设工作总结表", $"/Office/Obligations/Review/{summary.Id}");
        Life.AssertMailed(changes, life.LiaisonEmail, $"您单位已提交{year}年建设工作总结表");
        life.Summary = summary.Id;
    }

    /// <summary>
    /// The office does the preliminary review, schedules the on-site evaluation with a team from the pool and records its proceedings;
    /// each expert declares and files a written evaluation opinion (Art. 13(2)).
    /// </summary>
    private static async Task AcceptanceRunsAsync(Life life, GuoheUser[] team)
    {
        var evaluate = $"/Office/Acceptance/Evaluate/{life.DesignationId}";
        Guid visitId;
        using (var office = await life.OfficeAsync())
        {
            var list = await office.GetAsync("/Office/Acceptance");
            Assert.Contains(life.UnitName, list.Html.QuerySelector("#acceptance")!.TextContent);
            var page = await office.GetAsync(evaluate);
            Assert.Contains("Fraunhofer-Gesellschaft", page.Body);
            const string Preliminary = "建设工作总结材料齐全，同意组织现场评估。";
            page = await office.ClickAsync(page, "保存初审意见", ("ReviewOpinion", Preliminary));
            Assert.Contains("初审意见已保存", page.Body);
            var changes = await life.ChangesAsync();
            Life.AssertHistory(changes, ("Obligation", "Review", Role.Office, Article.Art13_1));
            Assert.Equal(ObligationStatus.Reviewed, (await life.App.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == life.Summary))).Status);

            var candidates = page.Html.QuerySelectorAll("input[name='Team']").OfType<IHtmlInputElement>().Select(i => Guid.Parse(i.Value)).ToHashSet();
            Assert.All(team, e => Assert.Contains(e.Id, candidates));
            var date = life.Today.AddDays(7);
            page = await office.ClickAsync(page, "安排",
                [("Date", ChinaTime.Iso(date)), ("Place", "福州市鼓楼区软件大道89号"), ("Notes", "上午汇报，下午考察，次日评审会"),
                 .. team.Select(e => ("Team", e.Id.ToString())), ("Leader", team[0].Id.ToString())]);
            Assert.True(page.Body.Contains("现场评估已安排", StringComparison.Ordinal), page.Errors);
            var visit = await life.App.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking()
                .Where(v => v.SubjectId == life.DesignationId && v.Purpose == SiteVisitPurpose.AcceptanceEvaluation).OrderByDescending(v => v.ScheduledAtUtc).FirstAsync());
            visitId = visit.Id;
            Assert.Equal(team.Select(e => e.Id).Order(), visit.Team.Select(t => t.ExpertUserId).Order());
            Assert.Equal(team[0].Id, visit.Team.Single(t => t.IsLeader).ExpertUserId);
            changes = await life.ChangesAsync();
            Life.AssertHistory(changes, ("SiteVisit", "Schedule", Role.Office, Article.Art13_2));
            foreach (var expert in team)
            {
                Life.AssertNoticed(changes, expert.Id, "现场评估", $"/Expert/Evaluation/{visitId}");
            }
            Life.AssertNoticed(changes, life.Applicant.Id, "办公室已安排现场评估");
            Life.AssertMailed(changes, life.LiaisonEmail, "办公室已安排现场评估");

            life.App.Clock.Advance(TimeSpan.FromDays(8)); // the evaluation takes place
        }
        using (var office = await life.OfficeAsync())
        {
            var recorded = await office.UploadAsync(await office.GetAsync(evaluate), "记录评估过程", "评审会纪要.pdf", Life.Pdf, "#proceedings-form");
            Assert.Contains("现场评估过程已记录", recorded.Body);
            var changes = await life.ChangesAsync();
            Life.AssertHistory(changes, ("SiteVisit", "RecordProceedings", Role.Office, Article.Art13_2));
        }

        for (var i = 0; i < team.Length; i++)
        {
            using var client = await life.SignInAsync(team[i]);
            var home = await client.GetAsync("/Expert");
            Assert.Contains(life.UnitName, home.Html.QuerySelector("#assignments-table")!.TextContent);
            var closed = await client.GetAsync($"/Expert/Evaluation/{visitId}");
            Assert.DoesNotContain("Fraunhofer-Gesellschaft", closed.Body);
            var open = await client.ClickAsync(closed, "声明并查看建设工作总结", ("NoConflict", "true"));
            Assert.Contains("Fraunhofer-Gesellschaft", open.Body);
            var text = $"{team[i].DisplayName}：试点建设任务完成，国际合作网络稳定。";
            var filed = await client.ClickAsync(open, "提交书面意见",
                ("Input.Scores.GoalsAndModel", "22"), ("Input.Scores.ChannelsAndTeam", "20"), ("Input.Scores.TechnologyTransfer", "21"),
                ("Input.Scores.Platforms", "23"), ("Input.Recommendation", "Recommend"), ("Input.Text", text));
            Assert.Contains("书面意见已提交", filed.Body);
            var changes = await life.ChangesAsync();
            Life.AssertHistory(changes,
                ("SiteVisit", "DeclareNoConflict", Role.Expert, Article.Art13_2),
                ("SiteVisit", "FileOpinion", Role.Expert, Article.Art13_2));
            if (i == team.Length - 1)
            {
                Life.AssertNoticed(changes, life.Officer.Id, "专家书面评估意见已全部提交", evaluate);
                Life.AssertMailed(changes, life.Officer.Email!, "专家书面评估意见已全部提交");
            }
            else
            {
                Assert.Empty(changes.Notices);
            }
        }
    }

    /// <summary>The office proposes the outcome of acceptance with its reason; an association approver confirms it (Art. 13(3)).</summary>
    private static async Task OfficeProposesAndAssociationConfirmsAsync(Life life, DecisionKind kind, string label, string reason)
    {
        using (var office = await life.OfficeAsync())
        {
            var page = await office.GetAsync($"/Office/Acceptance/Evaluate/{life.DesignationId}");
            Assert.Contains("86", page.Html.QuerySelector("#evaluation-opinions")!.TextContent); // 22 + 20 + 21 + 23
            var proposed = await office.ClickAsync(page, "提交两协会确认", ("Kind", kind.ToString()), ("Reason", reason));
            Assert.Contains("验收结论已提交两协会确认", proposed.Body);
        }
        var changes = await life.ChangesAsync();
        Life.AssertHistory(changes, ("Decision", $"Propose{kind}", Role.Office, Article.Art13_3));
        Assert.Equal(reason, changes.History.Single().Opinion);
        Life.AssertNoticed(changes, life.Approver.Id, label);
        Life.AssertMailed(changes, life.Approver.Email!, label);
        Life.AssertNoticed(changes, life.Applicant.Id, $"办公室已提出验收结论“{label}”");

        await life.AssociationConfirmsAsync(label);
        changes = await life.ChangesAsync();
        Life.AssertHistory(changes,
            ("Decision", "Confirm", Role.Association, Article.Art13_3),
            ("Designation", kind == DecisionKind.GrantBase ? "GrantBase" : "Extend", Role.Association, Article.Art13_3));
        Assert.Equal(reason, changes.History.Single(r => r.AggregateType == "Designation").Opinion);
        Life.AssertNoticed(changes, life.Applicant.Id, $"两协会已确认对您单位{label}的决定（第十三条第（三）项）");
        Life.AssertMailed(changes, life.LiaisonEmail, $"两协会已确认对您单位{label}的决定");
        Assert.Empty(await life.App.WithDbAsync(async (db, _) => await db.Bans.AsNoTracking().ToListAsync()));
    }

    // ───────────────────────────── the walk's people and state ─────────────────────────────

    internal sealed record Changes(IReadOnlyList<TransitionRecord> History, IReadOnlyList<Notification> Notices, IReadOnlyList<(string Address, string Subject)> Mails);

    internal sealed class Life(GuoheApp app)
    {
        public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

        public static readonly Dictionary<string, string?> ManySignIns = new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" };

        private readonly HashSet<Guid> _records = [];
        private readonly HashSet<Guid> _notices = [];
        private readonly List<(string Address, string Subject)> _mails = [];

        public GuoheApp App { get; } = app;

        public GuoheUser Applicant { get; private set; } = null!;

        public GuoheUser Officer { get; private set; } = null!;

        public GuoheUser Approver { get; private set; } = null!;

        /// <summary>Four experts in the pool: the first two evaluate the first round, the last two the second.</summary>
        public GuoheUser[] Experts { get; private set; } = [];

        public Guid OrganisationId { get; private set; }

        public Guid DesignationId { get; private set; }

        public string UnitName { get; private set; } = string.Empty;

        public string LiaisonEmail { get; private set; } = string.Empty;

        /// <summary>The construction summary of the acceptance round under way.</summary>
        public Guid Summary { get; set; }

        public DateOnly Today => ChinaTime.DateOf(App.Clock.GetUtcNow().UtcDateTime);

        /// <summary>Moves the clock to the given China date at the given Beijing hour.</summary>
        public void On(DateOnly date, int hour = 10) =>
            App.Clock.SetUtcNow(new DateTimeOffset(ChinaTime.StartOfDayUtc(date).AddHours(hour), TimeSpan.Zero));

        /// <summary>
        /// The office and association accounts (with authenticators), the expert pool, and a pilot unit recognised on
        /// <see cref="Recognised"/>: its application taken through review and a confirmed GrantPilot decision by the verbs.
        /// </summary>
        public static async Task<Life> ArrangeAsync(GuoheApp app)
        {
            var life = new Life(app);
            life.On(Recognised);
            life.Officer = await app.CreateAsync(Role.Office, twoFactor: true);
            life.Approver = await app.CreateAsync(Role.Association, twoFactor: true);
            life.Experts = [await app.ExpertInPoolAsync(), await app.ExpertInPoolAsync(), await app.ExpertInPoolAsync(), await app.ExpertInPoolAsync()];
            life.Applicant = await app.CreateAsync(Role.Applicant);
            var applicationId = await app.SubmittedAsync(life.Applicant);
            var reviewer = await app.CreateAsync(Role.Expert);
            var designation = await app.WithDbAsync(async (db, _) =>
            {
                var now = app.Clock.GetUtcNow().UtcDateTime;
                var office = new Actor(life.Officer.Id, life.Officer.DisplayName, Role.Office);
                var expert = new Actor(reviewer.Id, reviewer.DisplayName, Role.Expert);
                var application = await db.Applications.SingleAsync(a => a.Id == applicationId);
                application.PassPreliminaryReview(office, now, "通过");
                var visit = SiteVisit.Schedule(office, now, SiteVisitPurpose.ApplicationReview, applicationId, ChinaTime.DateOf(now), "福州", null,
                    [new ExpertAssignment(reviewer.Id, reviewer.DisplayName, true)]);
                application.ScheduleSiteVisit(office, now, visit);
                visit.DeclareNoConflict(expert, now);
                visit.FileOpinion(expert, now, World.GoodScores, OverallRecommendation.Recommend, "建议授予。");
                application.CompleteOpinions(expert, now, visit);
                application.ProposeApproval(office, now, "建议授予试点单位。");
                var decision = Decision.ProposeGrantPilot(office, now, application, "建议授予试点单位。");
                var opened = decision.Confirm(new Actor(life.Approver.Id, life.Approver.DisplayName, Role.Association), now, application, DesignationRules.Default).OpenedDesignation!;
                db.SiteVisits.Add(visit);
                db.Decisions.Add(decision);
                db.Designations.Add(opened);
                await db.SaveChangesAsync();
                return opened;
            });
            Assert.Equal((DesignationStatus.Pilot, Recognised, Recognised.AddYears(2)), (designation.Status, designation.RecognitionDate, designation.TermEndsOn));
            life.DesignationId = designation.Id;
            life.OrganisationId = designation.OrganisationId;
            life.UnitName = designation.OrganisationName;
            life.LiaisonEmail = await app.WithDbAsync(async (db, _) => await db.Organisations.Where(o => o.Id == designation.OrganisationId).Select(o => o.LiaisonEmail).SingleAsync());
            await life.ChangesAsync(); // what the arrangement wrote is not part of the walk
            return life;
        }

        public Task<ObligationRun> RunJobAsync() =>
            App.WithDbAsync((_, services) => services.GetRequiredService<ObligationJob>().RunAsync());

        /// <summary>Every session expires as the clock moves: each step signs in afresh.</summary>
        public async Task<PageClient> SignInAsync(GuoheUser user, bool staff = false)
        {
            var client = App.Browse();
            var home = await client.SignInAsync(user.Email!, totpKey: staff ? await App.AuthenticatorKeyAsync(user.Id) : null);
            Assert.True(home.Path is not ("/Account/Login" or "/Account/LoginWith2fa"), $"{user.Email} not signed in: {home.Errors}");
            return client;
        }

        public Task<PageClient> OfficeAsync() => SignInAsync(Officer, staff: true);

        public Task<PageClient> UnitAsync() => SignInAsync(Applicant);

        public async Task AssociationConfirmsAsync(string label)
        {
            using var association = await SignInAsync(Approver, staff: true);
            var queue = await association.GetAsync("/Association");
            Assert.Contains(label, queue.Body);
            var decisionId = await App.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking()
                .Where(d => d.DesignationId == DesignationId && d.Status == DecisionStatus.Proposed).Select(d => d.Id).SingleAsync());
            var decide = await association.GetAsync(queue.Html.QuerySelectorAll($"main a[href='/Association/Decide/{decisionId}']")[0].GetAttribute("href")!);
            var done = await association.ClickAsync(decide, "确认决定", ("Opinion", "同意。"));
            Assert.Equal("/Association", done.Path);
            Assert.Contains("已确认，决定生效", done.Body);
        }

        public Task<Designation> DesignationAsync() =>
            App.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync(d => d.Id == DesignationId));

        public Task<Obligation> ObligationAsync(ObligationKind kind, int year) =>
            App.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.DesignationId == DesignationId && o.Kind == kind && o.Year == year));

        /// <summary>A complete Form 2, 3 or 4: the preparer, the text, two items tagged by Art. 9 category and Art. 15 fields, two partners.</summary>
        public static (string, string)[] Filing(ObligationKind kind) =>
        [
            ("Input.Preparer.Name", "张制表"), ("Input.Preparer.Title", "国际合作部经理"), ("Input.Preparer.Phone", "0591-87000003"),
            ("Input.Preparer.Email", "zhang@fzinc.cn"), ("Input.Preparer.Mobile", "13800000001"),
            ("Input.WorkText", kind == ObligationKind.AnnualPlan ? "与办公室共同举办中德创新论坛。" : "全年举办培训两期，共建联合实验室一个。"),
            ("Input.Achievements", kind == ObligationKind.AnnualPlan ? "" : "引进技术项目5项，孵化企业3家。"),
            ("Input.Items[0].Text", "举办中德创新创业人才培训班"), ("Input.Items[0].Category", nameof(ConstructionContent.TalentTraining)),
            ("Input.Items[0].Fields", nameof(KeyFields.NewEnergy)), ("Input.Items[0].Fields", nameof(KeyFields.BioHealth)),
            ("Input.Items[1].Text", "与哈萨克斯坦共建一带一路技术转移中心"), ("Input.Items[1].Category", nameof(ConstructionContent.BeltAndRoad)),
            ("Input.Partners[0].CountryCode", "DE"), ("Input.Partners[0].Institution", "Fraunhofer-Gesellschaft"), ("Input.Partners[0].Content", "联合孵化"),
            ("Input.Partners[1].CountryCode", "KZ"), ("Input.Partners[1].Institution", "Astana Hub"), ("Input.Partners[1].Content", "技术转移"),
        ];

        /// <summary>A new batch open today and the organisation's complete draft in it (Form 1 is walked by ApplicationRoutesTests).</summary>
        public Task<Guid> DraftInANewBatchAsync() =>
            App.WithDbAsync(async (db, services) =>
            {
                var now = App.Clock.GetUtcNow().UtcDateTime;
                var batch = Batch.Create(new Actor(Officer.Id, Officer.DisplayName, Role.Office), now, Today.Year, $"{Today.Year}年度第一批", now.AddDays(-1), now.AddYears(3));
                db.Batches.Add(batch);
                var organisation = await db.Organisations.SingleAsync(o => o.Id == OrganisationId);
                var actor = new Actor(Applicant.Id, Applicant.DisplayName, Role.Applicant);
                var application = Application.Create(actor, now, organisation, batch);
                application.EditDraft(actor, now, World.CompleteForm() with { OrganisationName = organisation.Name });
                db.Applications.Add(application);
                await db.SaveChangesAsync();
                var store = services.GetRequiredService<FileStore>();
                foreach (var kind in new[] { DocumentKind.BusinessLicence, DocumentKind.LegalRepresentativeId, DocumentKind.OrganisationIntroduction })
                {
                    await store.SaveAsync(new Upload(application.Id, kind, $"{kind}.pdf", Pdf), Applicant.Id);
                }
                return application.Id;
            });

        /// <summary>Posts the propose form as a browser does (multipart) and follows the redirect.</summary>
        public static async Task<Page> ProposeAsync(PageClient client, Page form, DecisionKind kind, string reason)
        {
            using var body = new MultipartFormDataContent
            {
                { new StringContent(form.InputValue("__RequestVerificationToken")!), "__RequestVerificationToken" },
                { new StringContent(kind.ToString()), "Kind" },
                { new StringContent(reason), "Reason" },
            };
            using var response = await client.Http.PostAsync(form.Url.PathAndQuery, body);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                return await client.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
            }
            Assert.Fail($"Propose answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return null!;
        }

        /// <summary>Exactly these history records were written (ordered by aggregate, then sequence).</summary>
        public static void AssertHistory(Changes changes, params (string Aggregate, string Trigger, Role Role, string Article)[] expected) =>
            Assert.Equal(expected, changes.History.Select(r => (r.AggregateType, r.Trigger, r.Role, r.Article)));

        public static void AssertNoticed(Changes changes, Guid user, string words, string? link = null) =>
            Assert.True(changes.Notices.Any(n => n.UserId == user && n.TextZh.Contains(words, StringComparison.Ordinal) && (link is null || n.Link == link)),
                $"No notice to {user} with '{words}'{(link is null ? "" : $" linking to {link}")}; notices: {string.Join(" | ", changes.Notices.Select(n => $"{n.UserId}: {n.TextZh} → {n.Link}"))}");

        public static void AssertMailed(Changes changes, string address, string words) =>
            Assert.True(changes.Mails.Count(m => m.Address == address && m.Subject.Contains(words, StringComparison.Ordinal)) == 1,
                $"Not exactly one mail to {address} with '{words}'; mails: {string.Join(" | ", changes.Mails.Select(m => $"{m.Address}: {m.Subject}"))}");

        /// <summary>Everything written since the last call.</summary>
        public async Task<Changes> ChangesAsync()
        {
            var (records, notices) = await App.WithDbAsync(async (db, _) => (
                await db.TransitionRecords.AsNoTracking().ToListAsync(),
                await db.Notifications.AsNoTracking().ToListAsync()));
            var newRecords = records.Where(r => _records.Add(r.Id))
                .OrderBy(r => r.AggregateType, StringComparer.Ordinal).ThenBy(r => r.Sequence).ThenBy(r => r.Article, StringComparer.Ordinal).ToList();
            var newNotices = notices.Where(n => _notices.Add(n.Id)).ToList();
            var outbox = App.Messages().Select(m => (m.To.Mailboxes.Single().Address, Subject: m.Subject ?? string.Empty)).ToList();
            foreach (var seen in _mails)
            {
                outbox.Remove(seen);
            }
            _mails.AddRange(outbox);
            return new Changes(newRecords, newNotices, outbox);
        }
    }
}
