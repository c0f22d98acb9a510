using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.KeyRing;

/// <summary>
/// Where the Data Protection key ring (sign-in cookies, antiforgery tokens, form sessions, referrals, queued emails)
/// is kept, and how it is protected at rest.
/// <list type="bullet">
/// <item>PostgreSQL: in the database (<see cref="KeyRingDbContext"/>), so every node reads the same keys, encrypted with
/// the key protection certificate, which is then required: a copy of the database alone reveals nothing.</item>
/// <item>SQLite (one node): XML files in {DataFolder}/keys or Portal:KeyRingFolder, apart from the database, encrypted
/// with the certificate when one is set. Keys written before a certificate was set stay readable.</item>
/// </list>
/// </summary>
public static class PortalKeyRing
{
    public const string ApplicationName = "SaferBcp.Portal";
    public const string HistoryTableSuffix = "KeyRing";
    public const string FolderSetting = "Portal:KeyRingFolder";

    public static IServiceCollection AddPortalKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetValue("Portal:DatabaseProvider", DatabaseProvider.Sqlite);
        var certificate = KeyProtectionCertificate.Load(configuration);
        if (provider == DatabaseProvider.Postgres && certificate is null)
        {
            throw new InvalidOperationException(
                $"{KeyProtectionCertificate.PathSetting} must name a .pfx certificate when the database is PostgreSQL: the key ring is kept in the database, encrypted with it.");
        }

        services.AddPortalDbContext<KeyRingDbContext>(HistoryTableSuffix);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (provider == DatabaseProvider.Postgres)
        {
            dataProtection.PersistKeysToDbContext<KeyRingDbContext>();
        }
        else
        {
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(serviceProvider => new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Folder(serviceProvider, configuration)), serviceProvider.GetRequiredService<ILoggerFactory>())));
        }

        if (certificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        return services;
    }

    /// <summary>
    /// Loads the key ring, creating its first key if there is none. Called at start-up while the node holds the start
    /// lock: nodes starting together would otherwise each create a first key, and a node that cached only its own
    /// could not read what the others protect until its next refresh a day later.
    /// <para>
    /// A key ring that has keys, none of which this node can decrypt, was made with another certificate: starting would
    /// add a key only this node can read, and whatever it then protected (referrals among them) no other node could.
    /// </para>
    /// </summary>
    public static void Load(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>().GetAllKeys();
        if (keys.Count > 0 && !keys.Any(CanDecrypt))
        {
            throw new InvalidOperationException(
                $"None of the {keys.Count} key(s) in the key ring can be decrypted with {KeyProtectionCertificate.PathSetting}: it is not the certificate the key ring was made with.");
        }

        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ApplicationName + ".Start").Protect([]);
    }

    private static bool CanDecrypt(IKey key)
    {
        try
        {
            return key.Descriptor is not null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static string Folder(IServiceProvider services, IConfiguration configuration)
    {
        var folder = configuration[FolderSetting] is { Length: > 0 } configured
            ? configured
            : services.GetRequiredService<PortalDataPaths>().Folder("keys");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
