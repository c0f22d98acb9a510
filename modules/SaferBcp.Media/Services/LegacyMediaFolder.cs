namespace SaferBcp.Media.Services;

/// <summary>
/// The folder where uploads were kept before media moved into the database: {DataFolder}/media, a file per address
/// (/media/2026/11/abc.png was media/2026/11/abc.png). Read only by <see cref="LegacyMediaImporter"/>.
/// </summary>
public sealed class LegacyMediaFolder
{
    public LegacyMediaFolder(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    /// <summary>The file that held a media address, or null if the address would lead outside the folder.</summary>
    public string? FileFor(string url)
    {
        if (!url.StartsWith(MediaAddress.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Root, url[MediaAddress.Prefix.Length..]));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
