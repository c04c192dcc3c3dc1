using Guohe.Domain.Applications;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Bench;

/// <summary>
/// The other pages of the QUALITY.md speed table, on the same data set as the dashboard and signed in as its office user:
/// an application's detail page with its history, the office's list of organisations filtered and paged, and Form 1 as a
/// Word file over HTTP; and, as a reference, a signed-in page with nothing of its own. The application is the approved one with the most history records, up to ten (Art. 11: about ten).
/// </summary>
public static class Pages
{
    public static async Task<IReadOnlyList<ServerRun>> RunsAsync(BenchDatabase database, string data)
    {
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
        var approved = db.Applications.Where(a => a.Status == ApplicationStatus.Approved).Select(a => a.Id);
        var application = await db.TransitionRecords.Where(r => approved.Contains(r.AggregateId))
            .GroupBy(r => r.AggregateId).Select(g => new { Id = g.Key, Records = g.Count() })
            .Where(g => g.Records <= 10).OrderByDescending(g => g.Records).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException("The data set has no approved application.");
        return
        [
            new("pages", new Dictionary<string, string>(),
            [
                new("an application's detail page, signed in", $"/Office/Applications/Review/{application.Id}", $"{application.Records} history records", MinRatio: 0.25, MaxP95Milliseconds: 20),
                new("the office's list of organisations, filtered, paged", "/Office/Organisations?search=%E7%A7%91%E6%8A%80&p=2", data, MinRatio: 0.15, MaxP95Milliseconds: 30),
                new("Form 1 as a Word file over HTTP", $"/Files/Form1/{application.Id}", "an approved application", MinRatio: null, MaxP95Milliseconds: 15),
                // No bar: what any signed-in page costs beyond its own reads (cookie, session check, layout, antiforgery token).
                new("a signed-in page with only the layout and its user", "/Account/Manage", "the layout and the account's name", MinRatio: null, MaxP95Milliseconds: null),
            ]),
        ];
    }
}
