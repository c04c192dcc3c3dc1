using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Features.Office;

public sealed class BatchTests
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
    public async Task Office_opens_a_batch_and_the_applicant_sees_it_with_its_closing_date(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var office = await SignInOfficeAsync(app);
        var today = ChinaTime.DateOf(app.Clock.GetUtcNow().UtcDateTime);
        var closes = today.AddDays(30);

        var saved = await office.SubmitAsync(await office.GetAsync("/Office/Batches/Edit"), new Dictionary<string, string>
        {
            ["Input.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = $"{today.Year}年度第一批",
            ["Input.OpensOn"] = ChinaTime.Iso(today),
            ["Input.ClosesOn"] = ChinaTime.Iso(closes),
            ["Input.Quota"] = "20",
        });

        Assert.Equal("/Office/Batches", saved.Path);
        Assert.Contains($"{today.Year}年度第一批", saved.Body);
        Assert.Contains("申报中", saved.Body);
        var batch = await app.WithDbAsync(async (db, _) => await db.Batches.SingleAsync());
        Assert.Equal(20, batch.Quota);
        Assert.Equal(ChinaTime.StartOfDayUtc(closes.AddDays(1)), batch.ClosesAtUtc); // open through the whole closing day
        Assert.True(batch.IsOpen(app.Clock.GetUtcNow().UtcDateTime));

        var applicant = await app.CreateAsync(Role.Applicant);
        using var unit = app.Browse();
        var home = await unit.SignInAsync(applicant.Email!);
        Assert.Contains($"{today.Year}年度第一批正在接受申请，截止日期：{ChinaTime.Iso(closes)}", home.Body);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await unit.Http.GetAsync("/Office/Batches/Edit")).StatusCode);
    }

    [Fact]
    public async Task Batch_closing_before_it_opens_is_refused_with_the_reason_and_nothing_is_stored()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        using var office = await SignInOfficeAsync(app);

        var page = await office.SubmitAsync(await office.GetAsync("/Office/Batches/Edit"), new Dictionary<string, string>
        {
            ["Input.Year"] = "2026",
            ["Input.Name"] = "2026年度第二批",
            ["Input.OpensOn"] = "2026-12-01",
            ["Input.ClosesOn"] = "2026-10-01",
        });

        Assert.Contains("申报截止时间必须晚于开始时间", page.Errors);
        Assert.Equal("2026年度第二批", page.InputValue("Input.Name"));
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Batches.CountAsync()));

        var bad = await office.SubmitAsync(page, new Dictionary<string, string> { ["Input.Year"] = "九九", ["Input.ClosesOn"] = "not a date" });
        Assert.Contains("“年度”的值无效", bad.Errors);
        Assert.Equal(System.Net.HttpStatusCode.OK, bad.Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_clerks_editing_one_batch_the_second_sees_a_conflict_and_keeps_the_typed_values(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider);
        using var first = await SignInOfficeAsync(app);
        using var second = await SignInOfficeAsync(app);
        await first.SubmitAsync(await first.GetAsync("/Office/Batches/Edit"), new Dictionary<string, string> { ["Input.Name"] = "2026年度第一批" });
        var id = await app.WithDbAsync(async (db, _) => await db.Batches.Select(b => b.Id).SingleAsync());

        var formA = await first.GetAsync($"/Office/Batches/Edit/{id}");
        var formB = await second.GetAsync($"/Office/Batches/Edit/{id}");
        await first.SubmitAsync(formA, new Dictionary<string, string> { ["Input.Quota"] = "10" });
        var conflict = await second.SubmitAsync(formB, new Dictionary<string, string> { ["Input.Quota"] = "30" });

        Assert.Contains("该批次刚被他人修改", conflict.Errors);
        Assert.Equal("30", conflict.InputValue("Input.Quota"));
        Assert.Equal(10, await app.WithDbAsync(async (db, _) => (await db.Batches.SingleAsync()).Quota));
    }
}
