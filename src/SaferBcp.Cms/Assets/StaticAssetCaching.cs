using Microsoft.AspNetCore.Http;

namespace SaferBcp.Cms.Assets;

/// <summary>How long browsers and proxies may keep a static file.</summary>
public static class StaticAssetCaching
{
    public const string VersionKey = "v";

    /// <summary>A URL whose fingerprint names this very content never changes: a year, and no revalidation.</summary>
    public const string Fingerprinted = "public, max-age=31536000, immutable";

    /// <summary>A plain URL (or an old fingerprint) may get new content at the next deployment.</summary>
    public const string Plain = "public, max-age=3600";

    public static string For(HttpRequest request, StaticAsset asset) =>
        string.Equals(request.Query[VersionKey], asset.Fingerprint, StringComparison.OrdinalIgnoreCase) ? Fingerprinted : Plain;
}
