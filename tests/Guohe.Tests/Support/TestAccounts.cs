using System.Security.Cryptography;
using Guohe.Domain.Common;
using Guohe.Domain.Organisations;
using Guohe.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Guohe.Tests.Support;

/// <summary>Accounts for tests, created through Identity as the application does.</summary>
public static class TestAccounts
{
    public const string Password = "Tested#Pass2026";

    private static int counter;

    public static Task<GuoheUser> CreateAsync(this GuoheApp app, Role role, bool twoFactor = false, string? email = null) =>
        app.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            var n = Interlocked.Increment(ref counter);
            Guid? organisationId = null;
            var userId = Guid.NewGuid();
            if (role is Role.Applicant or Role.Recommender)
            {
                var organisation = Organisation.Register(Usccs.Make(1_000_000 + n), // clear of the builders' small unit numbers
                    $"测试单位{n}", "联络人", $"org{n}@test.cn", "13900000000", app.Clock.GetUtcNow().UtcDateTime,
                    new Actor(userId, "联络人", role));
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync();
                organisationId = organisation.Id;
            }
            var user = new GuoheUser
            {
                Id = userId,
                UserName = email ?? $"{role.ToString().ToLowerInvariant()}{n}@test.cn",
                Email = email ?? $"{role.ToString().ToLowerInvariant()}{n}@test.cn",
                EmailConfirmed = true,
                DisplayName = $"{Roles.Label(role)}{n}",
                OrganisationId = organisationId,
                CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role.ToString()));
            if (twoFactor)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
            }
            return user;
        });

    public static Task<string> AuthenticatorKeyAsync(this GuoheApp app, Guid userId) =>
        app.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<GuoheUser>>();
            return (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(userId.ToString()))!))!;
        });

    /// <summary>Signs in with e-mail and password (and the TOTP code when asked); returns the page reached.</summary>
    public static async Task<Page> SignInAsync(this PageClient client, string email, string password = Password, string? totpKey = null)
    {
        var login = await client.GetAsync("/Account/Login");
        var page = await client.SubmitAsync(login, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (page.Path == "/Account/LoginWith2fa" && totpKey is not null)
        {
            page = await client.SubmitAsync(page, new Dictionary<string, string> { ["Code"] = Totp.Code(totpKey) });
        }
        return page;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>Valid 统一社会信用代码 for test organisations.</summary>
public static class Usccs
{
    public static Uscc Make(int n)
    {
        var body = $"91110108MA{n:D7}";
        return Uscc.Parse(body + Uscc.CheckCharacter(body));
    }
}

/// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as authenticator apps compute it.</summary>
public static class Totp
{
    public static string Code(string base32Key)
    {
        var key = Base32(base32Key);
        var step = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this reproduces them
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        text = text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
