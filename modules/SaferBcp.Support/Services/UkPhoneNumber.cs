using System.Text.RegularExpressions;

namespace SaferBcp.Support.Services;

/// <summary>
/// UK phone numbers as staff type them ("0808 2000 247", "+44 1202 123456", "116 123"): whether they are
/// valid, and the digits for a tel: or sms: link.
/// </summary>
public static partial class UkPhoneNumber
{
    /// <summary>The digits to dial from the UK, or null when it is not a UK number we accept.</summary>
    public static string? Digits(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var trimmed = typed.Trim();
        if (!Typeable().IsMatch(trimmed))
        {
            return null;
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith('+'))
        {
            if (!digits.StartsWith("44", StringComparison.Ordinal))
            {
                return null;
            }

            digits = "0" + digits[2..];
        }

        return Dialable().IsMatch(digits) ? digits : null;
    }

    public static bool IsValid(string? typed) => Digits(typed) is not null;

    /// <summary>A number for texts: a UK mobile (07…) or a 5 or 6 digit short code.</summary>
    public static bool IsValidTextNumber(string? typed)
    {
        var digits = Digits(typed) ?? (typed is null ? null : ShortCode().IsMatch(typed.Trim()) ? typed.Trim() : null);
        return digits is not null && (digits.StartsWith("07", StringComparison.Ordinal) || ShortCode().IsMatch(digits));
    }

    public static string? TextDigits(string? typed) =>
        typed is not null && ShortCode().IsMatch(typed.Trim()) ? typed.Trim() : Digits(typed);

    [GeneratedRegex(@"^\+?[0-9 ()-]+$")]
    private static partial Regex Typeable();

    // 0 and 9 or 10 more digits (landlines, mobiles, 0800/0808/03 numbers), 0800 and 4 digits (Childline), 116 xxx helplines, 3-digit services like 101.
    [GeneratedRegex(@"^(0[1-9][0-9]{8,9}|0800[0-9]{4}|116[0-9]{3}|1[0-9]{2})$")]
    private static partial Regex Dialable();

    [GeneratedRegex(@"^[0-9]{5,6}$")]
    private static partial Regex ShortCode();
}

/// <summary>Links for a service's contact details.</summary>
public static class ContactLinks
{
    public static string? Tel(string? phone) => UkPhoneNumber.Digits(phone) is { } digits ? "tel:" + digits : null;

    public static string? Sms(string? number) => UkPhoneNumber.TextDigits(number) is { } digits ? "sms:" + digits : null;
}
