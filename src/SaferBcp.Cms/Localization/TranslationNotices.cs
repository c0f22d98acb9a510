namespace SaferBcp.Cms.Localization;

/// <summary>
/// The few sentences public pages show about translations, in each served language. Kept with the translation
/// feature (not the interface resource files) because the "to be checked" notice must also be shown in English.
/// </summary>
public static class TranslationNotices
{
    private static readonly Dictionary<string, string> ToBeCheckedText = new(StringComparer.Ordinal)
    {
        ["en"] = "Translation to be checked by a qualified translator.",
        ["pl"] = "Tłumaczenie do sprawdzenia przez wykwalifikowanego tłumacza.",
        ["ar"] = "ترجمة بانتظار التدقيق من قِبل مترجم مؤهل.",
    };

    private static readonly Dictionary<string, string> NotTranslatedText = new(StringComparer.Ordinal)
    {
        ["pl"] = "Ta strona nie została jeszcze przetłumaczona na język polski. Poniżej jest wersja angielska.",
        ["ar"] = "لم تُترجم هذه الصفحة إلى العربية بعد. النص أدناه باللغة الإنجليزية.",
    };

    private static readonly Dictionary<string, string> LanguagesLabel = new(StringComparer.Ordinal)
    {
        ["en"] = "This page in other languages",
        ["pl"] = "Ta strona w innych językach",
        ["ar"] = "هذه الصفحة بلغات أخرى",
    };

    public static string ToBeChecked(string culture) => ToBeCheckedText.GetValueOrDefault(culture, ToBeCheckedText["en"]);

    public static string NotTranslated(string culture) =>
        NotTranslatedText.GetValueOrDefault(culture, $"This page has not been translated into {PortalCultures.Get(culture).EnglishName} yet. It is shown in English.");

    public static string Languages(string culture) => LanguagesLabel.GetValueOrDefault(culture, LanguagesLabel["en"]);
}
