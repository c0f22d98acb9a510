using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace SaferBcp.Testing;

/// <summary>
/// The authenticator app of the test staff: each test account's key is derived from its user name, so any test can
/// compute the code its app would show now, as a person reads it off a phone (RFC 6238, 6 digits, 30 seconds,
/// the scheme Identity's authenticator provider checks).
/// </summary>
public static class StaffAuthenticator
{
    /// <summary>The Base32 key, as an authenticator app is given it, of the test account with this user name.</summary>
    public static string KeyFor(string userName) =>
        Base32Encoding.ToString(SHA256.HashData(Encoding.UTF8.GetBytes("saferbcp-test-authenticator:" + userName))[..20]);

    /// <summary>The code an app holding <paramref name="key"/> shows now; spaces (as the setup page groups a key) are ignored.</summary>
    public static string CodeNow(string key) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();
}
