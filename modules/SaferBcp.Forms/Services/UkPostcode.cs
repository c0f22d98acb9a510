using System.Text.RegularExpressions;

namespace SaferBcp.Forms.Services;

/// <summary>Full UK postcodes in any case and spacing, written back as "BH1 1AA". GIR 0AA included.</summary>
public static partial class UkPostcode
{
    /// <summary>The normalised postcode, or null when the text is not a full UK postcode.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length is < 5 or > 7 || !Pattern().IsMatch(compact))
        {
            return null;
        }

        return compact[..^3] + " " + compact[^3..];
    }

    public static bool IsValid(string? text) => Normalise(text) is not null;

    // The outward code formats of the UK (A9, A99, AA9, AA99, A9A, AA9A) with the letters each position
    // may hold, then the inward code (9AA, without C I K M O V in the last two letters).
    [GeneratedRegex("^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
