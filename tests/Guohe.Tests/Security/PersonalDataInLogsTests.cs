using Guohe.Domain.Common;
using Guohe.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guohe.Tests.Security;

/// <summary>
/// The log scan the browser walks end with (<see cref="PersonalDataInLogs"/>) finds what it looks for: a line naming an
/// account's e-mail or a unit's liaison phone is reported, and a run of sign-ins, a failed one among them, logs neither.
/// </summary>
public sealed class PersonalDataInLogsTests
{
    [Fact]
    public async Task The_scan_reports_an_e_mail_or_phone_in_a_log_line_and_sign_ins_log_none()
    {
        await using var app = await GuoheApp.StartAsync(Databases.Sqlite);
        var user = await app.CreateAsync(Role.Applicant);
        using (var client = app.Browse())
        {
            await client.SignInAsync(user.Email!, "Wrong#Password1");
            await client.SignInAsync(user.Email!);
            await client.GetAsync("/Applicant");
        }
        Assert.Empty((await PersonalDataInLogs.ScanAsync(app)).Leaks);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Guohe.Tests.Leak");
        logger.LogInformation("Mail sent to {Address}", user.Email);
        logger.LogWarning("Liaison phone 13900000000 could not be reached");

        var leaks = (await PersonalDataInLogs.ScanAsync(app)).Leaks;
        Assert.Equal(2, leaks.Count);
        Assert.Contains(leaks, l => l.Contains(user.Email!, StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("13900000000", StringComparison.Ordinal));
    }
}
