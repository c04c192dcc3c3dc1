using System.Globalization;
using System.Net;
using Guohe.Bench;
using Guohe.Domain.Applications;
using Guohe.Domain.Common;
using Guohe.Domain.Designations;
using Guohe.Tests.Support;
using Guohe.Web.Features.Office.Statistics;
using Guohe.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Data;

/// <summary>
/// The benchmarks' data set (bench/Guohe.Bench, QUALITY.md Speed) at a small size: the database holds what the generator says it
/// made, the partner rows total exactly what was asked, and the statistics page (Art. 7(5)) shows the generator's own counts,
/// which it made from its objects, not from SQL. The bench's bare endpoint exists only when Bench:Enabled is true.
/// </summary>
public sealed class BenchDataSetTests
{
    private static readonly DataSetSize Small = new(Organisations: 200, Partners: 2_000);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Generated_data_set_has_the_asked_size_and_the_statistics_page_shows_its_counts(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var tally = await DataSet.GenerateAsync(app.Services, Small, now);

        Assert.Equal(200, tally.Organisations);
        Assert.Equal(2_000, tally.PartnerRows);
        var stored = await app.WithDbAsync(async (db, _) => new
        {
            Organisations = await db.Organisations.CountAsync(),
            Applications = await db.Applications.CountAsync(),
            Designations = await db.Designations.CountAsync(),
            Obligations = await db.Obligations.AsNoTracking().ToListAsync(),
            History = await db.TransitionRecords.CountAsync(),
        });
        Assert.Equal(200, stored.Organisations);
        Assert.Equal(tally.Applications.Values.Sum(), stored.Applications);
        Assert.Equal(tally.Designations.Values.Sum(), stored.Designations);
        Assert.Equal(tally.Obligations, stored.Obligations.Count);
        Assert.Equal(2_000, stored.Obligations.Where(o => o.Status != ObligationStatus.Open).Sum(o => o.Partners.Count));
        Assert.All(stored.Obligations.SelectMany(o => o.Partners), p => Assert.NotNull(p.InstitutionId));
        Assert.Equal(tally.HistoryRecords, stored.History);
        Assert.True(tally.Applications.Count >= 10, $"application states: {string.Join(", ", tally.Applications.Keys)}");
        Assert.True(tally.Designations.Count >= 5, $"designation stages: {string.Join(", ", tally.Designations.Keys)}");

        // The same seed and day make the same data set.
        await using var other = await GuoheApp.StartAsync(provider);
        var again = await DataSet.GenerateAsync(other.Services, Small, now);
        Assert.Equal(tally.HistoryRecords, again.HistoryRecords);
        Assert.Equal(tally.Applications.OrderBy(a => a.Key), again.Applications.OrderBy(a => a.Key));

        var office = await app.CreateAsync(Role.Office, twoFactor: true);
        using var client = app.Browse();
        await client.SignInAsync(office.Email!, totpKey: await app.AuthenticatorKeyAsync(office.Id));
        var page = await client.GetAsync("/Office/Statistics");
        Assert.Equal(HttpStatusCode.OK, page.Status);

        Assert.Equal(Lines(tally.Applications.ToDictionary(a => ApplicationLifecycle.Table.StateZh(a.Key), a => new decimal[] { a.Value })), Lines(Table(page, "applications")));
        Assert.Equal(Lines(tally.Designations.ToDictionary(d => DesignationLifecycle.Table.StateZh(d.Key), d => new decimal[] { d.Value })), Lines(Table(page, "designations")));
        Assert.Equal(Lines(tally.Provinces.ToDictionary(p => p.Key, p => p.Value.Select(v => (decimal)v).ToArray())), Lines(Table(page, "provinces")));
        Assert.Equal(Lines(tally.Fees.ToDictionary(f => f.Key.ToString(CultureInfo.InvariantCulture), f => new[] { f.Value.Count, f.Value.Charged, f.Value.Paid, f.Value.Charged - f.Value.Paid })),
            Lines(Table(page, "fees")));
        Assert.Equal(Lines(tally.ObligationsByYear.ToDictionary(o => o.Key.ToString(CultureInfo.InvariantCulture), o => new decimal[] { o.Value })),
            Lines(Table(page, "obligations").ToDictionary(r => r.Key, r => r.Value.Take(1).ToArray())));
        var countries = tally.Countries.ToDictionary(c => Countries.Name(c.Key), c => new decimal[]
        {
            c.Value.WantedInstitutions.Count, c.Value.WantedUnits.Count, c.Value.ActualInstitutions.Count, c.Value.ActualUnits.Count,
        });
        // A long table shows its top rows by actual institutions on the page (StatTable.PageRows); the spreadsheet holds every row.
        var shown = Table(page, "countries");
        var expected = Lines(countries);
        Assert.Equal(Math.Min(StatTable.PageRows, expected.Count), shown.Count);
        Assert.Subset(expected.ToHashSet(), Lines(shown).ToHashSet());
        var leftOut = countries.Where(c => !shown.ContainsKey(c.Key)).Select(c => c.Value[2]).DefaultIfEmpty(0).Max();
        Assert.True(shown.Values.Min(v => v[2]) >= leftOut, "the page shows the countries with the most actual partner institutions");
        using var export = await client.Http.GetAsync(page.Html.QuerySelector("#export-countries")!.GetAttribute("href")!);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();
        var headers = rows[0].Select(h => h?.ToString()).ToList();
        var columns = page.Html.QuerySelectorAll("#countries thead th").Skip(1).Select(h => headers.IndexOf(h.TextContent.Trim())).ToList();
        Assert.DoesNotContain(-1, columns);
        var sheet = rows.Skip(1).ToDictionary(r => r[0]!.ToString()!.TrimEnd('★').Trim(), r => columns.Select(c => Convert.ToDecimal(r[c], CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal(expected, Lines(sheet));
    }

    [Fact]
    public async Task The_bare_bench_endpoint_is_missing_unless_the_bench_turns_it_on()
    {
        await using (var app = await GuoheApp.StartAsync(Databases.Sqlite))
        {
            using var response = await app.Browse().Http.GetAsync("/_bench/plain");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        await using (var bench = await GuoheApp.StartAsync(Databases.Sqlite, settings: new() { ["Bench:Enabled"] = "true" }))
        {
            using var response = await bench.Browse().Http.GetAsync("/_bench/plain");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        }
    }

    private static Dictionary<string, decimal[]> Table(Page page, string id) =>
        page.Html.QuerySelectorAll($"#{id} tbody tr").ToDictionary(
            r => (r.Children[0].QuerySelector("a") ?? r.Children[0]).TextContent.Trim().TrimEnd('★').Trim(),
            r => r.Children.Skip(1).Select(c => decimal.Parse(c.TextContent.Trim().Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Rows with any figure, as sorted "label: n n n" lines, so two tables compare whatever their order.</summary>
    private static List<string> Lines(IEnumerable<KeyValuePair<string, decimal[]>> rows) =>
        [.. rows.Where(r => r.Value.Any(v => v != 0))
            .Select(r => $"{r.Key}: {string.Join(' ', r.Value.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))}")
            .Order(StringComparer.Ordinal)];
}
