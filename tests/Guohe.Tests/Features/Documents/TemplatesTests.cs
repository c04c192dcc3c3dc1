using System.Net;
using Guohe.Tests.Support;
using Guohe.Web.Documents;

namespace Guohe.Tests.Features.Documents;

/// <summary>The blank Forms 1–4 download without signing in, each a valid Word file of its form.</summary>
public sealed class TemplatesTests
{
    [Fact]
    public async Task An_anonymous_visitor_downloads_each_blank_form()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var client = app.Browse();
        var page = await client.GetAsync("/Templates");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var links = page.Html.QuerySelectorAll("a[href*='handler=Form']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(4, links.Count);
        string[] titles = ["申 请 表", "年度工作计划表", "年度工作总结表", "建设工作总结表"];
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.Http.GetAsync(links[i]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(WordFile.ContentType, response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith($"附件{i + 1}-", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
            var docx = await response.Content.ReadAsByteArrayAsync();
            Assert.Empty(WordTables.ValidationErrors(docx));
            Assert.Equal(titles[i], WordTables.Paragraphs(docx)[2]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Templates?handler=Form&annex=5")).StatusCode);
    }
}
