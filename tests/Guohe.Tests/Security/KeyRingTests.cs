using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Guohe.Tests.Features.Files;
using Guohe.Tests.Support;
using Guohe.Web.Files;
using Microsoft.EntityFrameworkCore;

namespace Guohe.Tests.Security;

/// <summary>
/// The data-protection keys that encrypt ID copies (PIPL Art. 51; QUALITY.md, personal data) are themselves stored encrypted
/// with the certificate of <c>Security:KeyCertificate</c>, so a copy of the database alone opens nothing; the app still reads
/// the ID copy it encrypted. A wrong certificate password stops the start with a message saying so, in Chinese and English.
/// </summary>
public sealed class KeyRingTests(ITestOutputHelper output)
{
    private const string CertificatePassword = "Key#Cert2026";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task With_a_key_certificate_every_stored_key_is_encrypted_and_the_id_copy_still_opens(string provider)
    {
        var certificate = WriteCertificate();
        try
        {
            await using var app = await GuoheApp.StartAsync(provider, settings: new()
            {
                ["Security:KeyCertificate:Path"] = certificate,
                ["Security:KeyCertificate:Password"] = CertificatePassword,
            });
            var (client, _) = await DocumentTests.ApplicantWithApplicationAsync(app);
            var scan = "%PDF-1.4\n法人代表身份证复印件\n%%EOF\n"u8.ToArray();
            await DocumentTests.UploadAsync(client, DocumentKind.LegalRepresentativeId, "身份证.pdf", scan);

            var (fileId, keys) = await app.WithDbAsync(async (db, _) =>
                (await db.StoredFiles.Select(f => f.Id).SingleAsync(), await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()));
            output.WriteLine($"{provider}: {keys.Count} keys stored, {keys.Count(k => k.Contains("encryptedSecret", StringComparison.Ordinal))} encrypted");
            Assert.NotEmpty(keys);
            Assert.All(keys, k =>
            {
                Assert.Contains("encryptedSecret", k, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", k, StringComparison.Ordinal);
            });
            using var download = await client.Http.GetAsync($"/Files/{fileId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(scan, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            File.Delete(certificate);
        }
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_start_with_the_reason()
    {
        var certificate = WriteCertificate();
        var data = Directory.CreateTempSubdirectory("guohe-keyring-").FullName;
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(Databases.Sqlite, string.Empty, data,
                new Dictionary<string, string> { ["Security__KeyCertificate__Path"] = certificate, ["Security__KeyCertificate__Password"] = "wrong" }));
            Assert.Contains("无法读取密钥证书", refused.Message, StringComparison.Ordinal);
            Assert.Contains("could not be read", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(certificate);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected .pfx in the temp folder.</summary>
    private static string WriteCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Guohe key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"guohe-key-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }
}
