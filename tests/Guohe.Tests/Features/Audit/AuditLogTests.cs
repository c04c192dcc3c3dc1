using System.Net;
using Guohe.Domain.Common;
using Guohe.Domain.Fees;
using Guohe.Tests.Support;
using Guohe.Web.Audit;
using Guohe.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Features.Audit;

/// <summary>
/// The audit log (QUALITY.md, audit; MLPS 安全审计; docs/decisions/0010-audit-log.md): what is recorded, in which transaction, and the
/// hash chain catching altered, deleted, swapped and cut-off records; the anchored purge; the auditor's pages.
/// </summary>
public sealed class AuditLogTests(ITestOutputHelper output)
{
    private static Task<List<AuditRecord>> RecordsAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) => await db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).ToListAsync());

    private static Task<AuditVerification> VerifyAsync(GuoheApp app) =>
        app.WithDbAsync(async (db, _) => await AuditChain.VerifyAsync(db));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Sign_in_failures_success_and_sign_out_are_recorded_with_ip_and_result(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var user = await app.CreateAsync(Role.Applicant);
        using var client = app.Browse();
        var before = (await RecordsAsync(app)).Count;

        await client.SignInAsync("nobody@test.cn");
        await client.SignInAsync(user.Email!, "Wrong#Pass2026");
        var home = await client.SignInAsync(user.Email!);
        Assert.NotEqual("/Account/Login", home.Path);
        await client.SubmitAsync(await client.GetAsync("/Account/Logout"));

        var records = (await RecordsAsync(app)).Skip(before).ToList();
        var signIns = records.Where(r => r.Event is AuditEvent.SignIn or AuditEvent.SignOut)
            .Select(r => (r.Event, r.Result, r.UserName, r.UserId, r.Detail)).ToList();
        Assert.Equal(
            [
                (AuditEvent.SignIn, AuditResult.Failed, "nobody@test.cn", (Guid?)null, "unknown account"),
                (AuditEvent.SignIn, AuditResult.Failed, user.Email!, user.Id, "wrong password"),
                (AuditEvent.SignIn, AuditResult.Succeeded, user.Email!, user.Id, "password"),
                (AuditEvent.SignOut, AuditResult.Succeeded, user.Email!, user.Id, ""),
            ], signIns);
        Assert.All(records, r => Assert.Equal("192.0.2.7", r.Ip));
        Assert.All(records.Where(r => r.UserId == user.Id), r => Assert.Equal(nameof(Role.Applicant), r.Role));
        // Identity's bookkeeping (failure count, security stamp) is in the sign-in records, not extra "change" records.
        Assert.DoesNotContain(records, r => r.Event == AuditEvent.Change);
        var verification = await VerifyAsync(app);
        Assert.True(verification.Valid, verification.ProblemEn);
        output.WriteLine($"{provider}: {records.Count} records for 2 failed sign-ins, 1 sign-in and 1 sign-out; chain of {verification.Checked} verified");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_change_through_a_page_is_recorded_in_its_transaction_and_a_failed_save_leaves_neither(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        var office = await app.CreateAsync(Role.Office, twoFactor: true);
        using var client = app.Browse();
        await client.SignInAsync(office.Email!, totpKey: await app.AuthenticatorKeyAsync(office.Id));
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime);

        var charged = await client.SubmitAsync(await client.GetAsync("/Office/Fees/Edit"), new Dictionary<string, string>
        {
            ["Input.OrganisationId"] = applicant.OrganisationId!.Value.ToString(), ["Input.Kind"] = nameof(FeeKind.Survey), ["Input.Amount"] = "3000",
            ["Input.ChargedOn"] = ChinaTime.Iso(today), ["Input.InvoiceNumber"] = "FP-001", ["Input.Description"] = "实地调研费用",
        }, "#fee");
        Assert.Contains("费用已登记", charged.Body);
        var fee = await app.WithDbAsync(async (db, _) => await db.Fees.AsNoTracking().SingleAsync());
        var change = (await RecordsAsync(app)).Single(r => r.Event == AuditEvent.Change && r.Target == $"Fee:{fee.Id}");
        Assert.Equal((office.Id, office.Email, nameof(Role.Office), "192.0.2.7", AuditResult.Succeeded), (change.UserId, change.UserName, change.Role, change.Ip, change.Result));
        Assert.Contains($"Fee:{fee.Id}+", change.Changes, StringComparison.Ordinal);

        // A save that fails (a stale version: someone else changed the fee) writes neither the change nor its record.
        var (count, head) = await app.WithDbAsync(async (db, _) => (await db.AuditRecords.CountAsync(), (await db.AuditHeads.AsNoTracking().SingleAsync()).Sequence));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => app.WithDbAsync(async (db, services) =>
        {
            var stale = await db.Fees.SingleAsync();
            await app.WithDbAsync(async (other, _) =>
            {
                var first = await other.Fees.SingleAsync();
                first.Correct(new Guohe.Domain.Common.Actor(office.Id, "科员", Role.Office), app.Clock.GetUtcNow().UtcDateTime, first.Details with { Amount = 3100m }, "先改");
                await other.SaveChangesAsync();
            });
            stale.Correct(new Guohe.Domain.Common.Actor(office.Id, "科员", Role.Office), app.Clock.GetUtcNow().UtcDateTime, stale.Details with { Amount = 3200m }, "后改");
            await db.SaveChangesAsync();
        }));
        var after = await app.WithDbAsync(async (db, _) => (await db.AuditRecords.CountAsync(), (await db.AuditHeads.AsNoTracking().SingleAsync()).Sequence,
            (await db.Fees.AsNoTracking().SingleAsync()).Details.Amount));
        Assert.Equal((count + 1, head + 1, 3100m), after); // the first correction and its one record; nothing of the second
        var verification = await VerifyAsync(app);
        Assert.True(verification.Valid, verification.ProblemEn);
        output.WriteLine($"{provider}: {after.Item1} records, chain verified; the failed save left none");
    }

    public static TheoryData<string, string> TamperingOnBothDatabases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { Databases.Sqlite, Databases.Postgres })
        {
            foreach (var tampering in new[] { "alter", "delete", "swap", "truncate" })
            {
                data.Add(provider, tampering);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TamperingOnBothDatabases))]
    public async Task Verifier_names_the_first_broken_record_after_tampering(string provider, string tampering)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var first = (await RecordsAsync(app)).Count + 1;
        for (var i = 0; i < 8; i++)
        {
            await app.WithDbAsync((db, _) => db.WriteAuditEventAsync(AuditEvent.Export, $"/Office/Fees#{i}", detail: $"费用登记-{i}.xlsx"));
        }
        var valid = await VerifyAsync(app);
        Assert.True(valid.Valid, valid.ProblemEn);
        var target = first + 3; // a record in the middle
        var last = valid.HeadSequence;
        var sql = tampering switch
        {
            "alter" => $"""UPDATE "AuditRecords" SET "UserName" = 'someone-else' WHERE "Sequence" = {target}""",
            "delete" => $"""DELETE FROM "AuditRecords" WHERE "Sequence" = {target}""",
            "swap" => $"""UPDATE "AuditRecords" SET "Sequence" = -1 WHERE "Sequence" = {target}; UPDATE "AuditRecords" SET "Sequence" = {target} WHERE "Sequence" = {target + 1}; UPDATE "AuditRecords" SET "Sequence" = {target + 1} WHERE "Sequence" = -1""",
            _ => $"""DELETE FROM "AuditRecords" WHERE "Sequence" >= {last - 1}""",
        };
        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlRawAsync(sql));

        var broken = await VerifyAsync(app);
        Assert.False(broken.Valid);
        Assert.Equal(tampering == "truncate" ? last - 1 : target, broken.BrokenAt);
        output.WriteLine($"{provider} {tampering}: {valid.Checked} records verified before; after tampering: first broken #{broken.BrokenAt} — {broken.ProblemEn}");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_audit_verify_command_exits_non_zero_and_names_the_broken_record(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        for (var i = 0; i < 3; i++)
        {
            await app.WithDbAsync((db, _) => db.WriteAuditEventAsync(AuditEvent.Export, $"/x/{i}"));
        }
        var (ok, okOut) = await AppProcess.RunCommandAsync(provider, app.ConnectionString, app.DataDirectory, "audit", "verify");
        Assert.Equal(0, ok);
        Assert.Contains("The audit log verifies", okOut, StringComparison.Ordinal);

        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditRecords" SET "Detail" = 'changed' WHERE "Sequence" = 2"""));
        var (code, error) = await AppProcess.RunCommandAsync(provider, app.ConnectionString, app.DataDirectory, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains("first broken record #2", error, StringComparison.Ordinal);
        output.WriteLine($"{provider}: audit verify → 0 then {code}: {error.Trim()}");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Purge_removes_records_past_retention_and_the_chain_still_verifies_from_the_anchor(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        for (var i = 0; i < 5; i++)
        {
            await app.WithDbAsync((db, _) => db.WriteAuditEventAsync(AuditEvent.Export, $"/old/{i}"));
        }
        var oldHead = (await VerifyAsync(app)).HeadSequence;
        app.Clock.Advance(TimeSpan.FromDays(190));
        for (var i = 0; i < 3; i++)
        {
            await app.WithDbAsync((db, _) => db.WriteAuditEventAsync(AuditEvent.Export, $"/new/{i}"));
        }
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => app.WithDbAsync((db, _) =>
            AuditChain.PurgeAsync(db, 30, app.Clock.GetUtcNow().UtcDateTime))); // never less than 186 days

        var purge = await app.WithDbAsync((db, _) => AuditChain.PurgeAsync(db, 186, app.Clock.GetUtcNow().UtcDateTime));

        Assert.Equal(oldHead, purge.ThroughSequence);
        Assert.Equal(oldHead, purge.Removed);
        var records = await RecordsAsync(app);
        Assert.Equal(oldHead + 1, records[0].Sequence);
        Assert.Equal(AuditEvent.Purge, records[^1].Event);
        var verification = await VerifyAsync(app);
        Assert.True(verification.Valid, verification.ProblemEn);
        Assert.Equal(oldHead, verification.AnchorSequence);
        // The anchor carries the chain: removing the first record kept is still caught.
        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditRecords" WHERE "Sequence" = {oldHead + 1}"""));
        Assert.Equal(oldHead + 1, (await VerifyAsync(app)).BrokenAt);
        output.WriteLine($"{provider}: purged {purge.Removed} records through #{purge.ThroughSequence}; {verification.Checked} kept and verified from the anchor");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Concurrent_saves_append_one_unforked_chain(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var before = (await RecordsAsync(app)).Count;
        const int Writers = 24;
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GuoheDbContext>();
            await gate.WaitAsync();
            if (i % 2 == 0)
            {
                await db.WriteAuditEventAsync(AuditEvent.Export, $"/parallel/{i}");
            }
            else
            {
                db.Institutions.Add(Guohe.Domain.Partners.Institution.Create(new Actor(Guid.NewGuid(), "科员", Role.Office), app.Clock.GetUtcNow().UtcDateTime, "DE", $"Institute {i}"));
                await db.SaveChangesAsync();
            }
        })).ToList();
        gate.Release(Writers);
        await Task.WhenAll(tasks);

        var records = await RecordsAsync(app);
        Assert.Equal(before + Writers, records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(n => (long)n), records.Select(r => r.Sequence));
        var verification = await VerifyAsync(app);
        Assert.True(verification.Valid, verification.ProblemEn);
        output.WriteLine($"{provider}: {Writers} concurrent saves → {records.Count} records, one chain, verified");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Auditor_searches_pages_and_exports_the_log_and_the_export_is_recorded(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        var applicant = await app.CreateAsync(Role.Applicant);
        using (var someone = app.Browse())
        {
            await someone.SignInAsync(applicant.Email!, "Wrong#Pass2026");
        }
        for (var i = 0; i < 60; i++)
        {
            await app.WithDbAsync((db, _) => db.WriteAuditEventAsync(AuditEvent.Change, $"Thing:{i}"));
        }
        var auditor = await app.CreateAsync(Role.Auditor, twoFactor: true);
        using var client = app.Browse();
        await client.SignInAsync(auditor.Email!, totpKey: await app.AuthenticatorKeyAsync(auditor.Id));

        var home = await client.GetAsync("/Audit");
        Assert.NotNull(home.Html.QuerySelector("a[href='/Audit/Log']"));
        var all = await client.GetAsync("/Audit/Log");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(50, all.Html.QuerySelectorAll("#records tbody tr").Length); // paged
        var failed = await client.GetAsync($"/Audit/Log?event=SignIn&result=Failed&user={Uri.EscapeDataString(applicant.Email!)}");
        var row = Assert.Single(failed.Html.QuerySelectorAll("#records tbody tr"));
        Assert.Contains("wrong password", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("192.0.2.7", row.TextContent, StringComparison.Ordinal);
        var today = ChinaTime.Iso(ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime));
        var byObject = await client.GetAsync($"/Audit/Log?target=Thing:7&from={today}&to={today}");
        Assert.Single(byObject.Html.QuerySelectorAll("#records tbody tr"));
        var tomorrow = ChinaTime.Iso(ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime).AddDays(1));
        Assert.Empty((await client.GetAsync($"/Audit/Log?from={tomorrow}")).Html.QuerySelectorAll("#records tbody tr"));

        using var export = await client.Http.GetAsync("/Audit/Log?handler=Export&event=Change");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(Guohe.Web.Infrastructure.Spreadsheets.ContentType, export.Content.Headers.ContentType!.MediaType);
        await using var stream = await export.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).ToList();
        Assert.True(rows.Count >= 60);
        var recorded = (await RecordsAsync(app)).Last(r => r.Event == AuditEvent.Export);
        Assert.Equal(("/Audit/Log", auditor.Id, nameof(Role.Auditor)), (recorded.Target, recorded.UserId, recorded.Role));
        Assert.Contains("event=Change", recorded.Detail, StringComparison.Ordinal);

        var verify = await client.GetAsync("/Audit/Verify");
        Assert.Contains("审计日志完整", verify.Html.QuerySelector("#verdict")!.TextContent, StringComparison.Ordinal);
        output.WriteLine($"{provider}: {all.Html.QuerySelectorAll("#records tbody tr").Length} rows on page 1, {rows.Count} exported");
    }
}
