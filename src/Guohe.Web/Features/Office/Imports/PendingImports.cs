using System.Security.Cryptography;
using Guohe.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace Guohe.Web.Features.Office.Imports;

/// <summary>
/// A checked import file waiting for the clerk's confirmation: kept under <c>{DataDirectory}/imports/</c>, encrypted (it holds
/// liaison phone numbers and e-mails), named by the user and the file's SHA-256 so that only the clerk who checked it can
/// confirm it and the file confirmed is the file checked. Deleted on confirmation; files older than a day are swept.
/// </summary>
public sealed class PendingImports(Storage storage, IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private readonly IDataProtector _protector = protection.CreateProtector("Guohe.Imports.Pending");

    private string Folder => Path.Combine(storage.DataDirectory, "imports");

    /// <summary>Keeps <paramref name="content"/> for <paramref name="userId"/>; returns its token (the SHA-256, hex).</summary>
    public async Task<string> KeepAsync(Guid userId, byte[] content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        Sweep();
        var token = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(userId, token);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, _protector.Protect(content), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return token;
    }

    /// <summary>The file kept under <paramref name="token"/> for <paramref name="userId"/>, or null when there is none (expired, someone else's, tampered).</summary>
    public async Task<byte[]?> FindAsync(Guid userId, string? token, CancellationToken cancellationToken = default)
    {
        if (!IsToken(token) || !File.Exists(PathOf(userId, token!)))
        {
            return null;
        }
        try
        {
            var content = _protector.Unprotect(await File.ReadAllBytesAsync(PathOf(userId, token!), cancellationToken));
            return Convert.ToHexStringLower(SHA256.HashData(content)) == token ? content : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Forget(Guid userId, string? token)
    {
        if (IsToken(token))
        {
            File.Delete(PathOf(userId, token!));
        }
    }

    private string PathOf(Guid userId, string token) => Path.Combine(Folder, $"{userId:N}-{token}.bin");

    private static bool IsToken(string? token) => token is { Length: 64 } && token.All(char.IsAsciiHexDigitLower);

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeptFor;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                file.Delete();
            }
        }
    }
}
