using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Media.Services;

namespace SaferBcp.Media.Controllers;

/// <summary>
/// Serves uploaded files from the database with the type found at upload, never sniffed by the browser (the kernel
/// sends nosniff), sandboxed, PDFs as downloads. The bytes are not cached on the node: a file deleted on one node must
/// be gone on all of them, and the database is the only thing nodes share. Browsers and proxies cache instead, and
/// revalidate with the ETag, which any node answers with a 304 from the file's description alone.
/// </summary>
public sealed class MediaController : Controller
{
    /// <summary>
    /// Short, not "immutable": an address can come to hold other bytes (a recipe may put a new file at the address of a
    /// deleted one), and a deleted file should not live on in browsers for long.
    /// </summary>
    public const string CacheControl = "public, max-age=600";

    private readonly MediaStore _store;

    public MediaController(MediaStore store) => _store = store;

    [HttpGet("/media/{**path}")]
    public async Task<IActionResult> Get(string path)
    {
        var file = await _store.FindAsync(MediaAddress.Prefix + path);
        if (file?.Sha256 is null)
        {
            return NotFound();
        }

        var etag = MediaETag.For(file.Sha256);
        if (MediaETag.IsMatchedBy(etag, Request.GetTypedHeaders().IfNoneMatch))
        {
            AddServedFileHeaders();
            Response.GetTypedHeaders().ETag = etag;
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var bytes = await _store.ReadBytesAsync(file.Id);
        if (bytes is null)
        {
            return NotFound();
        }

        AddServedFileHeaders();
        if (MediaContentDisposition.For(file) is { } disposition)
        {
            Response.Headers.ContentDisposition = disposition;
        }

        return File(bytes, file.ContentType, lastModified: null, entityTag: etag, enableRangeProcessing: true);
    }

    private void AddServedFileHeaders()
    {
        Response.Headers.CacheControl = CacheControl;
        MediaSandbox.Apply(Response);
    }
}
