using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace SaferBcp.Cms.Assets;

/// <summary>
/// One static file as the portal serves it: its fingerprint (the <c>?v=</c> in its URLs) and, for text files,
/// its Brotli and gzip bytes. Made once from the file and kept in memory: the files are small (the theme's CSS
/// and JS are under 200 KB together), so nothing is compressed per request and no cache folder is written.
/// </summary>
public sealed class StaticAsset
{
    private readonly Lazy<byte[]> _brotli;
    private readonly Lazy<byte[]> _gzip;

    private StaticAsset(IFileInfo file, byte[] content, string contentType, bool compressible)
    {
        File = file;
        Length = content.Length;
        LastModified = file.LastModified;
        ContentType = contentType;
        Compressible = compressible;
        Fingerprint = FingerprintOf(content);
        // Smallest size (Brotli quality 11): slow, but done once per file and start-up, never per request.
        _brotli = new Lazy<byte[]>(() => Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize)));
        _gzip = new Lazy<byte[]>(() => Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize)));
    }

    public IFileInfo File { get; }

    public long Length { get; }

    public DateTimeOffset LastModified { get; }

    public string ContentType { get; }

    public bool Compressible { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of the file; the theme build (fingerprint-imports.mjs) uses the same.</summary>
    public string Fingerprint { get; }

    public byte[] Brotli => _brotli.Value;

    public byte[] Gzip => _gzip.Value;

    /// <summary>Whether this entry still describes the file (the file is replaced in development, never in production).</summary>
    public bool IsCurrent(IFileInfo file) => file.Length == Length && file.LastModified == LastModified;

    public static StaticAsset Read(IFileInfo file, string contentType, bool compressible)
    {
        using var stream = file.CreateReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new StaticAsset(file, buffer.ToArray(), contentType, compressible);
    }

    public static string FingerprintOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(content);
        }

        return output.ToArray();
    }
}
