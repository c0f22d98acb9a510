using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Display;

/// <summary>
/// The public address of a content type that has no web address of its own (not <c>Routable</c>), like a form
/// served at /surveys/{slug}: the back office names it when the item is published.
/// </summary>
public interface IContentAddress
{
    bool Handles(string contentType);

    /// <summary>The address starting with "/", or null when the item has none yet.</summary>
    string? PublicPath(ContentItem item);
}
