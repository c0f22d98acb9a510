namespace SaferBcp.Media.Services;

/// <summary>What a media address may look like: /media/ then path segments, none empty, "." or "..".</summary>
public static class MediaAddress
{
    public const string Prefix = "/media/";

    public const int MaxLength = 200;

    public static bool IsValid(string url)
    {
        if (!url.StartsWith(Prefix, StringComparison.Ordinal) || url.Length > MaxLength)
        {
            return false;
        }

        var segments = url[Prefix.Length..].Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != "..")
            && !url.Any(c => char.IsControl(c) || c is '\\' or '?' or '#');
    }
}
