using System.Text.RegularExpressions;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Masks what is likely to be personal data in a free-text answer (email addresses, UK phone numbers,
/// UK postcodes, and a name after "my name is", "I am called" or "I'm") with "[removed]". Used by every
/// listing and export; only an Analyst opening a single response sees the raw text.
/// </summary>
public static partial class PersonalDataMasker
{
    public const string Removed = "[removed]";

    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var masked = Email().Replace(text, Removed);
        masked = Postcode().Replace(masked, Removed);
        masked = Phone().Replace(masked, Removed);
        return Name().Replace(masked, m => m.Groups["intro"].Value + Removed);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // 07700 900123, 01202 123456, +44 7700 900 123, (01202) 123456, 0800-123-456
    [GeneratedRegex(@"(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)[\d\s\-()]{8,14}\d(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();

    // One or two capitalised words after the phrase: "my name is Jane Smith" keeps "my name is ".
    [GeneratedRegex(@"(?<intro>\b(?:my name is|my name's|i am called|i'm called|call me|i['’]m|i am)\s+)(?-i:[A-Z][\p{L}'\-]+(?:\s+[A-Z][\p{L}'\-]+)?)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Name();
}
