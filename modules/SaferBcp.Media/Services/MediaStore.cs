using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Media.Models;

namespace SaferBcp.Media.Services;

public sealed class MediaOptions
{
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// Checks uploads and keeps them in the database, description and bytes in one transaction, so every node serves the
/// same files with no shared disk; nothing is written when a check fails.
/// </summary>
public sealed class MediaStore
{
    private readonly MediaDbContext _db;
    private readonly PortalDatabase _database;
    private readonly MediaOptions _options;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public MediaStore(MediaDbContext db, PortalDatabase database, IOptions<MediaOptions> options, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _database = database;
        _options = options.Value;
        _audit = audit;
        _clock = clock;
    }

    public long MaxUploadBytes => _options.MaxUploadBytes;

    public Task<List<MediaFile>> ListAsync() => _db.Files.AsNoTracking().OrderByDescending(f => f.UploadedUtc).ToListAsync();

    public Task<MediaFile?> FindAsync(string url) => _db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Url == url);

    /// <summary>The file's bytes, or null if it has none (deleted meanwhile, or uploaded before media moved into the database and not imported).</summary>
    public Task<byte[]?> ReadBytesAsync(int id) =>
        _db.Blobs.AsNoTracking().Where(b => b.MediaFileId == id).Select(b => b.Bytes).FirstOrDefaultAsync();

    /// <summary>Returns the stored file, or the plain-English reason it was refused.</summary>
    public async Task<(MediaFile? File, string? Error)> SaveAsync(Stream content, long length, string originalName, string? description, string? user, string? fixedUrl = null)
    {
        if (length == 0)
        {
            return (null, "The selected file is empty");
        }

        if (length > _options.MaxUploadBytes)
        {
            return (null, TooBig);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length > _options.MaxUploadBytes)
        {
            return (null, TooBig);
        }

        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 512));
        if (FileTypeSniffer.LooksLikeSvg(head))
        {
            return (null, "SVG images are not accepted because they can contain code. Save the image as a PNG or JPEG and upload that");
        }

        var sniffed = FileTypeSniffer.Detect(head);
        if (sniffed is null)
        {
            return (null, "The selected file must be a PNG, JPEG, GIF or WebP image, or a PDF");
        }

        description = description?.Trim() ?? "";
        if (description.Length == 0)
        {
            return (null, sniffed.ContentType.StartsWith("image/", StringComparison.Ordinal)
                ? "Enter alternative text that describes the image for people who cannot see it"
                : "Enter a title for the document, used as its link text");
        }

        if (description.Length > 500)
        {
            return (null, "The description must be 500 characters or fewer");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var url = fixedUrl ?? $"{MediaAddress.Prefix}{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{sniffed.Extension}";
        if (!MediaAddress.IsValid(url))
        {
            throw new InvalidOperationException("Invalid media address");
        }

        var file = new MediaFile
        {
            Url = url,
            OriginalName = Path.GetFileName(originalName),
            ContentType = sniffed.ContentType,
            Length = bytes.Length,
            Description = description,
            UploadedUtc = now,
            UploadedBy = user,
            Sha256 = MediaContentHash.Of(bytes),
        };
        await using var transaction = await _database.BeginTransactionAsync();
        _db.Blobs.Add(new MediaBlob { File = file, Bytes = bytes });
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("media.uploaded", "Media", url, file.OriginalName);
        await transaction.CommitAsync();
        return (file, null);
    }

    public async Task<bool> DeleteAsync(int id)
    {
        await using var transaction = await _database.BeginTransactionAsync();
        var file = await _db.Files.FindAsync(id);
        if (file is null)
        {
            return false;
        }

        await _db.Blobs.Where(b => b.MediaFileId == id).ExecuteDeleteAsync();
        _db.Files.Remove(file);
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("media.deleted", "Media", file.Url, file.OriginalName);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Files described in the database whose bytes are not there yet: uploaded before media moved into the database.</summary>
    public Task<List<MediaFile>> ListWithoutBytesAsync() => _db.Files.AsNoTracking().Where(f => f.Sha256 == null).ToListAsync();

    /// <summary>
    /// Gives a file uploaded before media moved into the database its bytes, if it has none yet and they are still of
    /// the type found at upload.
    /// </summary>
    public async Task<LegacyImportOutcome> ImportBytesAsync(int id, byte[] bytes)
    {
        await using var transaction = await _database.BeginTransactionAsync();
        var file = await _db.Files.FindAsync(id);
        if (file is null || file.Sha256 is not null)
        {
            return LegacyImportOutcome.NotNeeded;
        }

        if (FileTypeSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 512)))?.ContentType != file.ContentType)
        {
            return LegacyImportOutcome.NotOfItsType;
        }

        file.Sha256 = MediaContentHash.Of(bytes);
        file.Length = bytes.Length;
        _db.Blobs.Add(new MediaBlob { MediaFileId = id, Bytes = bytes });
        await _db.SaveChangesAsync();
        await transaction.CommitAsync();
        return LegacyImportOutcome.Imported;
    }

    private string TooBig => $"The selected file must be smaller than {_options.MaxUploadBytes / (1024 * 1024)}MB";
}

public enum LegacyImportOutcome
{
    Imported,
    NotNeeded,
    NotOfItsType,
}
