using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SaferBcp.Cms.Assets;

/// <summary>
/// What <c>asp-append-version="true"</c> uses: adds <c>?v=&lt;fingerprint&gt;</c> to links to files in the theme and
/// module asset folders (the framework's own provider looks only in wwwroot). A URL with the current fingerprint is
/// cached for a year (<see cref="StaticAssetCaching"/>); a changed file gets a new URL, so no visitor keeps an old one.
/// </summary>
public sealed class AssetFingerprints : IFileVersionProvider
{
    private readonly StaticAssetCatalog _catalog;

    public AssetFingerprints(StaticAssetCatalog catalog) => _catalog = catalog;

    public string AddFileVersionToPath(PathString requestPathBase, string path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('?') || path.Contains('#'))
        {
            return path;
        }

        var asset = _catalog.Find(new PathString(path));
        return asset is null ? path : $"{path}?{StaticAssetCaching.VersionKey}={asset.Fingerprint}";
    }
}
