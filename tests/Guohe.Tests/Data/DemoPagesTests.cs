using System.Net;
using Guohe.Tests.Support;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Data;

/// <summary>Every list and detail page a newcomer opens with the demo accounts answers, on the demo data of every stage.</summary>
public sealed class DemoPagesTests
{
    [Fact]
    public async Task Each_role_opens_its_pages_on_the_demo_data()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite, "Development", new()
        {
            ["Security:CookieName"] = "__Host-Guohe",
            ["Security:SecureCookies"] = "true",
            ["Security:SignInRequestsPerMinutePerIp"] = "1000",
        });
        var (designations, obligations, organisations, visits, decisions, fees, institutions) = await app.WithDbAsync(async (db, _) => (
            await db.Designations.Select(d => d.Id).ToListAsync(),
            await db.Obligations.Where(o => o.Status != Guohe.Domain.Designations.ObligationStatus.Open).Select(o => o.Id).ToListAsync(),
            await db.Organisations.Select(o => o.Id).ToListAsync(),
            await db.SiteVisits.Select(v => new { v.Id, v.Purpose }).ToListAsync(),
            await db.Decisions.Select(d => d.Id).ToListAsync(),
            await db.Fees.Select(f => f.Id).ToListAsync(),
            await db.Institutions.Select(i => i.Id).ToListAsync()));
        var announcements = await app.WithDbAsync(async (db, _) => await db.Announcements.Select(a => a.Id).ToListAsync());

        var pages = new Dictionary<string, List<string>>
        {
            ["office@demo.guohe.cn"] =
            [
                "/Office", "/Office/Applications", "/Office/Designations", "/Office/Decisions", "/Office/Acceptance", "/Office/Fees",
                "/Office/Institutions", "/Office/Experts", "/Office/Organisations", "/Office/Batches",
                .. designations.Select(d => $"/Office/Acceptance/Evaluate/{d}"),
                .. designations.Select(d => $"/Office/Designations/Grade/{d}"),
                .. obligations.Select(o => $"/Office/Obligations/Review/{o}"),
                .. organisations.Select(o => $"/Office/Units/{o}"),
                .. fees.Select(f => $"/Office/Fees/Edit/{f}"),
                .. institutions.Select(i => $"/Office/Institutions/Detail/{i}"),
                .. designations.Select(d => $"/Office/Partners/{d}"),
                "/Office/Announcements", .. announcements.Select(a => $"/Office/Announcements/{a}"),
                "/Announcements", .. announcements.Select(a => $"/Announcements/{a}"),
            ],
            ["applicant@demo.guohe.cn"] = ["/Applicant", "/Applicant/Application", "/Applicant/Documents", "/Applicant/Obligations", "/Applicant/Liaison", "/Applicant/Fees", "/Notifications"],
            ["expert@demo.guohe.cn"] = ["/Expert", .. visits.Select(v => v.Purpose == Guohe.Domain.Reviews.SiteVisitPurpose.ApplicationReview ? $"/Expert/Assignment/{v.Id}" : $"/Expert/Evaluation/{v.Id}")],
            ["association@demo.guohe.cn"] = ["/Association", .. decisions.Select(d => $"/Association/Decide/{d}")],
            ["recommender@demo.guohe.cn"] = ["/Recommender"],
        };
        var failures = new List<string>();
        foreach (var (email, urls) in pages)
        {
            using var client = app.Browse();
            await client.SignInAsync(email, DevSeed.DemoPassword);
            foreach (var url in urls)
            {
                using var response = await client.Http.GetAsync(url);
                // An expert is on some visits only, and a grade page exists for bases only: those answer 404, never 500.
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound) || (response.StatusCode == HttpStatusCode.NotFound && email == "office@demo.guohe.cn" && !url.Contains("/Grade/", StringComparison.Ordinal) && !url.Contains("/Evaluate/", StringComparison.Ordinal)))
                {
                    failures.Add($"{email} {url} → {(int)response.StatusCode}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using var office = app.Browse();
        await office.SignInAsync("office@demo.guohe.cn", DevSeed.DemoPassword);
        Assert.Contains("西安高新国际合作孵化器有限公司", (await office.GetAsync("/Office/Designations?stage=Disqualified")).Body);
        Assert.Contains("广州南沙国际科技合作孵化园有限公司", (await office.GetAsync("/Office/Decisions")).Body);
        Assert.True(pages.Values.Sum(p => p.Count) > 40);

        // Every certificate and notice linked from the units' timelines downloads as a valid Word file.
        var letters = new List<string>();
        foreach (var organisation in organisations)
        {
            var timeline = await office.GetAsync($"/Office/Units/{organisation}");
            letters.AddRange(timeline.Html.QuerySelectorAll("a[href^='/Files/Letter/']").Select(a => a.GetAttribute("href")!));
        }
        Assert.Contains(letters, l => l.StartsWith("/Files/Letter/notice/", StringComparison.Ordinal));
        Assert.Contains(letters, l => l.StartsWith("/Files/Letter/base/", StringComparison.Ordinal));
        foreach (var letter in letters)
        {
            using var response = await office.Http.GetAsync(letter);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{letter} → {(int)response.StatusCode}");
            Assert.Empty(WordTables.ValidationErrors(await response.Content.ReadAsByteArrayAsync()));
        }
    }
}
