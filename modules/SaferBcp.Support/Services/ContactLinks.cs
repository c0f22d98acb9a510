using SaferBcp.Cms.Formats;

namespace SaferBcp.Support.Services;

/// <summary>What a service may list as its numbers, and the links made from them.</summary>
public static class ContactLinks
{
    /// <summary>A UK number to call: a full number (0800 1111 included) or a short code such as 116 123 or 101.</summary>
    public static bool IsValidPhone(string? typed) => UkPhoneNumber.IsValid(typed, allowShortCodes: true);

    /// <summary>A number to text: a UK mobile or a short code such as 85258.</summary>
    public static bool IsValidTextNumber(string? typed) => TextNumber(typed) is not null;

    public static string? Tel(string? phone) =>
        UkPhoneNumber.TryParse(phone, allowShortCodes: true, out var number) ? "tel:" + number.Digits : null;

    public static string? Sms(string? typed) => TextNumber(typed) is { } number ? "sms:" + number.Digits : null;

    private static UkPhoneNumber? TextNumber(string? typed) =>
        UkPhoneNumber.TryParse(typed, allowShortCodes: true, out var number) && (number.IsMobile || number.IsShortCode) ? number : null;
}
