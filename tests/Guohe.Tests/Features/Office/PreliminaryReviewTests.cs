using System.Net;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

/// <summary>The office's queues and preliminary review (Art. 11(3)), and the paper copies of Form 1.</summary>
public sealed class PreliminaryReviewTests
{
    private static async Task<PageClient> SignInOfficeAsync(GuoheApp app)
    {
        var office = await app.CreateAsync(Role.Office, twoFactor: true);
        var client = app.Browse();
        await client.SignInAsync(office.Email!, totpKey: await app.AuthenticatorKeyAsync(office.Id));
        return client;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Office_sees_the_submitted_application_in_its_queue_and_passes_it_with_an_opinion(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        using var office = await SignInOfficeAsync(app);

        var queue = await office.GetAsync("/Office/Applications");
        Assert.Contains("GH-2026-0001", queue.Body);
        var review = await office.GetAsync($"/Office/Applications/Review/{id}");
        Assert.Contains("陈法人", review.Body); // Form 1 read-only
        Assert.Contains("BusinessLicence.pdf", review.Body); // its documents
        Assert.Contains("初审通过", review.Body);

        var done = await office.SubmitAsync(review, new Dictionary<string, string> { ["Opinion"] = "材料齐全，符合第十条条件。", ["trigger"] = "PassPreliminaryReview" });

        Assert.Contains("已办理", done.Body);
        var stored = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(ApplicationStatus.PreliminaryPassed, stored.Status);
        Assert.Equal("材料齐全，符合第十条条件。", stored.PreliminaryOpinion);
        var record = await app.WithDbAsync(async (db, _) => await db.TransitionRecords.Where(r => r.AggregateId == id).OrderBy(r => r.Sequence).LastAsync());
        Assert.Equal("Art. 11(3)", record.Article);
        Assert.Equal(Role.Office, record.Role);

        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);
        var mine = await unit.GetAsync("/Applicant/Application");
        Assert.Contains("材料齐全，符合第十条条件。", mine.Body);
        Assert.Contains("第十一条第（三）项", mine.Body);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Returned_application_goes_back_to_the_applicant_who_edits_and_resubmits_it(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        using var office = await SignInOfficeAsync(app);

        var returned = await office.SubmitAsync(await office.GetAsync($"/Office/Applications/Review/{id}"),
            new Dictionary<string, string> { ["Opinion"] = "请补充海外基地的证明材料。", ["trigger"] = "ReturnForRevision" });
        Assert.Contains("已办理", returned.Body);

        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);
        var edit = await unit.GetAsync("/Applicant/Application/Edit");
        Assert.Equal("/Applicant/Application/Edit", edit.Path);
        var resubmitted = await unit.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Introduction.Platforms"] = "慕尼黑、新加坡两个海外基地，附证明。" }, "main form");
        var submitted = await unit.PostAsync("/Applicant/Application/Edit?handler=Submit", [.. FormOf(resubmitted)]);
        Assert.Equal("/Applicant/Application", submitted.Path);
        Assert.Equal(ApplicationStatus.Submitted, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync(a => a.Id == id)).Status));
    }

    [Fact]
    public async Task Rejecting_without_an_opinion_is_refused_and_nothing_moves()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var id = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        using var office = await SignInOfficeAsync(app);

        var page = await office.SubmitAsync(await office.GetAsync($"/Office/Applications/Review/{id}"), new Dictionary<string, string> { ["Opinion"] = " ", ["trigger"] = "RejectPreliminaryReview" });

        Assert.NotEmpty(page.Errors);
        Assert.Equal(ApplicationStatus.Submitted, await app.WithDbAsync(async (db, _) => (await db.Applications.SingleAsync()).Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_clerks_acting_at_once_the_second_is_told_and_nothing_is_done_twice(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var id = await app.SubmittedAsync(await app.CreateAsync(Role.Applicant));
        using var first = await SignInOfficeAsync(app);
        using var second = await SignInOfficeAsync(app);
        var pageA = await first.GetAsync($"/Office/Applications/Review/{id}");
        var pageB = await second.GetAsync($"/Office/Applications/Review/{id}");

        await first.SubmitAsync(pageA, new Dictionary<string, string> { ["Opinion"] = "通过", ["trigger"] = "PassPreliminaryReview" }, "main form");
        var late = await second.SubmitAsync(pageB, new Dictionary<string, string> { ["ReceivedOn"] = "2026-11-20", ["trigger"] = "RecordPaperCopies" }, "main form:last-of-type");

        Assert.Contains("刚被同事处理过", late.Errors);
        var stored = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync());
        Assert.Null(stored.PaperCopiesReceivedOn);
        Assert.Equal(4, await app.WithDbAsync(async (db, _) => await db.TransitionRecords.CountAsync(r => r.AggregateId == id))); // create, edit, submit, pass: one move only
    }

    [Fact]
    public async Task Applicant_cannot_open_the_office_review_and_a_draft_is_not_shown_to_the_office()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var applicant = await app.CreateAsync(Role.Applicant);
        var id = await app.SubmittedAsync(applicant);
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.Http.GetAsync($"/Office/Applications/Review/{id}")).StatusCode);

        using var office = await SignInOfficeAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await office.Http.GetAsync($"/Office/Applications/Review/{Guid.NewGuid()}")).StatusCode);
    }

    private static IEnumerable<KeyValuePair<string, string>> FormOf(Page page)
    {
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.Html.QuerySelector("main form")!;
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        yield return new(input.Name!, input.Value);
                    }
                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement { Name.Length: > 0 } input when input.Type != "submit":
                    yield return new(input.Name!, input.Value);
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement { Name.Length: > 0 } select:
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        yield return new(select.Name!, option.Value);
                    }
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement { Name.Length: > 0 } area:
                    yield return new(area.Name!, area.Value);
                    break;
            }
        }
    }
}
