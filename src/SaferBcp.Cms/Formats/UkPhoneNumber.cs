using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace SaferBcp.Cms.Formats;

/// <summary>
/// A UK phone number as people type it ("01202 123456", "(01202) 123-456", "+44 (0)7700 900123", "0044 7700 900123"),
/// checked against Ofcom's numbering plan by libphonenumber and written back in the national format ("07700 900123").
/// Short codes such as 116 123, 101 and 85258 only where a caller allows them: a service can list one, a person's
/// own number is never one. The one rule for phone numbers across the portal.
/// </summary>
public sealed record UkPhoneNumber
{
    private const string Region = "GB";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly ShortNumberInfo ShortNumbers = ShortNumberInfo.GetInstance();

    private UkPhoneNumber(string display, string digits, bool isMobile, bool isShortCode)
    {
        Display = display;
        Digits = digits;
        IsMobile = isMobile;
        IsShortCode = isShortCode;
    }

    /// <summary>The number in the UK's national format, "01202 123456", "0808 2000 247", "116 123".</summary>
    public string Display { get; }

    /// <summary>The digits to dial from the UK, for tel: and sms: links: "01202123456", "116123".</summary>
    public string Digits { get; }

    public bool IsMobile { get; }

    public bool IsShortCode { get; }

    public override string ToString() => Display;

    /// <summary>A full UK number (landline, mobile, freephone, 03, …); no short codes.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out UkPhoneNumber? number) => TryParse(text, allowShortCodes: false, out number);

    public static bool TryParse(string? text, bool allowShortCodes, [NotNullWhen(true)] out UkPhoneNumber? number)
    {
        number = null;
        var typed = text?.Trim();
        if (string.IsNullOrEmpty(typed) || typed.Length > 30 || !typed.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.' or '+') ||
            typed.LastIndexOf('+') > 0)
        {
            // libphonenumber would read letters as a keypad ("0800 FLOWERS") and drop trailing words ("ext 5"): refused here.
            return false;
        }

        // "+44 (0)7700 900123": the trunk zero written after the country code, which libphonenumber does not expect.
        var cleaned = typed.Replace("(0)", "", StringComparison.Ordinal);
        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(cleaned, Region);
        }
        catch (NumberParseException)
        {
            return false;
        }

        if (parsed.CountryCode != 44 || parsed.HasExtension)
        {
            return false;
        }

        var national = Util.GetNationalSignificantNumber(parsed);
        var writtenNationally = !typed.StartsWith('+') && !typed.StartsWith("00", StringComparison.Ordinal);
        // Valid anywhere on +44, the Channel Islands' and Isle of Man's mobiles included (07911 is Guernsey's, for one).
        if (Util.IsValidNumber(parsed) || IsDramaNumber(national))
        {
            // A full number typed without its leading 0 ("7700 900123") is a mistake, not a UK number.
            if (writtenNationally && !typed.SkipWhile(c => c == '(').First().Equals('0'))
            {
                return false;
            }

            var type = Util.GetNumberType(parsed);
            number = new UkPhoneNumber(Util.Format(parsed, PhoneNumberFormat.NATIONAL), "0" + national, type is PhoneNumberType.MOBILE || IsDramaNumber(national), isShortCode: false);
            return true;
        }

        if (allowShortCodes && writtenNationally && ShortNumbers.IsValidShortNumberForRegion(parsed, Region))
        {
            var digits = new string(typed.Where(char.IsAsciiDigit).ToArray());
            if (digits != national)
            {
                return false;
            }

            // libphonenumber has no display format for short codes; 116 helplines are written "116 123" in the UK.
            var display = digits.Length == 6 && digits.StartsWith("116", StringComparison.Ordinal) ? digits[..3] + " " + digits[3..] : digits;
            number = new UkPhoneNumber(display, digits, isMobile: false, isShortCode: true);
            return true;
        }

        return false;
    }

    /// <summary>The number in national format, or null when it is not a full UK number.</summary>
    public static string? Normalise(string? text) => TryParse(text, out var number) ? number.Display : null;

    public static bool IsValid(string? text, bool allowShortCodes = false) => TryParse(text, allowShortCodes, out _);

    /// <summary>
    /// Ofcom reserves 07700 900000 to 07700 900999 for drama and examples; libphonenumber marks them invalid on purpose.
    /// Accepted so the portal's own examples ("like 07700 900123") and test data, which must never be a real person's
    /// number, pass the check they illustrate. Such a number reaches nobody, which harms no one.
    /// </summary>
    private static bool IsDramaNumber(string national) =>
        national.Length == 10 && national.StartsWith("7700900", StringComparison.Ordinal);
}
