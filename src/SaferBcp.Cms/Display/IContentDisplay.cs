using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Display;

/// <summary>How a module shows its content types to the public (and in the back office preview).</summary>
public interface IContentDisplay
{
    bool Handles(string contentType);

    Task<ContentDisplayResult> BuildAsync(ContentItem item, bool preview);
}

/// <summary>The Razor view and model to render. Sensitive pages are sent with Cache-Control: no-store.</summary>
public sealed record ContentDisplayResult(string ViewName, object Model, bool Sensitive);
