using System.Text.Json.Nodes;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Review.Services;

/// <summary>
/// Which content needs review before it is published: the site setting <see cref="SettingKey"/>, which administrators
/// edit on the Site settings page and recipes set. One rule per line (or comma): a content type, optionally followed
/// by a form kind or by an address the item's address starts with, like "Service", "Form referral" or
/// "Page /domestic-abuse".
/// </summary>
public sealed class ReviewRules
{
    public const string SettingKey = "ReviewRequiredFor";

    public const string SettingHint =
        "Content that must be approved by a Reviewer before it goes live. Rules separated by commas, each a content type, " +
        "then optionally a form kind or the start of an address, like Service, Form referral, Page /domestic-abuse. " +
        "Leave empty to let anyone who can publish do so without review";

    private readonly SiteSettings _settings;

    public ReviewRules(SiteSettings settings) => _settings = settings;

    public async Task<bool> RequiresReviewAsync(ContentItem item)
    {
        var rules = Parse(await _settings.GetAsync(SettingKey));
        return rules.Any(rule => rule.Matches(item));
    }

    public static IReadOnlyList<ReviewRule> Parse(string? setting) =>
        (setting ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ReviewRule.Parse)
            .ToList();
}

public sealed record ReviewRule(string ContentType, string? Kind, string? AddressPrefix)
{
    public static ReviewRule Parse(string text)
    {
        var words = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var qualifier = words.Length > 1 ? words[1] : null;
        return qualifier is null ? new(words[0], null, null)
            : qualifier.StartsWith('/') ? new(words[0], null, ContentPath.Normalize(qualifier))
            : new(words[0], qualifier, null);
    }

    public bool Matches(ContentItem item)
    {
        if (!string.Equals(item.ContentType, ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (AddressPrefix is { Length: > 0 } prefix)
        {
            var path = item.Path ?? "";
            return path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);
        }

        return Kind is null || string.Equals(KindOf(item), Kind, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A kind of item within a type (a form's "referral" or "survey"): the "kind" field of any part that has one.</summary>
    private static string? KindOf(ContentItem item) =>
        item.Content.Select(part => part.Value as JsonObject)
            .Select(part => part?["kind"] is JsonValue value && value.TryGetValue<string>(out var kind) ? kind : null)
            .FirstOrDefault(kind => kind is not null);
}
