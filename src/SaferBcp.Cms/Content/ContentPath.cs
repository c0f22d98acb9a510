using System.Text.RegularExpressions;

namespace SaferBcp.Cms.Content;

/// <summary>Rules for public addresses of content items.</summary>
public static partial class ContentPath
{
    public const int MaxLength = 200;

    /// <summary>Trims slashes and spaces and lower-cases; does not otherwise change what the editor typed.</summary>
    public static string Normalize(string? path) => (path ?? "").Trim().Trim('/').ToLowerInvariant();

    public static bool IsWellFormed(string path) => path.Length <= MaxLength && WellFormed().IsMatch(path);

    /// <summary>Turns a title into a suggested address: "Knife crime – what to do" → "knife-crime-what-to-do".</summary>
    public static string Slugify(string title)
    {
        var lower = title.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal);
        var slug = NotSlug().Replace(lower, "-").Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")]
    private static partial Regex WellFormed();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}

/// <summary>
/// Addresses that belong to the portal's own endpoints, so content can never take them: everything under
/// a first segment (e.g. "admin"), or, with WholePathOnly, just that one address (e.g. the "news" list,
/// whose items live at news/...).
/// </summary>
public sealed record ReservedPath(string FirstSegment, bool WholePathOnly = false)
{
    public bool Blocks(string path) => WholePathOnly
        ? string.Equals(path, FirstSegment, StringComparison.OrdinalIgnoreCase)
        : string.Equals(path.Split('/')[0], FirstSegment, StringComparison.OrdinalIgnoreCase);
}
