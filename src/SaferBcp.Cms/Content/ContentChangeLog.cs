using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Content;

/// <summary>
/// The append-only log of public content changes. Each node keeps a cursor per consumer
/// ("search", "cache") so it can catch up with changes made on any node.
/// </summary>
public sealed class ContentChangeLog
{
    private readonly CmsDbContext _db;
    private readonly PortalDatabase _database;
    private readonly TimeProvider _clock;
    private readonly string _nodeId;

    public ContentChangeLog(CmsDbContext db, PortalDatabase database, TimeProvider clock, IOptions<PortalOptions> options)
    {
        _db = db;
        _database = database;
        _clock = clock;
        _nodeId = options.Value.NodeId;
    }

    /// <summary>
    /// Adds a change to the unit of work, which must be inside a transaction. Readers move a cursor over the log's ids,
    /// so the log is written in id order (<see cref="PortalDatabase.WriteInIdOrderAsync"/>).
    /// </summary>
    public async Task AppendAsync(ContentItem item, ContentChangeKind kind)
    {
        await _database.WriteInIdOrderAsync(DatabaseLocks.ContentChangeLog);

        _db.ContentChanges.Add(new ContentChange
        {
            ContentItemId = item.ContentItemId,
            ContentType = item.ContentType,
            Kind = kind,
            OccurredUtc = _clock.GetUtcNow().UtcDateTime,
            NodeId = _nodeId,
        });
    }

    public Task<List<ContentChange>> ReadAfterAsync(long afterId, int take, CancellationToken cancellationToken = default) =>
        _db.ContentChanges.AsNoTracking().Where(c => c.Id > afterId).OrderBy(c => c.Id).Take(take).ToListAsync(cancellationToken);

    /// <summary>Whether any change after <paramref name="afterId"/>, up to <paramref name="upToId"/>, was made on another node.</summary>
    public Task<bool> AnyFromOtherNodesAsync(long afterId, long upToId, CancellationToken cancellationToken = default) =>
        _db.ContentChanges.AnyAsync(c => c.Id > afterId && c.Id <= upToId && c.NodeId != _nodeId, cancellationToken);

    public async Task<long> LastIdAsync(CancellationToken cancellationToken = default) =>
        await _db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;

    public async Task<long> GetCursorAsync(string consumer, CancellationToken cancellationToken = default)
    {
        var cursor = await _db.ChangeCursors.AsNoTracking()
            .FirstOrDefaultAsync(c => c.NodeId == _nodeId && c.Consumer == consumer, cancellationToken);
        return cursor?.LastChangeId ?? 0;
    }

    public async Task SetCursorAsync(string consumer, long lastChangeId, CancellationToken cancellationToken = default)
    {
        var cursor = await _db.ChangeCursors.FirstOrDefaultAsync(c => c.NodeId == _nodeId && c.Consumer == consumer, cancellationToken);
        if (cursor is null)
        {
            _db.ChangeCursors.Add(new ChangeCursor { NodeId = _nodeId, Consumer = consumer, LastChangeId = lastChangeId });
        }
        else
        {
            cursor.LastChangeId = lastChangeId;
        }

        await _db.SaveChangesAsync(cancellationToken);
    }
}
