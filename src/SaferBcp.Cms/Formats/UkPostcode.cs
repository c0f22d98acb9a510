using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SaferBcp.Cms.Formats;

/// <summary>
/// A UK postcode (or, where asked for, a postcode district) as people type it: "bh1 1aa", "BH11AA", "BH1".
/// Written back in capitals with one space: "BH1 1AA". Shape only: whether the postcode exists is a question
/// for a lookup table. The one rule for postcodes across the portal.
/// </summary>
public sealed partial record UkPostcode
{
    private UkPostcode(string outward, string? inward)
    {
        Outward = outward;
        Inward = inward;
    }

    /// <summary>The district, "BH1".</summary>
    public string Outward { get; }

    /// <summary>The part after the space, "1AA"; null for a district alone.</summary>
    public string? Inward { get; }

    public bool IsFull => Inward is not null;

    public string District => Outward;

    public override string ToString() => Inward is null ? Outward : $"{Outward} {Inward}";

    /// <summary>A full postcode, like BH1 1AA.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out UkPostcode? postcode) => TryParse(text, allowDistrict: false, out postcode);

    /// <summary>A full postcode, or a district alone when <paramref name="allowDistrict"/> (for "near BH1" searches).</summary>
    public static bool TryParse(string? text, bool allowDistrict, [NotNullWhen(true)] out UkPostcode? postcode)
    {
        postcode = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 20)
        {
            return false;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length is < 2 or > 7)
        {
            return false;
        }

        if (compact == "GIR0AA")
        {
            postcode = new UkPostcode("GIR", "0AA");
            return true;
        }

        if (compact.Length >= 5 && OutwardCode().IsMatch(compact[..^3]) && InwardCode().IsMatch(compact[^3..]))
        {
            postcode = new UkPostcode(compact[..^3], compact[^3..]);
            return true;
        }

        if (allowDistrict && OutwardCode().IsMatch(compact))
        {
            postcode = new UkPostcode(compact, null);
            return true;
        }

        return false;
    }

    /// <summary>"bh11aa" → "BH1 1AA"; null when the text is not a full postcode.</summary>
    public static string? Normalise(string? text) => TryParse(text, out var postcode) ? postcode.ToString() : null;

    public static bool IsValid(string? text) => TryParse(text, out _);

    // The outward code formats of the UK (A9, A99, AA9, AA99, A9A, AA9A) with the letters each position may hold.
    [GeneratedRegex("^[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])$", RegexOptions.CultureInvariant)]
    private static partial Regex OutwardCode();

    // The inward code: a digit and two letters, never C I K M O V.
    [GeneratedRegex("^[0-9][ABD-HJLNP-UW-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex InwardCode();
}
