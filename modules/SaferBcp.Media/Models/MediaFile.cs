namespace SaferBcp.Media.Models;

/// <summary>
/// An uploaded image or PDF: what it is and where it is served. Its bytes are a <see cref="MediaBlob"/> of their own,
/// so listing the library never loads them.
/// </summary>
public sealed class MediaFile
{
    public int Id { get; set; }

    /// <summary>The public address, like /media/2026/11/3f2a….png.</summary>
    public string Url { get; set; } = "";

    public string OriginalName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    /// <summary>For images: the alternative text. For documents: the link text.</summary>
    public string Description { get; set; } = "";

    public DateTime UploadedUtc { get; set; }

    public string? UploadedBy { get; set; }

    /// <summary>
    /// The SHA-256 of the bytes (lower-case hex), written with them in one transaction: null only for a file uploaded
    /// before media moved into the database whose bytes have not been imported yet (see LegacyMediaImporter).
    /// </summary>
    public string? Sha256 { get; set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    public bool IsPdf => ContentType == "application/pdf";
}
