using System.Net;
using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Guohe.Web.Documents;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Documents;

/// <summary>Form 1 as Word through the front door: the link on the pages, the saved values in the file, and scoping (ASVS 8.2.2).</summary>
public sealed class Form1DownloadTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_unit_and_the_office_download_the_saved_form_and_another_unit_gets_404(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var applicationId = await app.SubmittedAsync(applicant);
        var application = await app.WithDbAsync(async (db, _) => await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId));
        using var unit = app.Browse();
        await unit.SignInAsync(applicant.Email!);

        var page = await unit.GetAsync("/Applicant/Application");
        var link = page.Html.QuerySelector($"a[href='/Files/Form1/{applicationId}']");
        Assert.NotNull(link);
        using var response = await unit.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WordFile.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"申请表-{application.Number}-{application.OrganisationName}.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var docx = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(WordTables.ValidationErrors(docx));
        Assert.Equal("编号：" + application.Number, WordTables.Paragraphs(docx)[3]);
        Assert.Equal(application.OrganisationName, WordTables.ValueOf(docx, "单位名称"));
        Assert.Equal(application.Profile.Address, WordTables.ValueOf(docx, "地址"));
        Assert.Equal(application.Uscc.Value, WordTables.ValueOf(docx, "统一社会信用代码"));
        Assert.Equal(application.Contact.Name, WordTables.Read(docx)[0].Single(r => r[0] == "联系人")[1]);

        var other = await app.CreateAsync(Role.Applicant);
        using var stranger = app.Browse();
        await stranger.SignInAsync(other.Email!);
        using var refused = await stranger.Http.GetAsync($"/Files/Form1/{applicationId}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain(application.OrganisationName, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.WarningsMentioning(other.Id, applicationId), w => w.Message.StartsWith("Form 1 download refused", StringComparison.Ordinal));

        var office = await app.CreateAsync(Role.Office, twoFactor: true);
        using var clerk = app.Browse();
        await clerk.SignInAsync(office.Email!, totpKey: await app.AuthenticatorKeyAsync(office.Id));
        var review = await clerk.GetAsync($"/Office/Applications/Review/{applicationId}");
        Assert.NotNull(review.Html.QuerySelector($"a[href='/Files/Form1/{applicationId}']"));
        using var officeCopy = await clerk.Http.GetAsync($"/Files/Form1/{applicationId}");
        Assert.Equal(HttpStatusCode.OK, officeCopy.StatusCode);
        Assert.Equal(application.OrganisationName, WordTables.ValueOf(await officeCopy.Content.ReadAsByteArrayAsync(), "单位名称"));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();
        using var response = await client.Http.GetAsync($"/Files/Form1/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
