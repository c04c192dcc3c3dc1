using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Decisions;
using Guohe.Domain.Designations;
using Guohe.Domain.Fees;
using Guohe.Domain.Organisations;
using Guohe.Domain.Reviews;
using Guohe.Tests.Support;
using Guohe.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Applicant;

/// <summary>The unit's side of its years: Forms 2–4 (Art. 12, 13(1), 14), its liaison (Art. 8) and its fees (Art. 18).</summary>
public sealed class ObligationFilingTests
{
    /// <summary>
    /// A signed-in applicant whose unit is a pilot: its application taken through review, opinions and a confirmed grant by the
    /// verbs, and the obligations the planner says are due today created as the office's job does.
    /// </summary>
    private static async Task<(GuoheUser User, PageClient Client, Guid AnnualPlanId)> PilotAsync(GuoheApp app)
    {
        var applicant = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.SubmittedAsync(applicant);
        var planId = await app.WithDbAsync(async (db, _) =>
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
            var designation = decision.Confirm(People.Association, now, application, DesignationRules.Default).OpenedDesignation!; // a confirmed grant opens one
            var obligations = ObligationPlanner.Missing(designation, [], ChinaTime.DateOf(now), ObligationRules.Default)
                .Select(due => Obligation.Create(People.Office, now, designation, due)).ToList();
            db.SiteVisits.Add(visit);
            db.Decisions.Add(decision);
            db.Designations.Add(designation);
            db.Obligations.AddRange(obligations);
            await db.SaveChangesAsync();
            return obligations.Single(o => o.Kind == ObligationKind.AnnualPlan).Id;
        });
        var client = app.Browse();
        await client.SignInAsync(applicant.Email!);
        return (applicant, client, planId);
    }

    private static (string, string)[] Preparer(string mobile = "13800000001", string email = "zhang@fzinc.cn") =>
    [
        ("Input.Preparer.Name", "张制表"), ("Input.Preparer.Title", "国际合作部经理"), ("Input.Preparer.Phone", "0591-87000003"),
        ("Input.Preparer.Email", email), ("Input.Preparer.Mobile", mobile),
    ];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Unit_drafts_then_files_its_annual_plan_and_partner_rows_link_to_one_directory_entry_per_institution(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (_, unit, planId) = await PilotAsync(app);

        var list = await unit.GetAsync("/Applicant/Obligations");
        Assert.Contains("年度工作计划表", list.Body);
        Assert.Contains("年度工作总结表", list.Body);
        Assert.Contains("待提交", list.Body);

        var edit = await unit.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        Assert.Contains("本年度国际科技合作工作计划（含与办公室的合作）", edit.Body);
        Assert.Contains("意向合作机构", edit.Body);

        // A draft may be incomplete: the first item and partner, no category on nothing else.
        var draft = await unit.ClickAsync(edit, "保存草稿", [.. Preparer(),
            ("Input.WorkText", "与办公室共同举办中德创新论坛。"),
            ("Input.Items[0].Text", "举办中德创新创业人才培训班两期"), ("Input.Items[0].Category", nameof(ConstructionContent.TalentTraining)),
            ("Input.Items[0].Fields", nameof(KeyFields.AdvancedManufacturing)), ("Input.Items[0].Fields", nameof(KeyFields.NewEnergy)),
            ("Input.Partners[0].CountryCode", "DE"), ("Input.Partners[0].Institution", "Fraunhofer-Gesellschaft"), ("Input.Partners[0].Content", "联合孵化")]);
        Assert.Contains("草稿已保存", draft.Body);
        var stored = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == planId));
        Assert.Equal(ObligationStatus.Open, stored.Status);
        Assert.Equal("张制表", stored.Preparer.Name);
        Assert.Equal(KeyFields.AdvancedManufacturing | KeyFields.NewEnergy, Assert.Single(stored.Items).Fields);

        // Add a second item and a second partner without JavaScript, then file.
        var more = await unit.ClickAsync(draft, "添加计划事项");
        Assert.NotNull(more.Html.QuerySelector("textarea[name='Input.Items[1].Text']"));
        more = await unit.ClickAsync(more, "添加合作机构");
        Assert.NotNull(more.Html.QuerySelector("select[name='Input.Partners[1].CountryCode']"));
        Assert.Equal("checkbox", more.Html.QuerySelector("#item-1-field-NewMaterials")?.GetAttribute("type")); // ids unique per row
        var filed = await unit.ClickAsync(more, "提交",
            ("Input.Items[1].Text", "共建中新联合实验室"), ("Input.Items[1].Category", nameof(ConstructionContent.Platforms)),
            ("Input.Partners[1].CountryCode", "SG"), ("Input.Partners[1].Institution", "National University of Singapore"), ("Input.Partners[1].Content", "共建实验室"));

        Assert.Contains("已提交", filed.Body);
        Assert.Equal("/Applicant/Obligations", filed.Path);
        stored = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == planId));
        Assert.Equal(ObligationStatus.Filed, stored.Status);
        Assert.Equal(["举办中德创新创业人才培训班两期", "共建中新联合实验室"], stored.Items.Select(i => i.Text));
        Assert.Equal(ConstructionContent.Platforms, stored.Items[1].Category);
        Assert.Equal(["DE", "SG"], stored.Partners.Select(p => p.CountryCode));
        Assert.All(stored.Partners, p => Assert.NotNull(p.InstitutionId));
        var institutions = await app.WithDbAsync(async (db, _) => await db.Institutions.AsNoTracking().ToListAsync());
        Assert.Equal(2, institutions.Count);
        var fraunhofer = institutions.Single(i => i.CountryCode == "DE");
        Assert.Equal(fraunhofer.Id, stored.Partners[0].InstitutionId);
        Assert.Contains(await app.WithDbAsync(async (db, _) => await db.Notifications.AsNoTracking().Select(n => n.TextZh).ToListAsync()),
            text => text.Contains("您单位已提交", StringComparison.Ordinal));

        // Filed is read-only.
        var readOnly = await unit.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        Assert.Contains("已提交，待办公室审核", readOnly.Body);
        Assert.Empty(readOnly.Html.QuerySelectorAll("#obligation-form"));

        // A second unit writes the same institution its own way: the directory keeps one entry.
        var (_, other, otherPlanId) = await PilotAsync(app);
        var otherEdit = await other.GetAsync($"/Applicant/Obligations/Edit/{otherPlanId}");
        await other.ClickAsync(otherEdit, "提交", [.. Preparer(),
            ("Input.WorkText", "开展中德技术转移合作。"),
            ("Input.Items[0].Text", "组织赴德技术对接"), ("Input.Items[0].Category", nameof(ConstructionContent.ResourceNetwork)),
            ("Input.Partners[0].CountryCode", "DE"), ("Input.Partners[0].Institution", "fraunhofer gesellschaft"), ("Input.Partners[0].Content", "技术对接")]);
        var second = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == otherPlanId));
        Assert.Equal(ObligationStatus.Filed, second.Status);
        Assert.Equal(fraunhofer.Id, Assert.Single(second.Partners).InstitutionId);
        Assert.Equal(2, await app.WithDbAsync(async (db, _) => await db.Institutions.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Filing_with_an_invalid_mobile_and_email_and_no_items_is_refused_with_each_fields_message(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (_, unit, planId) = await PilotAsync(app);
        var edit = await unit.GetAsync($"/Applicant/Obligations/Edit/{planId}");

        var refused = await unit.ClickAsync(edit, "提交", [.. Preparer(mobile: "2380000", email: "not-an-email"),
            ("Input.WorkText", "计划正文。"), ("Input.Items[0].Text", ""), ("Input.Items[0].Category", "")]);

        Assert.Contains("手机号应为以1开头的11位数字。", refused.Errors);
        Assert.Contains("邮箱格式不正确。", refused.Errors);
        Assert.Contains("请至少填写一项计划事项", refused.Errors);
        var stored = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == planId));
        Assert.Equal(ObligationStatus.Open, stored.Status);
        Assert.Equal(string.Empty, stored.Preparer.Mobile); // the invalid value is not stored
        Assert.Equal("张制表", stored.Preparer.Name);          // the valid ones are
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Institutions.CountAsync()));

        // An item without a category is refused by name, and a country outside the list is not taken.
        var again = await unit.ClickAsync(refused, "提交", [.. Preparer(),
            ("Input.Items[0].Text", "举办培训班"), ("Input.Items[0].Category", ""),
            ("Input.Partners[0].CountryCode", "XX"), ("Input.Partners[0].Institution", "Somewhere"), ("Input.Partners[0].Content", "")]);
        Assert.Contains("请为第1项计划事项选择建设内容类别。", again.Errors);
        Assert.Contains("请从列表中选择国家。", again.Errors);
        Assert.Equal(ObligationStatus.Open, await app.WithDbAsync(async (db, _) => (await db.Obligations.SingleAsync(o => o.Id == planId)).Status));
    }

    [Fact]
    public async Task Another_unit_gets_404_for_an_obligation_on_get_and_post_and_the_attempt_is_logged()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (_, _, planId) = await PilotAsync(app);
        var (intruder, other, _) = await PilotAsync(app);

        var get = await other.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        var token = (await other.GetAsync("/Applicant/Liaison")).InputValue("__RequestVerificationToken")!;
        var post = await other.PostAsync($"/Applicant/Obligations/Edit/{planId}?handler=File",
            [new("__RequestVerificationToken", token), new("Input.Version", "0"), new("Input.WorkText", "试图提交别人的计划")]);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);

        Assert.Equal(2, app.Logs.WarningsMentioning(intruder.Id, planId).Count);
        var stored = await app.WithDbAsync(async (db, _) => await db.Obligations.AsNoTracking().SingleAsync(o => o.Id == planId));
        Assert.Equal(ObligationStatus.Open, stored.Status);
        Assert.Equal(string.Empty, stored.WorkText);
    }

    [Fact]
    public async Task Uploaded_plan_document_is_linked_and_lets_the_unit_file_without_the_main_text()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (_, unit, planId) = await PilotAsync(app);
        var edit = await unit.GetAsync($"/Applicant/Obligations/Edit/{planId}");

        var uploaded = await unit.UploadAsync(edit, "上传文档", "计划.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(), "#upload");
        Assert.Contains("文档已上传", uploaded.Body);
        var fileId = await app.WithDbAsync(async (db, _) => await db.StoredFiles.Where(f => f.OwnerId == planId).Select(f => f.Id).SingleAsync());
        Assert.NotNull(uploaded.Html.QuerySelector($"a[href='/Files/{fileId}']"));

        await unit.ClickAsync(uploaded, "提交", [.. Preparer(), ("Input.WorkText", ""),
            ("Input.Items[0].Text", "举办培训班"), ("Input.Items[0].Category", nameof(ConstructionContent.TalentTraining))]);
        Assert.Equal(ObligationStatus.Filed, await app.WithDbAsync(async (db, _) => (await db.Obligations.SingleAsync(o => o.Id == planId)).Status));
        var filed = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking().SingleAsync(r => r.AggregateId == planId && r.Trigger == "File"));
        Assert.Contains(fileId.ToString(), filed.AttachmentIds, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_a_conflict_message()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var (_, unit, planId) = await PilotAsync(app);
        var first = await unit.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        var second = await unit.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        await unit.ClickAsync(first, "保存草稿", ("Input.WorkText", "第一个窗口"));

        var stale = await unit.ClickAsync(second, "保存草稿", ("Input.WorkText", "第二个窗口"));

        Assert.Contains("刚在其他窗口或由同事保存过", stale.Errors);
        Assert.Equal("第一个窗口", await app.WithDbAsync(async (db, _) => (await db.Obligations.SingleAsync(o => o.Id == planId)).WorkText));
    }

    [Fact]
    public async Task Unit_without_a_designation_sees_an_empty_list()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var applicant = await app.CreateAsync(Role.Applicant);
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);

        var list = await unit.GetAsync("/Applicant/Obligations");

        Assert.NotNull(list.Html.QuerySelector("#empty"));
        Assert.Null(list.Html.QuerySelector("#obligations"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Changing_the_liaison_is_recorded_in_the_organisations_history(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);
        var page = await unit.GetAsync("/Applicant/Liaison");

        var refused = await unit.ClickAsync(page, "保存联络人", ("Input.Name", "李新"), ("Input.Email", "li@fzinc.cn"), ("Input.Mobile", "123"));
        Assert.Contains("手机号应为以1开头的11位数字。", refused.Errors);

        var changed = await unit.ClickAsync(page, "保存联络人", ("Input.Name", "李新"), ("Input.Email", "li@fzinc.cn"), ("Input.Mobile", "13911112222"));

        Assert.Contains("联络人已更新", changed.Body);
        Assert.Contains("更换联络人", changed.Body);
        var organisation = await app.WithDbAsync(async (db, _) => await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == applicant.OrganisationId));
        Assert.Equal(("李新", "li@fzinc.cn", "13911112222"), (organisation.LiaisonName, organisation.LiaisonEmail, organisation.LiaisonMobile));
        var record = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.AsNoTracking()
            .SingleAsync(r => r.AggregateId == applicant.OrganisationId && r.Trigger == "ChangeLiaison"));
        Assert.Equal(Role.Applicant, record.Role);
        Assert.Contains("李新", record.Opinion);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Fees_page_shows_the_units_own_fees_with_yearly_totals_and_no_other_units(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var neighbour = await app.CreateAsync(Role.Applicant);
        await app.WithDbAsync(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var survey = Fee.Charge(People.Office, now, applicant.OrganisationId!.Value, "测试单位", new FeeDetails(FeeKind.Survey, 3000m, new DateOnly(2026, 3, 1), "INV-A-001", "实地调研"));
            survey.MarkPaid(People.Office, now, new DateOnly(2026, 3, 10));
            var review = Fee.Charge(People.Office, now, applicant.OrganisationId.Value, "测试单位", new FeeDetails(FeeKind.ExpertReview, 1500.5m, new DateOnly(2026, 5, 1), "INV-A-002", ""));
            var older = Fee.Charge(People.Office, now, applicant.OrganisationId.Value, "测试单位", new FeeDetails(FeeKind.TechnologyService, 800m, new DateOnly(2025, 11, 1), "INV-A-003", ""));
            var theirs = Fee.Charge(People.Office, now, neighbour.OrganisationId!.Value, "邻居单位", new FeeDetails(FeeKind.Survey, 9999m, new DateOnly(2026, 3, 1), "INV-B-001", ""));
            db.Fees.AddRange(survey, review, older, theirs);
            await db.SaveChangesAsync();
        });
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);

        var fees = await unit.GetAsync("/Applicant/Fees");

        Assert.Contains("INV-A-001", fees.Body);
        Assert.Contains("INV-A-002", fees.Body);
        Assert.Contains("INV-A-003", fees.Body);
        Assert.DoesNotContain("INV-B-001", fees.Body);
        Assert.DoesNotContain("9,999", fees.Body);
        var totals = fees.Html.QuerySelectorAll("#totals tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, totals.Count);
        Assert.Contains("2026", totals[0]);
        Assert.Contains("4,500.50", totals[0]); // charged
        Assert.Contains("3,000.00", totals[0]); // paid
        Assert.Contains("1,500.50", totals[0]); // unpaid
        Assert.Contains("800.00", totals[1]);
        Assert.Contains("已缴", fees.Body);
        Assert.Contains("未缴", fees.Body);
    }
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_unit_downloads_its_filed_plan_as_Form_2_and_another_unit_gets_404(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (user, client, planId) = await PilotAsync(app);
        await app.WithDbAsync(async (db, _) =>
        {
            var plan = await db.Obligations.SingleAsync(o => o.Id == planId);
            plan.File(new Actor(user.Id, user.DisplayName, Role.Applicant), app.Clock.GetUtcNow().UtcDateTime, World.Form());
            await db.SaveChangesAsync();
        });
        var (plan, designation) = await app.WithDbAsync(async (db, _) =>
        {
            var o = await db.Obligations.AsNoTracking().SingleAsync(x => x.Id == planId);
            return (o, await db.Designations.AsNoTracking().SingleAsync(d => d.Id == o.DesignationId));
        });

        var page = await client.GetAsync($"/Applicant/Obligations/Edit/{planId}");
        var href = page.Html.QuerySelector($"a[href='/Files/Obligation/{planId}']")?.GetAttribute("href");
        Assert.NotNull(href);
        using var response = await client.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"年度工作计划表-{plan.Year}-{designation.OrganisationName}.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var docx = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(WordTables.ValidationErrors(docx));
        var table = WordTables.Read(docx)[0];
        Assert.Equal(["单位名称", designation.OrganisationName, "认定日期", ChinaTime.Zh(designation.RecognitionDate)], table[0]);
        Assert.Equal(["制表人", "张联络", "职务", "国际合作部经理"], table[1]);
        Assert.Equal(["德国", "Fraunhofer-Gesellschaft", "联合孵化"], table[7]);
        Assert.Contains("【国际科技合作专业人才培养】举办中德创新创业人才培训班两期（重点领域：先进制造）", table[4][0], StringComparison.Ordinal);

        var other = await app.CreateAsync(Role.Applicant);
        using var stranger = app.Browse();
        await stranger.SignInAsync(other.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(href)).StatusCode);
        Assert.NotEmpty(app.Logs.WarningsMentioning(other.Id, planId));
    }
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_unit_downloads_its_certificate_and_review_opinion_letter_and_another_unit_gets_404(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var (_, client, _) = await PilotAsync(app);
        var designation = await app.WithDbAsync(async (db, _) => await db.Designations.AsNoTracking().SingleAsync());
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());

        var page = await client.GetAsync("/Applicant/Obligations");
        var certificate = page.Html.QuerySelector($"#designations a[href='/Files/Letter/pilot/{designation.Id}']")?.GetAttribute("href");
        Assert.NotNull(certificate);
        Assert.Null(page.Html.QuerySelector($"a[href='/Files/Letter/base/{designation.Id}']")); // not a base yet
        using (var response = await client.Http.GetAsync(certificate))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = WordTables.Paragraphs(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(designation.OrganisationName + "：", text);
            Assert.Contains("“国际科技合作孵化基地试点单位”", text);
            Assert.Equal(ChinaTime.Zh(designation.RecognitionDate), text[^1]);
            Assert.Equal($"证书编号：{application.Number}", text[0]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/Files/Letter/base/{designation.Id}")).StatusCode);

        var index = await client.GetAsync("/Applicant/Application");
        var letter = index.Html.QuerySelector($"a[href='/Files/Letter/opinion/{application.Id}']")?.GetAttribute("href");
        Assert.NotNull(letter);
        using (var response = await client.Http.GetAsync(letter))
        {
            var text = WordTables.Paragraphs(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("审核意见函", text[0]);
            Assert.Contains("    建议授予试点单位。", text);
            Assert.Equal(ChinaTime.Zh(designation.RecognitionDate), text[^1]);
        }

        var other = await app.CreateAsync(Role.Applicant);
        using var stranger = app.Browse();
        await stranger.SignInAsync(other.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(certificate)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(letter)).StatusCode);
        Assert.NotEmpty(app.Logs.WarningsMentioning(other.Id, designation.Id));
    }
}
