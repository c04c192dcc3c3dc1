using Guohe.Domain.Common;
using Guohe.Tests.Support;

namespace Guohe.Tests.Security;

/// <summary>
/// Issue 9, open redirects (ASVS 3.7.2 / 5.1.5 of 4.0): the return addresses of the sign-in and of the language switch only ever
/// lead back into Guohe, whatever a forged link puts in them.
/// </summary>
public sealed class OpenRedirectTests(ITestOutputHelper output)
{
    private static readonly string[] Forged =
        ["https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "\\\\evil.example", "https:evil.example", "javascript:alert(1)", "%2F%2Fevil.example"];

    private static bool StaysHome(Uri? location) =>
        location is not null && !location.IsAbsoluteUri && location.OriginalString.StartsWith('/')
        && !location.OriginalString.StartsWith("//", StringComparison.Ordinal) && !location.OriginalString.StartsWith("/\\", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Sign_in_and_language_switch_never_redirect_off_site(string provider)
    {
        await using var app = await GuoheApp.StartAsync(provider, settings: new() { ["Security:SignInRequestsPerMinutePerIp"] = "1000" });
        var user = await app.CreateAsync(Role.Applicant);
        var offSite = new List<string>();
        var calls = 0;
        foreach (var target in Forged)
        {
            using var client = app.Browse();
            var login = await client.GetAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString(target));
            using var signedIn = await client.Http.PostAsync("/Account/Login?returnUrl=" + Uri.EscapeDataString(target), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = user.Email!, ["Input.Password"] = TestAccounts.Password, ["ReturnUrl"] = target,
                ["__RequestVerificationToken"] = login.InputValue("__RequestVerificationToken")!,
            }));
            calls++;
            if (!StaysHome(signedIn.Headers.Location))
            {
                offSite.Add($"sign-in with returnUrl {target}: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
            }
            var token = (await client.GetAsync("/Applicant")).InputValue("__RequestVerificationToken")!;
            using var switched = await client.Http.PostAsync("/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["culture"] = "en", ["returnUrl"] = target, ["__RequestVerificationToken"] = token,
            }));
            calls++;
            if (!StaysHome(switched.Headers.Location))
            {
                offSite.Add($"language switch with returnUrl {target}: {(int)switched.StatusCode} {switched.Headers.Location}");
            }
        }
        output.WriteLine($"[{provider}] open redirects: {Forged.Length} forged return addresses, {calls} calls, off-site redirects {offSite.Count}");
        Assert.True(offSite.Count == 0, string.Join("\n", offSite));
    }
}
