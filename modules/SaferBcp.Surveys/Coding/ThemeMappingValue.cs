using System.Globalization;

namespace SaferBcp.Surveys.Coding;

/// <summary>
/// How a theme is named in a dataset mapping's counted values: "theme-{id}". The id, not the name, so a renamed theme
/// keeps its mapping; a merge moves the mapping to the theme it was merged into (<see cref="ThemeMappingFollower"/>).
/// </summary>
public static class ThemeMappingValue
{
    private const string Prefix = "theme-";

    public static string Of(int themeId) => Prefix + themeId.ToString(CultureInfo.InvariantCulture);

    public static int? Parse(string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(value.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>True when every counted value names a theme: the mapping counts coded answers, not chosen options.</summary>
    public static bool IsThemeMapping(IReadOnlyList<string> countedValues) => countedValues.Count > 0 && countedValues.All(v => Parse(v) is not null);
}
