using Guohe.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Support;

/// <summary>
/// Personal data never reaches the logs (issue 9; QUALITY.md, personal data; PIPL Art. 51): after a run, every personal value
/// the database holds — each account's e-mail and phone, each unit's liaison, every person of every Form 1 and of every filed
/// plan or summary — and the password the test accounts type, looked for in every message and structured value logged.
/// </summary>
public static class PersonalDataInLogs
{
    public sealed record Result(int Entries, int Values, IReadOnlyList<string> Leaks);

    public static async Task<Result> ScanAsync(GuoheApp app)
    {
        var values = await app.WithDbAsync(async (db, _) =>
        {
            var found = new List<string> { TestAccounts.Password };
            found.AddRange(await db.Users.Select(u => u.Email!).ToListAsync());
            found.AddRange(await db.Users.Where(u => u.PhoneNumber != null).Select(u => u.PhoneNumber!).ToListAsync());
            foreach (var o in await db.Organisations.AsNoTracking().ToListAsync())
            {
                found.AddRange([o.LiaisonName, o.LiaisonEmail, o.LiaisonMobile]);
            }
            foreach (var a in await db.Applications.AsNoTracking().ToListAsync())
            {
                found.AddRange(new[] { a.UnitHead, a.Contact }.Concat(a.MainPersons).SelectMany(Fields));
            }
            foreach (var o in await db.Obligations.AsNoTracking().ToListAsync())
            {
                found.AddRange(Fields(o.Preparer));
            }
            return found;
        });
        // Names of two characters or fewer, and short numbers, would match unrelated text; e-mails, phones and names stay.
        var distinct = values.Where(v => v.Trim().Length >= 3).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var entries = app.Logs.Entries;
        var leaks = entries
            .SelectMany(e => distinct.Where(v => e.Mentions(v)).Select(v => $"“{v}” in {e}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Result(entries.Count, distinct.Count, leaks);
    }

    private static IEnumerable<string> Fields(PersonRow person) => [person.Name, person.Phone, person.Email, person.Mobile];
}
