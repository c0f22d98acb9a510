using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SaferBcp.Cms.KeyRing;

/// <summary>
/// The certificate (a .pfx with its private key) that encrypts the Data Protection keys at rest, from
/// Portal:KeyProtectionCertificate and Portal:KeyProtectionCertificatePassword. A setting that is there but unusable
/// stops the start with a one-line reason: guessing on would write keys nobody can read later.
/// </summary>
public static class KeyProtectionCertificate
{
    public const string PathSetting = "Portal:KeyProtectionCertificate";
    public const string PasswordSetting = "Portal:KeyProtectionCertificatePassword";

    /// <summary>The certificate, or null when <see cref="PathSetting"/> is not set.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        if (configuration[PathSetting] is not { Length: > 0 } setting)
        {
            return null;
        }

        var path = Path.GetFullPath(setting, configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory());
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The key protection certificate {path} ({PathSetting}) does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordSetting]);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException($"The key protection certificate {path} could not be opened: {PasswordSetting} is wrong, or the file is not a .pfx.");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The key protection certificate {path} has no private key: export it as a .pfx with its private key.");
        }

        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The key protection certificate {path} is not an RSA certificate: Data Protection encrypts its keys with RSA.");
        }

        return certificate;
    }
}
