using System.Text;

namespace SaferBcp.Media.Services;

/// <summary>
/// Decides what a file is from its first bytes, never from its name or the browser's claim.
/// SVG is refused outright: it is a document that can carry script.
/// </summary>
public static class FileTypeSniffer
{
    public sealed record Sniffed(string ContentType, string Extension);

    public static Sniffed? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return new("image/png", ".png");
        }

        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return new("image/jpeg", ".jpg");
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return new("image/gif", ".gif");
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", ".webp");
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return new("application/pdf", ".pdf");
        }

        return null;
    }

    /// <summary>True for anything that looks like SVG or other XML markup, whatever its name.</summary>
    public static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        return text.StartsWith("<?xml", StringComparison.Ordinal) || text.StartsWith("<svg", StringComparison.Ordinal) || text.Contains("<svg", StringComparison.Ordinal);
    }
}
