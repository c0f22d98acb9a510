namespace SaferBcp.Media.Models;

/// <summary>The bytes of one <see cref="MediaFile"/> (BLOB on SQLite, bytea on PostgreSQL), deleted with it.</summary>
public sealed class MediaBlob
{
    public int MediaFileId { get; set; }

    public MediaFile File { get; set; } = null!;

    public byte[] Bytes { get; set; } = [];
}
