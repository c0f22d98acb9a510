using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace SaferBcp.Cms.Localization;

/// <summary>
/// The language a public page is served in (set by <see cref="CulturePathMiddleware"/> from the address), as the
/// layout and the interface's links need it: the html lang and dir attributes, and links that stay in that language.
/// </summary>
public static class VisitorLanguage
{
    /// <summary>"pl" or "ar" under /pl/… and /ar/…; "en" everywhere else.</summary>
    public static string CultureName(this HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name is { } name && PortalCultures.IsTranslated(name) ? name : PortalCultures.Default;

    /// <summary>The html lang attribute: en-GB for the site's own English, else the culture's name.</summary>
    public static string HtmlLang(this HttpContext context) => context.CultureName() is var name && name == PortalCultures.Default ? "en-GB" : name;

    /// <summary>The html dir attribute: "rtl" for Arabic, else "ltr".</summary>
    public static string HtmlDir(this HttpContext context) => PortalCultures.DirectionOf(CultureInfo.GetCultureInfo(context.CultureName()));

    /// <summary>
    /// The culture dates and day names are written in: British English, or the visitor's language with the Gregorian
    /// calendar (a UK date is the same date in every language).
    /// </summary>
    public static CultureInfo DateCulture(this HttpContext context)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(context.HtmlLang()).Clone();
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar)
        {
            culture.DateTimeFormat.Calendar = new GregorianCalendar();
        }

        return culture;
    }

    /// <summary>
    /// A site-relative link ("/support") in the visitor's language ("/pl/support"): the culture prefix is the request's
    /// PathBase. Anything else (another site, "#main", "mailto:") is returned unchanged.
    /// </summary>
    public static string LocalUrl(this HttpContext context, string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal))
        {
            return url ?? "";
        }

        var pathBase = context.Request.PathBase;
        return pathBase.HasValue ? pathBase.Value + (url == "/" ? "/" : url) : url;
    }
}
