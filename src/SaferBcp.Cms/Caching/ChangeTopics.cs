namespace SaferBcp.Cms.Caching;

/// <summary>
/// What changed, as nodes tell each other. Every topic clears the public output cache; a node's in-memory caches
/// clear on their own topic (<see cref="LocalCaches.ChangeToken"/>). Modules may use their own names.
/// </summary>
public static class ChangeTopics
{
    public const string Content = "content";
    public const string Settings = "settings";
    public const string Menus = "menus";
}
