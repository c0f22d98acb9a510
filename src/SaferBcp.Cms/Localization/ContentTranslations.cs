using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Hosting;

namespace SaferBcp.Cms.Localization;

/// <summary>
/// Translations of content items: each is an item of its own (drafts, versions, publishing as usual) whose
/// LocalizationPart names its culture and the English original. It shares the original's address, so /pl/x is the
/// Polish item at x. Only types listed in <see cref="TranslatableTypes"/> can be translated.
/// </summary>
public sealed class ContentTranslations
{
    /// <summary>Information pages: the pages residents most need in their language. Campaigns and news stay English.</summary>
    public static readonly string[] TranslatableTypes = ["Page"];

    private readonly ContentManager _content;
    private readonly AuditLog _audit;
    private readonly PublicAddress _address;
    private readonly TimeProvider _clock;

    public ContentTranslations(ContentManager content, AuditLog audit, PublicAddress address, TimeProvider clock)
    {
        _content = content;
        _audit = audit;
        _address = address;
        _clock = clock;
    }

    public static bool CanTranslate(ContentItem item) => TranslatableTypes.Contains(item.ContentType) && item.Culture == PortalCultures.Default;

    /// <summary>The culture the visitor asked for by address (/pl/…), or English.</summary>
    public static string RequestCulture(HttpContext context)
    {
        var name = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.TwoLetterISOLanguageName;
        return PortalCultures.IsTranslated(name) ? name! : PortalCultures.Default;
    }

    /// <summary>The original's ContentItemId: the name of the set an item and its translations share.</summary>
    public static string SetOf(ContentItem item) => item.LocalizationSet ?? item.ContentItemId;

    /// <summary>The latest version of the original and of every translation, by culture.</summary>
    public async Task<Dictionary<string, ContentItem>> LatestSetAsync(ContentItem item)
    {
        var set = SetOf(item);
        var members = await _content.Query().Where(c => c.Latest && (c.ContentItemId == set || c.LocalizationSet == set)).ToListAsync();
        return members.GroupBy(m => m.Culture).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Starts a translation as a draft copy of the original's latest version (staff then translate each field).</summary>
    public async Task<ContentItem> AddAsync(string originalId, string culture, string? user)
    {
        var original = await _content.GetAsync(originalId, VersionOptions.Latest);
        if (original is null || !CanTranslate(original))
        {
            throw new ContentValidationException("", "Only an English page can be translated.");
        }

        if (!PortalCultures.IsTranslated(culture))
        {
            throw new ContentValidationException("Culture", "Choose a language");
        }

        var existing = await _content.Query().Where(c => c.Latest && c.LocalizationSet == originalId && c.Culture == culture).Select(c => c.ContentItemId).FirstOrDefaultAsync();
        if (existing is not null)
        {
            throw new ContentValidationException("Culture", $"This page already has a {PortalCultures.Get(culture).EnglishName} translation.");
        }

        var translation = _content.New(original.ContentType);
        translation.Content = (System.Text.Json.Nodes.JsonObject)original.Content.DeepClone();
        translation.Apply(new LocalizationPart { Culture = culture, LocalizationSet = originalId });
        var saved = await _content.SaveDraftAsync(translation, user);
        await _audit.WriteAsync("content.translation-added", saved.ContentType, saved.ContentItemId,
            $"{PortalCultures.Get(culture).EnglishName} translation of \"{original.DisplayText}\" started", userName: user);
        return saved;
    }

    /// <summary>
    /// Records that a qualified translator checked the latest text and publishes it: the "to be checked" notice goes.
    /// Callers must hold publish permission.
    /// </summary>
    public async Task<ContentItem> ConfirmAsync(string translationId, string? user)
    {
        var latest = await _content.GetAsync(translationId, VersionOptions.Latest);
        if (latest is null || !latest.Has<LocalizationPart>())
        {
            throw new ContentValidationException("", "This item is not a translation.");
        }

        var part = latest.As<LocalizationPart>();
        part.CheckedBy = user ?? "";
        part.CheckedUtc = _clock.GetUtcNow().UtcDateTime;
        latest.Apply(part);
        await _content.SaveDraftAsync(latest, user);
        var published = await _content.PublishAsync(translationId, user);
        await _audit.WriteAsync("content.translation-confirmed", published.ContentType, translationId,
            $"{PortalCultures.Get(published.Culture).EnglishName} translation \"{published.DisplayText}\" (version {published.Version}) confirmed as checked by a qualified translator", userName: user);
        return published;
    }

    /// <summary>
    /// Editing a translation's words after it was confirmed puts the "to be checked" notice back: nobody has checked
    /// the new words. Called by the editor before it saves.
    /// </summary>
    public static void ClearCheckIfTextChanged(ContentItem before, ContentItem edited)
    {
        if (!edited.Has<LocalizationPart>() || !edited.As<LocalizationPart>().IsChecked)
        {
            return;
        }

        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(WithoutLocalization(before), WithoutLocalization(edited)))
        {
            var part = edited.As<LocalizationPart>();
            part.CheckedBy = null;
            part.CheckedUtc = null;
            edited.Apply(part);
        }
    }

    private static System.Text.Json.Nodes.JsonObject WithoutLocalization(ContentItem item)
    {
        var copy = (System.Text.Json.Nodes.JsonObject)item.Content.DeepClone();
        copy.Remove(nameof(LocalizationPart));
        return copy;
    }

    /// <summary>The languages a published page exists in, with absolute addresses, for the switcher and hreflang links.</summary>
    public async Task<PageLanguages> LanguagesOfAsync(ContentItem shown, string requestCulture)
    {
        var set = SetOf(shown);
        var members = await _content.Query().Where(c => c.Published && (c.ContentItemId == set || c.LocalizationSet == set))
            .Select(c => new { c.Culture, c.Path }).ToListAsync();
        var links = PortalCultures.All
            .Select(culture => members.FirstOrDefault(m => m.Culture == culture))
            .Where(m => m?.Path is not null)
            .Select(m => new PageLanguageLink(m!.Culture, PortalCultures.NativeNameOf(m.Culture), _address.Absolute(PortalCultures.AddressIn(m.Culture, "/" + m.Path))))
            .ToList();
        var toBeChecked = shown.Has<LocalizationPart>() && !shown.As<LocalizationPart>().IsChecked;
        return new PageLanguages(requestCulture, shown.Culture, toBeChecked, links);
    }

    /// <summary>The published translation of an English item in a culture, whatever its address; null if none.</summary>
    public Task<ContentItem?> FindPublishedAsync(ContentItem original, string culture)
    {
        var set = SetOf(original);
        return _content.Query().FirstOrDefaultAsync(c => c.Published && c.LocalizationSet == set && c.Culture == culture);
    }

    /// <summary>Addresses (without "/") published in a culture: links in a translated page go to these translations.</summary>
    public async Task<IReadOnlySet<string>> PublishedPathsAsync(string culture) =>
        (await _content.Query().Where(c => c.Published && c.Culture == culture && c.Path != null).Select(c => c.Path!).ToListAsync()).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What a public page knows about its languages (ViewData[<see cref="Key"/>]): read by the layout and the page.</summary>
public sealed record PageLanguages(string RequestCulture, string ContentCulture, bool ToBeChecked, IReadOnlyList<PageLanguageLink> Links)
{
    public const string Key = "PageLanguages";

    /// <summary>The visitor asked for a language the page is not yet translated into, so it is shown in English.</summary>
    public bool NotTranslated => ContentCulture != RequestCulture;

    /// <summary>The switcher and hreflang links appear only when the page exists in more than one language.</summary>
    public bool HasTranslations => Links.Count > 1;

    public string ContentDirection => PortalCultures.DirectionOf(PortalCultures.Get(ContentCulture));

    public PageLanguageLink? Default => Links.FirstOrDefault(l => l.Culture == PortalCultures.Default);
}

public sealed record PageLanguageLink(string Culture, string NativeName, string Href);
