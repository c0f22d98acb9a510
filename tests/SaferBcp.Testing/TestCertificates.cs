using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SaferBcp.Testing;

/// <summary>
/// Self-signed RSA certificates in temporary .pfx files, for Portal:KeyProtectionCertificate. Every file is deleted
/// when the test process ends.
/// </summary>
public static class TestCertificates
{
    public const string Password = "Test-Certificate-Passw0rd";

    private static readonly Lazy<string> SharedFile = new(() => Create(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>One certificate for the whole test process: the one every portal on PostgreSQL is given.</summary>
    public static string Shared => SharedFile.Value;

    /// <summary>A new certificate as a .pfx protected with <see cref="Password"/>; without its private key if asked.</summary>
    public static string Create(bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Safer BCP test key protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var exported = withPrivateKey ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
        var pfx = (exported ?? certificate).Export(X509ContentType.Pkcs12, Password);

        var path = Path.Combine(Path.GetTempPath(), "saferbcp-key-protection-" + Guid.NewGuid().ToString("N")[..10] + ".pfx");
        File.WriteAllBytes(path, pfx);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
