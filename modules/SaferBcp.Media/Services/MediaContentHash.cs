using System.Security.Cryptography;

namespace SaferBcp.Media.Services;

public static class MediaContentHash
{
    /// <summary>The SHA-256 of the bytes, in lower-case hex (64 characters).</summary>
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
