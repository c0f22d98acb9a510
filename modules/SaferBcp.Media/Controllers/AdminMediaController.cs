using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SaferBcp.Cms.Controllers;
using SaferBcp.Media.Services;

namespace SaferBcp.Media.Controllers;

[Route("admin/media")]
[Authorize(Policy = Permissions.ManageMedia)]
public sealed class AdminMediaController : AdminControllerBase
{
    private readonly MediaStore _store;

    public AdminMediaController(MediaStore store) => _store = store;

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Title"] = "Media library";
        return View("~/Views/AdminMedia/Index.cshtml", new MediaLibraryModel(await _store.ListAsync(), _store.MaxUploadBytes, null, null));
    }

    [HttpPost("")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    public async Task<IActionResult> Upload(IFormFile? file, string? description)
    {
        string? error;
        if (file is null)
        {
            error = "Select a file to upload";
        }
        else
        {
            await using var stream = file.OpenReadStream();
            (_, error) = await _store.SaveAsync(stream, file.Length, file.FileName, description, CurrentUserName);
        }

        if (error is not null)
        {
            Response.StatusCode = 400;
            ViewData["Title"] = "Error: Media library";
            return View("~/Views/AdminMedia/Index.cshtml", new MediaLibraryModel(await _store.ListAsync(), _store.MaxUploadBytes, error, description));
        }

        Notice("The file was uploaded");
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        Notice(await _store.DeleteAsync(id) ? "The file was deleted" : "The file was not found");
        return RedirectToAction(nameof(Index));
    }
}

public sealed record MediaLibraryModel(IReadOnlyList<Models.MediaFile> Files, long MaxUploadBytes, string? Error, string? Description);
