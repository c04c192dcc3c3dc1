using System.Security.Cryptography;
using System.Text;
using Guohe.Domain.Common;

namespace Guohe.Web.Api;

/// <summary>What a personal access token may do (docs/decisions/0008-rest-api.md).</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>读取: the read endpoints, scoped as the user's pages are.</summary>
    Read = 1,

    /// <summary>报送: what a unit files (applications, annual materials); applicants only.</summary>
    File = 2,

    /// <summary>办理: the lifecycle verbs of the office, the associations, recommenders and experts.</summary>
    Office = 4,
}

/// <summary>
/// A personal access token (个人访问令牌) for <c>/api/v1</c>: created by a signed-in user on their own account page, shown once,
/// kept only as the SHA-256 of its text, valid until it expires or is revoked. Rows are never deleted: the creation and the
/// revocation stay on record with their times.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    /// <summary>The user's own label, e.g. “协会网站同步”.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the whole token text (<c>gh_…</c>); unique.</summary>
    public string Hash { get; init; } = string.Empty;

    /// <summary>The first characters of the token (<c>gh_</c> and 4 more), to tell tokens apart in the list.</summary>
    public string Prefix { get; init; } = string.Empty;

    public ApiScopes Scopes { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime ExpiresAtUtc { get; init; }

    /// <summary>Updated at most once a minute (<see cref="ApiTokens.LastUsedResolution"/>).</summary>
    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive(DateTime now) => RevokedAtUtc is null && now < ExpiresAtUtc;

    /// <summary>Ends the token for good; false (and nothing changed) when it was revoked already.</summary>
    public bool Revoke(DateTime now)
    {
        if (RevokedAtUtc is not null)
        {
            return false;
        }
        RevokedAtUtc = now;
        return true;
    }
}

/// <summary>Creating and recognising tokens: the format, the hash, the limits and which scopes each role may hold.</summary>
public static class ApiTokens
{
    /// <summary>Every token starts with this, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string TokenPrefix = "gh_";

    public const int SecretBytes = 32;

    public const int DefaultDays = 90;

    public const int MaxDays = 365;

    public const int MaxNameLength = 100;

    /// <summary>Active tokens a user may hold at once.</summary>
    public const int MaxActivePerUser = 20;

    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The scopes a role can use: read for everyone; file for applicant units; office for the roles that move an
    /// application or designation (office, associations, recommenders, experts).
    /// </summary>
    public static ApiScopes AllowedFor(Role role) => role switch
    {
        Role.Applicant => ApiScopes.Read | ApiScopes.File,
        Role.Office or Role.Association or Role.Recommender or Role.Expert => ApiScopes.Read | ApiScopes.Office,
        _ => ApiScopes.Read,
    };

    public static IEnumerable<ApiScopes> Each(ApiScopes scopes) =>
        new[] { ApiScopes.Read, ApiScopes.File, ApiScopes.Office }.Where(s => scopes.HasFlag(s));

    /// <summary>The name of a scope in the API (the OAuth-like string in documents and problem details).</summary>
    public static string Name(ApiScopes scope) => scope.ToString().ToLowerInvariant();

    /// <summary>A new token: <c>gh_</c> and 32 random bytes in base64url (43 characters); the row holds only its hash.</summary>
    public static (ApiToken Token, string Secret) Create(Guid userId, string name, ApiScopes scopes, DateTime now, DateTime expiresAtUtc)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name.Trim(),
            Hash = Hash(secret),
            Prefix = secret[..(TokenPrefix.Length + 4)],
            Scopes = scopes,
            CreatedAtUtc = now,
            ExpiresAtUtc = expiresAtUtc,
        };
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether the text has the shape of a token (cheap check before any hashing or database look-up).</summary>
    public static bool LooksLikeToken(string text) =>
        text.Length == TokenPrefix.Length + 43 && text.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && text.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(Base64UrlChars) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64UrlChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
