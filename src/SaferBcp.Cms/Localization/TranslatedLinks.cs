namespace SaferBcp.Cms.Localization;

/// <summary>
/// Rewrites a translated page's links to the site's own pages: "/support" becomes "/pl/support" when a Polish
/// translation of /support is published; otherwise the link keeps going to the English page.
/// </summary>
public sealed class TranslatedLinks
{
    private readonly string _culture;
    private readonly IReadOnlySet<string> _translatedPaths;

    public TranslatedLinks(string culture, IReadOnlySet<string> translatedPaths)
    {
        _culture = culture;
        _translatedPaths = translatedPaths;
    }

    public string Rewrite(string url)
    {
        if (!url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal))
        {
            return url;
        }

        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        return _translatedPaths.Contains(Content.ContentPath.Normalize(path)) ? PortalCultures.AddressIn(_culture, url) : url;
    }
}
