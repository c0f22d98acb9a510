using Microsoft.Net.Http.Headers;
using SaferBcp.Media.Models;

namespace SaferBcp.Media.Services;

/// <summary>
/// PDFs are downloaded, not opened as a page of the portal's own site, where a document's script or forms would run
/// under the portal's address. Images are shown in place.
/// </summary>
public static class MediaContentDisposition
{
    /// <summary>The Content-Disposition header for the file, or null for none.</summary>
    public static string? For(MediaFile file)
    {
        if (!file.IsPdf)
        {
            return null;
        }

        var header = new ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(DownloadName(file.OriginalName));
        return header.ToString();
    }

    /// <summary>The name the browser saves the PDF as: the uploader's name for it, always ending in .pdf.</summary>
    public static string DownloadName(string originalName)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(originalName.Replace('\\', '/')));
        var safe = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        return (safe.Length == 0 ? "document" : safe) + ".pdf";
    }
}
