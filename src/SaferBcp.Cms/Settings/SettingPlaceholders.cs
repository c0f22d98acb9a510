using System.Text.RegularExpressions;

namespace SaferBcp.Cms.Settings;

/// <summary>
/// Lets page text show a site setting staff fill in: "{{ AsbCaseReviewThreshold }}" becomes the setting's value.
/// While a setting is empty, the whole line holding its placeholder (a paragraph or a list item) is left out, so a
/// page never shows a half sentence, nor a number or a name the partnership has not decided.
/// </summary>
public static partial class SettingPlaceholders
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();

    public static string Apply(string? markdown, IReadOnlyDictionary<string, string> settings)
    {
        if (string.IsNullOrEmpty(markdown) || !markdown.Contains("{{", StringComparison.Ordinal))
        {
            return markdown ?? "";
        }

        var lines = markdown.Split('\n').Where(line => Placeholder().Matches(line).All(m => !string.IsNullOrWhiteSpace(settings.GetValueOrDefault(m.Groups[1].Value))));
        return Placeholder().Replace(string.Join('\n', lines), m => settings[m.Groups[1].Value].Trim());
    }

    /// <summary>The text with every line that holds a placeholder left out (for search, which does not read settings).</summary>
    public static string WithoutPlaceholders(string? markdown) => Apply(markdown, new Dictionary<string, string>());
}
