using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Data;
using SaferBcp.Media.Models;

namespace SaferBcp.Media.Services;

/// <summary>
/// Brings uploads from before media moved into the database into it, once: at each start, every file described in
/// the database without its bytes is looked for in this node's old media folder and imported if found, so existing
/// pages keep their images. A file not found is logged and left (it answers 404); the start carries on. The old folder
/// is only read, never changed. Runs before the node takes requests (the host starts hosted services before the server).
/// </summary>
public sealed class LegacyMediaImporter : IHostedService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly LegacyMediaFolder _folder;
    private readonly ILogger<LegacyMediaImporter> _logger;

    public LegacyMediaImporter(IServiceScopeFactory scopes, PortalDataPaths paths, ILogger<LegacyMediaImporter> logger)
    {
        _scopes = scopes;
        _folder = new LegacyMediaFolder(Path.Combine(paths.DataFolder, "media"));
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken) => ImportAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns how many files were imported.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        List<MediaFile> waiting;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            waiting = await scope.ServiceProvider.GetRequiredService<MediaStore>().ListWithoutBytesAsync();
        }

        var imported = 0;
        foreach (var file in waiting)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = _folder.FileFor(file.Url);
            if (path is null || !File.Exists(path))
            {
                _logger.LogWarning(
                    "Media file {Url} has no bytes in the database and is not in this node's old media folder {Folder}: it answers 404 until a node that has it starts, or it is uploaded again",
                    file.Url, _folder.Root);
                continue;
            }

            if (await ImportOneAsync(file, path, cancellationToken))
            {
                imported++;
            }
        }

        if (imported > 0)
        {
            _logger.LogInformation(
                "Imported {Count} media files from {Folder} into the database; once the database is backed up, the folder is no longer needed",
                imported, _folder.Root);
        }

        return imported;
    }

    private async Task<bool> ImportOneAsync(MediaFile file, string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Media file {Url} could not be read from {Path}; it was not imported", file.Url, path);
            return false;
        }

        // A scope per file: a failed import rolls back alone and leaves nothing tracked for the next.
        await using var scope = _scopes.CreateAsyncScope();
        try
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<MediaStore>().ImportBytesAsync(file.Id, bytes);
            if (outcome == LegacyImportOutcome.NotOfItsType)
            {
                _logger.LogWarning("Media file {Url} at {Path} is no longer a {ContentType}; it was not imported", file.Url, path, file.ContentType);
            }

            return outcome == LegacyImportOutcome.Imported;
        }
        catch (DbUpdateException e)
        {
            // Another node starting at the same time may have imported the same file first (the same old folder mounted on both).
            _logger.LogWarning(e, "Media file {Url} was not imported; another node may have imported it", file.Url);
            return false;
        }
    }
}
