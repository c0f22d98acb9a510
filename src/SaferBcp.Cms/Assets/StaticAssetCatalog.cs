using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace SaferBcp.Cms.Assets;

/// <summary>
/// Finds a URL's file in the theme and module asset folders (<see cref="StaticAssetFolder"/>) and keeps one
/// <see cref="StaticAsset"/> per file, made on its first request or first link.
/// </summary>
public sealed class StaticAssetCatalog
{
    /// <summary>Text formats worth compressing. Images and fonts are compressed already.</summary>
    private static readonly HashSet<string> CompressibleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/css", "text/javascript", "application/javascript", "application/json", "application/geo+json",
        "image/svg+xml", "text/plain", "text/html", "text/csv",
    };

    private readonly IReadOnlyList<StaticAssetFolder> _folders;
    private readonly FileExtensionContentTypeProvider _contentTypes = new();
    private readonly ConcurrentDictionary<string, StaticAsset> _assets = new(StringComparer.Ordinal);

    public StaticAssetCatalog(IEnumerable<StaticAssetFolder> folders) =>
        // Longest prefix first, so /assets/referrals/… is looked up in the Referrals folder, not the theme's.
        _folders = folders.OrderByDescending(f => f.RequestPath.Value?.Length ?? 0).ToList();

    public IReadOnlyList<StaticAssetFolder> Folders => _folders;

    /// <summary>The asset at this URL path, or null when no folder has such a file.</summary>
    public StaticAsset? Find(PathString path)
    {
        foreach (var folder in _folders)
        {
            if (!path.StartsWithSegments(folder.RequestPath, out var subPath) || !subPath.HasValue)
            {
                continue;
            }

            var file = folder.FileProvider.GetFileInfo(subPath.Value!);
            if (!file.Exists || file.IsDirectory || !_contentTypes.TryGetContentType(file.Name, out var contentType))
            {
                continue;
            }

            var key = path.Value!;
            if (_assets.TryGetValue(key, out var known) && known.IsCurrent(file))
            {
                return known;
            }

            var asset = StaticAsset.Read(file, contentType, CompressibleTypes.Contains(contentType));
            _assets[key] = asset;
            return asset;
        }

        return null;
    }
}
