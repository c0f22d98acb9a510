using System.Globalization;

namespace SaferBcp.Cms.Localization;

/// <summary>
/// The languages the public site is served in. English is the site's own language and has no address prefix;
/// every other culture is served under /{name}/… (for example /pl/domestic-abuse, /ar/domestic-abuse).
/// </summary>
public static class PortalCultures
{
    public const string Default = "en";

    /// <summary>Community languages with interface strings and translated pages in the recipe.</summary>
    public static readonly IReadOnlyList<string> Translated = ["pl", "ar"];

    public static IEnumerable<string> All => Translated.Prepend(Default);

    /// <summary>Names are lower case in addresses; /PL/ is not a language address.</summary>
    public static bool IsTranslated(string? name) => name is not null && Translated.Contains(name, StringComparer.Ordinal);

    public static CultureInfo Get(string name) => CultureInfo.GetCultureInfo(name);

    /// <summary>"rtl" for Arabic and other right-to-left scripts, else "ltr": the value of the html dir attribute.</summary>
    public static string DirectionOf(CultureInfo culture) => culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The language's own name for itself ("Polski", "العربية"), for the language switcher.</summary>
    public static string NativeNameOf(string name)
    {
        var native = Get(name).NativeName;
        return char.ToUpper(native[0], Get(name)) + native[1..];
    }

    /// <summary>The address of <paramref name="path"/> in <paramref name="culture"/>: /pl/x for Polish, /x for English.</summary>
    public static string AddressIn(string culture, string path) =>
        culture.Equals(Default, StringComparison.OrdinalIgnoreCase) ? path : "/" + culture.ToLowerInvariant() + (path == "/" ? "" : path);
}
