using System.Security.Cryptography;

namespace SaferBcp.Referrals.Services;

/// <summary>
/// References like "SB-7K4M-Q9": easy to read over the phone, from an alphabet without the characters people
/// confuse (0/O, 1/I/L). 31^6 ≈ 887 million combinations, drawn at random so they reveal nothing about volume.
/// </summary>
public static class ReferenceGenerator
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Next()
    {
        Span<char> chars = stackalloc char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"SB-{chars[..4]}-{chars[4..]}";
    }

    /// <summary>Whether <paramref name="text"/> is a reference in this format (after <see cref="Normalize"/>).</summary>
    public static bool IsValid(string? text)
    {
        if (text is not { Length: 10 } || !text.StartsWith("SB-", StringComparison.Ordinal) || text[7] != '-')
        {
            return false;
        }

        return text[3..7].All(c => Alphabet.Contains(c, StringComparison.Ordinal)) && text[8..].All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>What an officer types ("sb 7k4m q9") as a reference.</summary>
    public static string Normalize(string? text)
    {
        var raw = new string((text ?? "").Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (raw.StartsWith("SB", StringComparison.Ordinal))
        {
            raw = raw[2..];
        }

        return raw.Length == 6 ? $"SB-{raw[..4]}-{raw[4..]}" : text?.Trim().ToUpperInvariant() ?? "";
    }
}
