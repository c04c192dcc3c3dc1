using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Guohe.Web.Data;

/// <summary>
/// The data-protection key ring: the keys that sign sessions and antiforgery tokens and encrypt ID copies (QUALITY.md,
/// personal data; PIPL Art. 51). They live in the database (<c>DataProtectionKeys</c>), so every instance shares them and a
/// backup carries them; ASP.NET Core makes a new key every 90 days and keeps the old ones to read what they protected.
/// With <c>Security:KeyCertificate:Path</c> (a .pfx, its password in <c>Security:KeyCertificate:Password</c>) each key is
/// stored encrypted with that certificate, so a copy of the database alone opens no ID copy. A replaced certificate stays
/// readable when listed under <c>Security:KeyCertificate:Previous</c> (items with <c>Path</c> and <c>Password</c>).
/// </summary>
public static class KeyRing
{
    public static void AddGuoheKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = services.AddDataProtection().PersistKeysToDbContext<GuoheDbContext>().SetApplicationName("Guohe");
        var section = configuration.GetSection("Security:KeyCertificate");
        if (string.IsNullOrWhiteSpace(section["Path"]))
        {
            return;
        }
        var current = Load(section);
        var previous = section.GetSection("Previous").GetChildren().Select(Load).ToArray();
        keys.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 Load(IConfigurationSection certificate)
    {
        var path = certificate["Path"] ?? string.Empty;
        try
        {
            var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, certificate["Password"]);
            return loaded.HasPrivateKey
                ? loaded
                : throw new StartupException($"密钥证书 {path} 不含私钥，无法解密数据保护密钥。",
                    $"The key certificate {path} has no private key, so the data-protection keys could not be read.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"无法读取密钥证书 {path}（{certificate.Path}）：文件不存在或密码错误。",
                $"The key certificate {path} ({certificate.Path}) could not be read: the file is missing or its password is wrong. {e.Message}");
        }
    }
}
