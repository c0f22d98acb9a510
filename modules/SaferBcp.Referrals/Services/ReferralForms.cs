using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>The referral forms: "Form" content items whose FormPart is of the referral kind.</summary>
public sealed class ReferralForms
{
    public const string FormContentType = "Form";

    /// <summary>Reads enums written as names ("YesNo") or numbers, whichever the forms engine stores.</summary>
    private static readonly JsonSerializerOptions Json = new(ContentJson.Options) { Converters = { new JsonStringEnumConverter() } };

    private readonly ContentManager _content;

    public ReferralForms(ContentManager content) => _content = content;

    public static FormPart? Part(ContentItem item) =>
        item.Content["FormPart"] is { } node ? node.Deserialize<FormPart>(Json) : null;

    public async Task<IReadOnlyList<ReferralFormSummary>> PublishedAsync()
    {
        var items = await _content.Query().Where(c => c.Published && c.ContentType == FormContentType).ToListAsync();
        return items.Select(i => (Item: i, Part: Part(i)))
            .Where(x => x.Part is not null && x.Part.Kind == ReferralKind.Name && x.Part.Slug.Length > 0)
            .Select(x => new ReferralFormSummary(x.Item.ContentItemId, x.Part!.Slug, x.Item.As<TitlePart>().Title is { Length: > 0 } t ? t : x.Item.DisplayText, FirstSentence(x.Part.IntroMarkdown)))
            .OrderBy(f => f.Title, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Slugs of every referral form, published or not, for the back office's pickers.</summary>
    public async Task<IReadOnlyList<ReferralFormSummary>> AllAsync()
    {
        var items = await _content.Query().Where(c => c.Latest && c.ContentType == FormContentType).ToListAsync();
        return items.Select(i => (Item: i, Part: Part(i)))
            .Where(x => x.Part is not null && x.Part.Kind == ReferralKind.Name && x.Part.Slug.Length > 0)
            .Select(x => new ReferralFormSummary(x.Item.ContentItemId, x.Part!.Slug, x.Item.DisplayText, FirstSentence(x.Part.IntroMarkdown)))
            .OrderBy(f => f.Title, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The first paragraph of the intro, as plain text, for the list of forms.</summary>
    public static string FirstSentence(string markdown)
    {
        var paragraph = markdown.Replace("\r", "", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return new string(paragraph.Where(c => c is not ('*' or '#' or '_' or '`')).ToArray()).Replace('\n', ' ').Trim();
    }
}

public sealed record ReferralFormSummary(string ContentItemId, string Slug, string Title, string Summary);

public static class ReferralKind
{
    public const string Name = "referral";
    public const string PathPrefix = "refer-yourself";

    public static readonly FormKind Kind = new(Name, PathPrefix, "Self-referral", SentHeading: "Referral sent");
}
