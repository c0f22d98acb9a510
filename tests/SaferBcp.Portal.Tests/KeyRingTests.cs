using System.Net;
using Npgsql;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.KeyRing;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Where the Data Protection key ring is kept and how it is protected at rest: in the database on PostgreSQL, in the
/// key ring folder on SQLite, encrypted with Portal:KeyProtectionCertificate (required on PostgreSQL).
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task With_a_certificate_the_stored_key_ring_holds_no_plain_master_key()
    {
        using var portal = new PortalFactory()
            .With(KeyProtectionCertificate.PathSetting, TestCertificates.Create())
            .With(KeyProtectionCertificate.PasswordSetting, TestCertificates.Password);
        _ = portal.Services;

        var keys = await StoredKeysAsync(portal);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedXml", xml, StringComparison.Ordinal);
        });
        if (portal.Provider == DatabaseProvider.Postgres)
        {
            Assert.Empty(KeyFiles(Path.Combine(portal.DataFolder, "keys")));
        }
    }

    [Fact]
    public async Task Without_a_certificate_PostgreSQL_refuses_to_start_and_SQLite_starts()
    {
        using var portal = new PortalFactory().With(KeyProtectionCertificate.PathSetting, null);

        if (portal.Provider == DatabaseProvider.Postgres)
        {
            var refusal = Refusal(Assert.ThrowsAny<Exception>(() => portal.Browser()));
            Assert.Equal("Portal:KeyProtectionCertificate must name a .pfx certificate when the database is PostgreSQL: the key ring is kept in the database, encrypted with it.", refusal);
        }
        else
        {
            using var client = portal.Browser();
            using var home = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.NotEmpty(KeyFiles(Path.Combine(portal.DataFolder, "keys")));
        }
    }

    [Theory]
    [InlineData("missing file")]
    [InlineData("wrong password")]
    [InlineData("no private key")]
    public void A_certificate_that_is_set_but_unusable_stops_the_start_with_the_reason(string problem)
    {
        var file = problem switch
        {
            "missing file" => Path.Combine(Path.GetTempPath(), "saferbcp-no-such-certificate.pfx"),
            "no private key" => TestCertificates.Create(withPrivateKey: false),
            _ => TestCertificates.Create(),
        };
        using var portal = new PortalFactory()
            .With(KeyProtectionCertificate.PathSetting, file)
            .With(KeyProtectionCertificate.PasswordSetting, problem == "wrong password" ? "not-the-password" : TestCertificates.Password);

        var refusal = Refusal(Assert.ThrowsAny<Exception>(() => portal.Browser()));

        Assert.Equal(problem switch
        {
            "missing file" => $"The key protection certificate {file} (Portal:KeyProtectionCertificate) does not exist.",
            "wrong password" => $"The key protection certificate {file} could not be opened: Portal:KeyProtectionCertificatePassword is wrong, or the file is not a .pfx.",
            _ => $"The key protection certificate {file} has no private key: export it as a .pfx with its private key.",
        }, refusal);
    }

    [Fact]
    public async Task A_node_given_another_certificate_than_the_key_ring_was_made_with_refuses_to_start()
    {
        var first = new PortalFactory()
            .With(KeyProtectionCertificate.PathSetting, TestCertificates.Create())
            .With(KeyProtectionCertificate.PasswordSetting, TestCertificates.Password);
        _ = first.Services;
        var keysBefore = await StoredKeysAsync(first);
        using var restarted = PortalFactory.Restarted(first)
            .With(KeyProtectionCertificate.PathSetting, TestCertificates.Create())
            .With(KeyProtectionCertificate.PasswordSetting, TestCertificates.Password);
        first.Dispose();

        var refusal = Refusal(Assert.ThrowsAny<Exception>(() => restarted.Browser()));

        Assert.Equal($"None of the {keysBefore.Count} key(s) in the key ring can be decrypted with Portal:KeyProtectionCertificate: it is not the certificate the key ring was made with.", refusal);
        Assert.Equal(keysBefore, await StoredKeysAsync(restarted));
    }

    /// <summary>The one-line reason the start gave, under whatever the host wrapped it in.</summary>
    private static string Refusal(Exception error)
    {
        var reason = error.GetBaseException().Message;
        Assert.DoesNotContain('\n', reason);
        return reason;
    }

    /// <summary>The XML of every key, from where the portal keeps them.</summary>
    private static async Task<List<string>> StoredKeysAsync(PortalFactory portal)
    {
        if (portal.Provider != DatabaseProvider.Postgres)
        {
            return [.. KeyFiles(Path.Combine(portal.DataFolder, "keys")).Select(File.ReadAllText)];
        }

        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Xml\" FROM \"DataProtectionKeys\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static string[] KeyFiles(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "key-*.xml") : [];
}
