using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Localization;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>Serves published content at its address; old addresses redirect permanently; anything else is a themed 404.</summary>
public sealed class ContentDisplayController : Controller
{
    private readonly ContentManager _content;
    private readonly IEnumerable<IContentDisplay> _displays;
    private readonly ContentTranslations _translations;

    public ContentDisplayController(ContentManager content, IEnumerable<IContentDisplay> displays, ContentTranslations translations)
    {
        _content = content;
        _displays = displays;
        _translations = translations;
    }

    [HttpGet("{**path}", Order = int.MaxValue)]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Display(string? path)
    {
        path = ContentPath.Normalize(path);
        if (path.Length == 0 || !ContentPath.IsWellFormed(path))
        {
            return NotFound();
        }

        // /pl/x: the Polish translation of the item at x; without one, the English page with a notice in Polish.
        var culture = ContentTranslations.RequestCulture(HttpContext);
        var item = (culture == PortalCultures.Default ? null : await _content.GetPublishedByPathAsync(path, culture))
            ?? await _content.GetPublishedByPathAsync(path);
        if (item is not null && item.Culture != culture)
        {
            // The English page moved after it was translated: its translation is still its translation.
            item = await _translations.FindPublishedAsync(item, culture) ?? item;
        }
        if (item is null)
        {
            var moved = await _content.FindRedirectAsync(path);
            return moved is null ? NotFound() : RedirectPermanent(PortalCultures.AddressIn(culture, "/" + moved));
        }

        ViewData[PageLanguages.Key] = await _translations.LanguagesOfAsync(item, culture);
        return await RenderAsync(this, _displays, item, preview: false);
    }

    internal static async Task<IActionResult> RenderAsync(Controller controller, IEnumerable<IContentDisplay> displays, ContentItem item, bool preview)
    {
        var display = displays.FirstOrDefault(d => d.Handles(item.ContentType));
        if (display is null)
        {
            return controller.NotFound();
        }

        var result = await display.BuildAsync(item, preview);
        if (result.Sensitive || preview)
        {
            SecurityHeadersMiddleware.NoStore(controller.Response);
        }

        controller.ViewData["Title"] = item.DisplayText;
        controller.ViewData["Sensitive"] = result.Sensitive;
        return controller.View(result.ViewName, result.Model);
    }
}
