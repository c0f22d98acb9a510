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

/// <summary>Checks and stores uploads in the data folder's media/ folder; nothing is written when a check fails.</summary>
public sealed class MediaStore
{
    private readonly MediaDbContext _db;
    private readonly PortalDataPaths _paths;
    private readonly MediaOptions _options;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public MediaStore(MediaDbContext db, PortalDataPaths paths, IOptions<MediaOptions> options, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _paths = paths;
        _options = options.Value;
        _audit = audit;
        _clock = clock;
    }

    public long MaxUploadBytes => _options.MaxUploadBytes;

    public string Root => _paths.Folder("media");

    public Task<List<MediaFile>> ListAsync() => _db.Files.AsNoTracking().OrderByDescending(f => f.UploadedUtc).ToListAsync();

    /// <summary>Returns the stored file, or the plain-English reason it was refused.</summary>
    public async Task<(MediaFile? File, string? Error)> SaveAsync(Stream content, long length, string originalName, string? description, string? user, string? fixedUrl = null)
    {
        if (length == 0)
        {
            return (null, "The selected file is empty");
        }

        if (length > _options.MaxUploadBytes)
        {
            return (null, $"The selected file must be smaller than {_options.MaxUploadBytes / (1024 * 1024)}MB");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
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
        var url = fixedUrl ?? $"/media/{now:yyyy}/{now:MM}/{Guid.NewGuid():N}{sniffed.Extension}";
        var path = PhysicalPath(url) ?? throw new InvalidOperationException("Invalid media address");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
        var file = new MediaFile
        {
            Url = url,
            OriginalName = Path.GetFileName(originalName),
            ContentType = sniffed.ContentType,
            Length = bytes.Length,
            Description = description,
            UploadedUtc = now,
            UploadedBy = user,
        };
        _db.Files.Add(file);
        try
        {
            await _db.SaveChangesAsync();
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        await _audit.WriteAsync("media.uploaded", "Media", url, file.OriginalName);
        return (file, null);
    }

    public async Task<bool> DeleteAsync(int id)
    {
        var file = await _db.Files.FindAsync(id);
        if (file is null)
        {
            return false;
        }

        _db.Files.Remove(file);
        await _db.SaveChangesAsync();
        if (PhysicalPath(file.Url) is { } path && File.Exists(path))
        {
            File.Delete(path);
        }

        await _audit.WriteAsync("media.deleted", "Media", file.Url, file.OriginalName);
        return true;
    }

    public Task<MediaFile?> FindAsync(string url) => _db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Url == url);

    /// <summary>The file behind a /media/ address, or null if the address tries to leave the media folder.</summary>
    public string? PhysicalPath(string url)
    {
        if (!url.StartsWith("/media/", StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Root, url["/media/".Length..]));
        return full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
