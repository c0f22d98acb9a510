using Microsoft.AspNetCore.Mvc;
using SaferBcp.Media.Services;

namespace SaferBcp.Media.Controllers;

/// <summary>Serves uploaded files with the type found at upload, never sniffed by the browser.</summary>
public sealed class MediaController : Controller
{
    private readonly MediaStore _store;

    public MediaController(MediaStore store) => _store = store;

    [HttpGet("/media/{**path}")]
    public async Task<IActionResult> Get(string path)
    {
        var url = "/media/" + path;
        var file = await _store.FindAsync(url);
        var physical = file is null ? null : _store.PhysicalPath(url);
        if (file is null || physical is null || !System.IO.File.Exists(physical))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "public, max-age=86400";
        Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
        return PhysicalFile(physical, file.ContentType, enableRangeProcessing: true);
    }
}
