using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Security;

namespace SaferBcp.Cms.Controllers;

/// <summary>Serves published content at its address; old addresses redirect permanently; anything else is a themed 404.</summary>
public sealed class ContentDisplayController : Controller
{
    private readonly ContentManager _content;
    private readonly IEnumerable<IContentDisplay> _displays;

    public ContentDisplayController(ContentManager content, IEnumerable<IContentDisplay> displays)
    {
        _content = content;
        _displays = displays;
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

        var item = await _content.GetPublishedByPathAsync(path);
        if (item is null)
        {
            var moved = await _content.FindRedirectAsync(path);
            return moved is null ? NotFound() : RedirectPermanent("/" + moved);
        }

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
