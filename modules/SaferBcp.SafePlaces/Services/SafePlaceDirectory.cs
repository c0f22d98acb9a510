using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.SafePlaces.Services;

/// <summary>A published place as the locator reads it: its index row and its parsed opening hours.</summary>
public sealed record DirectoryEntry(SafePlaceIndex Place, OpeningHours Hours);

/// <summary>
/// Every published place, held in memory for the locator (a singleton). Reading 5,000 index rows on each search was most
/// of its time (docs/benchmarks.md section 3); filtering, open now and distance over an array take well under a
/// millisecond. The places change only when content is published, unpublished or deleted, on any node, and each of
/// those adds a row to the content change log in the same transaction: so each search asks for the log's last id (one
/// lookup on its primary key) and the copy is read again when the log has moved on. Whether a place has gone too long
/// unchecked to show is decided per search, so the day turning over needs no reload.
/// </summary>
public sealed class SafePlaceDirectory : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<DirectoryEntry> Entries, long ChangeLogId);

    public async Task<IReadOnlyList<DirectoryEntry>> EntriesAsync(SafePlacesDbContext db, ContentChangeLog changes, CancellationToken cancellationToken)
    {
        // Read before the rows: a change committed while they are read makes the next search read them again.
        var changeLogId = await changes.LastIdAsync(cancellationToken);
        if (_snapshot is { } current && current.ChangeLogId == changeLogId)
        {
            return current.Entries;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } loadedMeanwhile && loadedMeanwhile.ChangeLogId == changeLogId)
            {
                return loadedMeanwhile.Entries;
            }

            var rows = await db.Places.AsNoTracking().ToListAsync(cancellationToken);
            var snapshot = new Snapshot(rows.Select(p => new DirectoryEntry(p, OpeningHoursJson.Read(p.OpeningHoursJson))).ToArray(), changeLogId);
            _snapshot = snapshot;
            return snapshot.Entries;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();
}
