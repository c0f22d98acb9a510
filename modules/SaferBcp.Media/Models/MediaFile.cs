namespace SaferBcp.Media.Models;

/// <summary>An uploaded image or PDF. The file lives in the data folder; this row describes it.</summary>
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

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
