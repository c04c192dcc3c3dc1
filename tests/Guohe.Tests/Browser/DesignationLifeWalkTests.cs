using System.Text.RegularExpressions;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Features;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Life = Guohe.Tests.Features.DesignationLifeTests.Life;

namespace Guohe.Tests.Browser;

/// <summary>
/// A designation's life clicked through in Chromium (issue 10), on the app's controlled clock, arranged as
/// <see cref="DesignationLifeTests"/> arranges it (a pilot confirmed on 2 March 2035). The unit files its annual plans (Art. 12(1))
/// and summaries (Art. 12(3)) for two years on its own pages, adding rows of items and of foreign partners (country and
/// institution); the office reviews each; after the construction period the unit files the construction summary (Art. 13(1)),
/// the office schedules the on-site evaluation with experts from the pool, each expert files a written evaluation (13(2)), the
/// office proposes a base and an association approver confirms (13(3)); the public list then shows the unit as a base.
/// A second walk: a summary never filed, the daily job's reminders, a disqualification proposed (Art. 12(4)) and confirmed, and
/// the two-year ban shown with its end date when the unit next submits. Every page is checked and saved (<see cref="Screenshots"/>).
/// </summary>
public sealed class DesignationLifeWalkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pilot_files_two_years_with_partners_passes_acceptance_and_is_listed_as_a_base()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: Walks.ServerSettings());
        var life = await Life.ArrangeAsync(app);
        var walk = new Walk(browser, life, new Screenshots("life"));
        await life.RunJobAsync(); // on the recognition day the job creates the first year's plan, summary and the construction summary

        foreach (var year in new[] { 2035, 2036 })
        {
            if (year == 2036)
            {
                life.On(new DateOnly(2036, 1, 5));
                await life.RunJobAsync();
            }
            await walk.UnitFilesAndOfficeReviewsAsync(ObligationKind.AnnualPlan, year);
            life.On(new DateOnly(year, 12, 20));
            await walk.UnitFilesAndOfficeReviewsAsync(ObligationKind.AnnualSummary, year);
        }

        // The construction period has ended: Form 4 moves the designation to acceptance review (Art. 13(1)).
        life.On(DesignationLifeTests.Recognised.AddYears(2).AddDays(1));
        var summary = await life.ObligationAsync(ObligationKind.ConstructionSummary, 2037);
        var unit = await browser.SignedInAsync(app, life.Applicant);
        await unit.GotoAsync($"/Applicant/Obligations/Edit/{summary.Id}");
        await Expect(unit.Locator("h1")).ToContainTextAsync("建设工作总结表");
        await Walk.FillAndFileAsync(unit, ObligationKind.ConstructionSummary, walk.Shots, "19-construction-summary-form");
        Assert.Equal(DesignationStatus.AcceptanceReview, (await life.DesignationAsync()).Status);
        await Expect(unit.Locator("main")).ToContainTextAsync("2037");
        await walk.Shots.TakeAsync(unit, "20-construction-summary-filed");
        await unit.CloseAsync();

        // The office reviews it and schedules the on-site evaluation with two experts of the pool, the first leading (Art. 13(2)).
        var team = life.Experts[..2];
        var office = await browser.SignedInAsync(app, life.Officer, staff: true);
        await office.GotoAsync("/Office/Acceptance");
        await Expect(office.Locator("#acceptance")).ToContainTextAsync(life.UnitName);
        await walk.Shots.TakeAsync(office, "21-acceptance-list");
        await office.Locator($"#acceptance a[href='/Office/Acceptance/Evaluate/{life.DesignationId}']").ClickAsync();
        await Expect(office.Locator("main")).ToContainTextAsync("Fraunhofer-Gesellschaft");
        await Support.Browser.SubmitAsync(office, "保存初审意见", ("ReviewOpinion", "建设工作总结材料齐全，同意组织现场评估。"));
        await Expect(office.Locator("main")).ToContainTextAsync("初审意见已保存");
        await Support.Browser.SubmitAsync(office, "安排",
            [("Date", ChinaTime.Iso(life.Today.AddDays(7))), ("Place", "福州市鼓楼区软件大道89号"), ("Notes", "上午汇报，下午考察，次日评审会"),
             .. team.Select(e => ("Team", e.Id.ToString())), ("Leader", team[0].Id.ToString())]);
        await Expect(office.Locator("main")).ToContainTextAsync("现场评估已安排");
        await walk.Shots.TakeAsync(office, "22-evaluation-scheduled");
        await office.CloseAsync();
        var visitId = await app.WithDbAsync(async (db, _) => await db.SiteVisits.AsNoTracking()
            .Where(v => v.SubjectId == life.DesignationId && v.Purpose == SiteVisitPurpose.AcceptanceEvaluation).Select(v => v.Id).SingleAsync());

        // The evaluation takes place; the office records its proceedings with the minutes.
        app.Clock.Advance(TimeSpan.FromDays(8));
        office = await browser.SignedInAsync(app, life.Officer, staff: true);
        await office.GotoAsync($"/Office/Acceptance/Evaluate/{life.DesignationId}");
        await office.Locator("#proceedings-form input[type='file']").SetInputFilesAsync(new FilePayload { Name = "评审会纪要.pdf", MimeType = "application/pdf", Buffer = Life.Pdf });
        await Support.Browser.SubmitAsync(office, "记录评估过程");
        await Expect(office.Locator("main")).ToContainTextAsync("现场评估过程已记录");
        await walk.Shots.TakeAsync(office, "23-proceedings-recorded");
        await office.CloseAsync();

        // Each expert declares no conflict, reads the construction summary and files a written evaluation.
        foreach (var expert in team)
        {
            var page = await browser.SignedInAsync(app, expert);
            await Expect(page.Locator("#assignments-table")).ToContainTextAsync(life.UnitName);
            await page.Locator($"#assignments-table a[href='/Expert/Evaluation/{visitId}']").ClickAsync();
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Fraunhofer-Gesellschaft");
            await Support.Browser.SubmitAsync(page, "声明并查看建设工作总结", ("NoConflict", "true"));
            await Expect(page.Locator("main")).ToContainTextAsync("Fraunhofer-Gesellschaft");
            await Support.Browser.SubmitAsync(page, "提交书面意见",
                ("Input.Scores.GoalsAndModel", "22"), ("Input.Scores.ChannelsAndTeam", "20"), ("Input.Scores.TechnologyTransfer", "21"),
                ("Input.Scores.Platforms", "23"), ("Input.Recommendation", "Recommend"), ("Input.Text", $"{expert.DisplayName}：试点建设任务完成，国际合作网络稳定。"));
            await Expect(page.Locator("main")).ToContainTextAsync("书面意见已提交");
            await walk.Shots.TakeAsync(page, $"24-evaluation-{Array.IndexOf(team, expert) + 1}");
            await page.CloseAsync();
        }

        // The office proposes a base (Art. 13(3)); an association approver confirms.
        office = await browser.SignedInAsync(app, life.Officer, staff: true);
        await office.GotoAsync($"/Office/Acceptance/Evaluate/{life.DesignationId}");
        await Expect(office.Locator("#evaluation-opinions")).ToContainTextAsync("86"); // 22 + 20 + 21 + 23
        await Support.Browser.SubmitAsync(office, "提交两协会确认", ("Kind", nameof(Guohe.Domain.Decisions.DecisionKind.GrantBase)), ("Reason", "现场评估合格，建议授予国合孵化基地。"));
        await Expect(office.Locator("main")).ToContainTextAsync("验收结论已提交两协会确认");
        await walk.Shots.TakeAsync(office, "25-base-proposed");
        await office.CloseAsync();
        await walk.AssociationConfirmsAsync("授予国合孵化基地", "26-base-confirmed");
        var designation = await life.DesignationAsync();
        Assert.Equal((DesignationStatus.Base, life.Today), (designation.Status, designation.BaseGrantedOn));

        unit = await browser.SignedInAsync(app, life.Applicant);
        await unit.GotoAsync("/Notifications");
        await Expect(unit.Locator("main")).ToContainTextAsync("两协会已确认对您单位授予国合孵化基地的决定");
        await walk.Shots.TakeAsync(unit, "27-unit-notified");
        await unit.CloseAsync();

        // Anyone sees it on the public list as a base (Art. 13(3)), also when the list is filtered to bases.
        var visitor = await browser.OpenAsync(app.Address!);
        await visitor.GotoAsync("/Units");
        await Expect(visitor.Locator("main table tbody tr", new() { HasText = life.UnitName })).ToContainTextAsync("国合孵化基地");
        await visitor.Locator("#stage").SelectOptionAsync("base");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await visitor.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var row = visitor.Locator("main table tbody tr", new() { HasText = life.UnitName });
        await Expect(row).ToContainTextAsync("国合孵化基地");
        await walk.Shots.TakeAsync(visitor, "28-public-list-base");
        walk.Shots.AssertNoProblems();

        // Two years of filings later, nothing personal was logged: not a preparer of a plan or summary, nor anyone else.
        var scan = await PersonalDataInLogs.ScanAsync(app);
        output.WriteLine($"logs: {scan.Entries} entries scanned for {scan.Values} personal values, {scan.Leaks.Count} found");
        Assert.True(scan.Leaks.Count == 0, string.Join('\n', scan.Leaks.Take(20)));
    }

    [Fact]
    public async Task Pilot_missing_its_summary_is_disqualified_and_shown_the_ban_at_its_next_submit()
    {
        await using var browser = await Support.Browser.LaunchAsync();
        await using var app = await GuoheApp.StartServerAsync(Databases.Sqlite, settings: Walks.ServerSettings());
        var life = await Life.ArrangeAsync(app);
        var walk = new Walk(browser, life, new Screenshots("disqualified"));
        await life.RunJobAsync();
        await walk.UnitFilesAndOfficeReviewsAsync(ObligationKind.AnnualPlan, 2035);

        // The job runs twice a day from late November 2035 into the new year; the summary is never filed.
        for (var day = new DateOnly(2035, 11, 25); day <= new DateOnly(2036, 1, 3); day = day.AddDays(1))
        {
            life.On(day, hour: 1);
            await life.RunJobAsync();
            life.On(day, hour: 15);
            await life.RunJobAsync();
        }
        var unit = await browser.SignedInAsync(app, life.Applicant);
        await unit.GotoAsync("/Notifications");
        await Expect(unit.Locator("main")).ToContainTextAsync("逾期提醒：您单位2035年年度工作总结表已超过截止日期2035-12-31，请尽快提交。");
        await Expect(unit.Locator("main")).ToContainTextAsync("提醒：您单位2035年年度工作总结表应于2035-12-31前提交（还有7天）。");
        await walk.Shots.TakeAsync(unit, "10-reminders");
        await unit.GotoAsync("/Applicant/Obligations");
        await Expect(unit.Locator("main")).ToContainTextAsync("逾期");
        await walk.Shots.TakeAsync(unit, "11-overdue");
        await unit.CloseAsync();

        // The overdue summary is before the office as a ground of Art. 12(4); it proposes disqualification from that row.
        var office = await browser.SignedInAsync(app, life.Officer, staff: true);
        await office.GotoAsync("/Office/Decisions");
        await Expect(office.Locator("#overdue")).ToContainTextAsync(life.UnitName);
        var candidate = office.Locator("#candidates tbody tr", new() { HasText = life.UnitName });
        await Expect(candidate).ToContainTextAsync("第十二条第（四）项");
        await walk.Shots.TakeAsync(office, "12-office-decisions");
        await candidate.Locator("a[href*='kind=DisqualifyPilot']").ClickAsync();
        await Expect(office.Locator("h1")).ToContainTextAsync(life.UnitName);
        await Expect(office.Locator("select[name='Kind']")).ToHaveValueAsync("DisqualifyPilot");
        await walk.Shots.TakeAsync(office, "13-propose-disqualification");
        await Support.Browser.SubmitAsync(office, "提出，报两协会确认", ("Reason", "未按期提交2035年年度工作总结，经催告仍未提交。"));
        await Expect(office).ToHaveURLAsync(new Regex("/Office/Decisions$"));
        await Expect(office.Locator("#proposed")).ToContainTextAsync(life.UnitName);
        await walk.Shots.TakeAsync(office, "14-proposed");
        await office.CloseAsync();

        await walk.AssociationConfirmsAsync("取消试点单位资格", "15-disqualification-confirmed", warning: "确认后该单位两年内不得再次申请。");
        Assert.Equal(DesignationStatus.Disqualified, (await life.DesignationAsync()).Status);
        var ban = await app.WithDbAsync(async (db, _) => await db.Bans.AsNoTracking().SingleAsync());
        Assert.Equal(life.Today.AddYears(2), ban.EndsOn);

        // The next batch: the unit's complete draft is refused with the ban's end date.
        life.On(new DateOnly(2036, 9, 1));
        var draftId = await life.DraftInANewBatchAsync();
        unit = await browser.SignedInAsync(app, life.Applicant);
        await unit.GotoAsync("/Notifications");
        await Expect(unit.Locator("main")).ToContainTextAsync("两年内不得再次申请");
        await walk.Shots.TakeAsync(unit, "16-unit-notified");
        await unit.GotoAsync("/Applicant/Application/Edit");
        await Support.Browser.SubmitAsync(unit, "提交申请");
        await Expect(unit.Locator("main")).ToContainTextAsync("两年内不得再次申请");
        await Expect(unit.Locator("main")).ToContainTextAsync($"自{ChinaTime.Zh(ban.EndsOn)}起可再次提交");
        await walk.Shots.TakeAsync(unit, "17-ban-at-submit");
        await unit.CloseAsync();
        Assert.Equal(Guohe.Domain.Applications.ApplicationStatus.Draft,
            await app.WithDbAsync(async (db, _) => await db.Applications.Where(a => a.Id == draftId).Select(a => a.Status).SingleAsync()));
        walk.Shots.AssertNoProblems();
    }

    /// <summary>The people of a life walk at their pages; each step opens a fresh profile, as the clock ends sessions.</summary>
    private sealed class Walk(Support.Browser browser, Life life, Screenshots shots)
    {
        private int _step;

        public Screenshots Shots { get; } = shots;

        /// <summary>
        /// The unit opens the obligation from its list, fills Form 2 or 3 — preparer, text, two items tagged by Art. 9 category and
        /// Art. 15 fields, two partner rows (Germany and Kazakhstan) added with the page's buttons — and files it; the office opens it
        /// from its queue, sees the partners and items, and reviews it (for a summary: 年度复核 通过); the unit sees the opinion.
        /// </summary>
        public async Task UnitFilesAndOfficeReviewsAsync(ObligationKind kind, int year)
        {
            var obligation = await life.ObligationAsync(kind, year);
            var formName = kind == ObligationKind.AnnualPlan ? "年度工作计划表" : "年度工作总结表";
            var name = $"{++_step:00}-{year}-{(kind == ObligationKind.AnnualPlan ? "plan" : "summary")}";

            var unit = await browser.SignedInAsync(life.App, life.Applicant);
            await unit.GotoAsync("/Applicant/Obligations");
            await unit.Locator($"main a[href='/Applicant/Obligations/Edit/{obligation.Id}']").ClickAsync();
            await Expect(unit.Locator("h1")).ToContainTextAsync(formName);
            await Expect(unit.Locator("main")).ToContainTextAsync(kind == ObligationKind.AnnualPlan ? "附件2（《办法》第十二条第（一）项）" : "附件3（《办法》第十二条第（三）项）");
            await FillAndFileAsync(unit, kind, Shots, $"{name}-0-form");
            await Expect(unit.Locator("main")).ToContainTextAsync("已提交");
            await Shots.TakeAsync(unit, $"{name}-a-filed");
            var stored = await life.ObligationAsync(kind, year);
            Assert.Equal(ObligationStatus.Filed, stored.Status);
            Assert.Equal([ConstructionContent.TalentTraining, ConstructionContent.BeltAndRoad], stored.Items.Select(i => i.Category));
            Assert.Equal(Guohe.Domain.Organisations.KeyFields.NewEnergy | Guohe.Domain.Organisations.KeyFields.BioHealth, stored.Items[0].Fields);
            Assert.Equal([("DE", "Fraunhofer-Gesellschaft"), ("KZ", "Astana Hub")], stored.Partners.Select(p => (p.CountryCode, p.Institution)));
            Assert.All(stored.Partners, p => Assert.NotNull(p.InstitutionId));

            var opinion = kind == ObligationKind.AnnualPlan ? $"{year}年度计划重点突出，同意按计划实施。" : $"{year}年度计划均已执行，年度复核通过。";
            var office = await browser.SignedInAsync(life.App, life.Officer, staff: true);
            await office.GotoAsync("/Office/Decisions");
            await office.Locator($"#to-review a[href='/Office/Obligations/Review/{obligation.Id}']").ClickAsync();
            await Expect(office.Locator("#partners")).ToContainTextAsync("Fraunhofer-Gesellschaft");
            await Expect(office.Locator("#partners")).ToContainTextAsync("Astana Hub");
            await Expect(office.Locator("#partners")).ToContainTextAsync("德国");
            await Expect(office.Locator("#partners")).ToContainTextAsync("哈萨克斯坦");
            await Expect(office.Locator("#items")).ToContainTextAsync("国际科技合作专业人才培养");
            await Shots.TakeAsync(office, $"{name}-b-office-review");
            if (kind == ObligationKind.AnnualSummary)
            {
                await Support.Browser.SubmitAsync(office, "提交审核意见", ("Conclusion", nameof(ReviewConclusion.Pass)), ("Opinion", opinion));
            }
            else
            {
                await Support.Browser.SubmitAsync(office, "提交审核意见", ("Opinion", opinion));
            }
            await Expect(office.Locator("main")).ToContainTextAsync("已审核");
            await office.CloseAsync();
            Assert.Equal(ObligationStatus.Reviewed, (await life.ObligationAsync(kind, year)).Status);

            await unit.GotoAsync($"/Applicant/Obligations/Edit/{obligation.Id}");
            await Expect(unit.Locator("main")).ToContainTextAsync(opinion);
            await Expect(unit.Locator("main")).ToContainTextAsync("Astana Hub");
            if (kind == ObligationKind.AnnualSummary)
            {
                await Expect(unit.Locator("main")).ToContainTextAsync("审核结论");
            }
            await Shots.TakeAsync(unit, $"{name}-c-unit-sees-opinion");
            await unit.CloseAsync();
        }

        /// <summary>Fills the open form on the page with <see cref="Life.Filing"/>, adding the second partner and item rows with the page's buttons, and files it.</summary>
        public static async Task FillAndFileAsync(IPage unit, ObligationKind kind, Screenshots shots, string name)
        {
            var values = Life.Filing(kind).Where(v => v.Item2.Length > 0).ToList();
            bool Row(string field, int i) => field.StartsWith($"Input.{(field.Contains("Partners", StringComparison.Ordinal) ? "Partners" : "Items")}[{i}]", StringComparison.Ordinal);
            var second = values.Where(v => Row(v.Item1, 1)).ToList();
            var secondPartner = second.Where(v => v.Item1.Contains("Partners", StringComparison.Ordinal)).ToList();
            var secondItem = second.Except(secondPartner).ToList();
            var itemLabel = kind == ObligationKind.AnnualPlan ? "计划事项" : "主要成果";

            await Support.Browser.SubmitAsync(unit, "添加合作机构", values.Except(second));
            await Expect(unit.Locator("#partner-1")).ToBeVisibleAsync();
            await Support.Browser.SubmitAsync(unit, $"添加{itemLabel}", secondPartner);
            await Expect(unit.Locator("#item-1")).ToBeVisibleAsync();
            await Expect(unit.Locator("input[name='Input.Partners[1].Institution']")).ToHaveValueAsync("Astana Hub");
            await shots.TakeAsync(unit, name);
            await Support.Browser.SubmitAsync(unit, "提交", secondItem);
            await Expect(unit).ToHaveURLAsync(new Regex("/Applicant/Obligations$"));
        }

        /// <summary>An association approver opens the proposed decision from the queue and confirms it.</summary>
        public async Task AssociationConfirmsAsync(string label, string shot, string? warning = null)
        {
            var decisionId = await life.App.WithDbAsync(async (db, _) => await db.Decisions.AsNoTracking()
                .Where(d => d.DesignationId == life.DesignationId && d.Status == Guohe.Domain.Decisions.DecisionStatus.Proposed).Select(d => d.Id).SingleAsync());
            var page = await browser.SignedInAsync(life.App, life.Approver, staff: true);
            await page.GotoAsync("/Association");
            await Expect(page.Locator("main")).ToContainTextAsync(label);
            await page.Locator($"main a[href='/Association/Decide/{decisionId}']").First.ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync(life.UnitName);
            if (warning is not null)
            {
                await Expect(page.Locator("main")).ToContainTextAsync(warning);
            }
            await Support.Browser.SubmitAsync(page, "确认决定", ("Opinion", "同意。"));
            await Expect(page.Locator("main")).ToContainTextAsync("已确认，决定生效");
            await Shots.TakeAsync(page, shot);
            await page.CloseAsync();
        }
    }
}
