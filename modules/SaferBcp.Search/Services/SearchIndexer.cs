using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Search.Services;

/// <summary>
/// Keeps the index equal to published content: reads the content change log from this node's cursor,
/// re-indexes or removes each changed item, and can rebuild the whole index from the database.
/// </summary>
public sealed class SearchIndexer
{
    public const string Consumer = "search";
    private readonly SearchIndex _index;
    private readonly ContentChangeLog _changes;
    private readonly ContentManager _content;
    private readonly IEnumerable<IContentSearchText> _texts;
    private readonly RebuildProgress _progress;
    private readonly ILogger<SearchIndexer> _logger;

    public SearchIndexer(SearchIndex index, ContentChangeLog changes, ContentManager content, IEnumerable<IContentSearchText> texts, RebuildProgress progress, ILogger<SearchIndexer> logger)
    {
        _index = index;
        _changes = changes;
        _content = content;
        _texts = texts;
        _progress = progress;
        _logger = logger;
    }

    /// <summary>Applies every change since this node's cursor. Cheap when there is nothing new.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        // Inside the gate: AppliedChangeId moves before the index commits, so a caller that compared it while another
        // catch-up was indexing could return before the change was searchable.
        await _index.Gate.WaitAsync(cancellationToken);
        try
        {
            if (await _changes.LastIdAsync(cancellationToken) == _index.AppliedChangeId)
            {
                return;
            }

            if (_index.AppliedChangeId < 0)
            {
                _index.AppliedChangeId = await _changes.GetCursorAsync(Consumer, cancellationToken);
            }

            var applied = 0;
            while (true)
            {
                var batch = await _changes.ReadAfterAsync(_index.AppliedChangeId, 500, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var id in batch.Select(c => c.ContentItemId).Where(id => id.Length > 0).Distinct())
                {
                    await IndexItemAsync(id);
                    applied++;
                }

                _index.AppliedChangeId = batch[^1].Id;
            }

            _index.Commit();
            await _changes.SetCursorAsync(Consumer, _index.AppliedChangeId, cancellationToken);
            if (applied > 0)
            {
                _logger.LogInformation("Search index caught up with {Count} changed item(s)", applied);
            }
        }
        finally
        {
            _index.Gate.Release();
        }
    }

    /// <summary>Empties the index and indexes every published item again, reporting progress as it goes.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await _index.Gate.WaitAsync(cancellationToken);
        try
        {
            // Read the log position first: changes made during the rebuild are applied afterwards.
            var startedAt = await _changes.LastIdAsync(cancellationToken);
            var types = await _content.Query().Where(c => c.Published).Select(c => c.ContentType).Distinct().ToListAsync(cancellationToken);
            var indexable = types.Where(t => _texts.Any(x => x.Handles(t))).ToList();
            var ids = await _content.Query().Where(c => c.Published && indexable.Contains(c.ContentType)).Select(c => c.ContentItemId).ToListAsync(cancellationToken);
            _progress.Start(ids.Count);
            _index.DeleteAll();
            foreach (var chunk in ids.Chunk(200))
            {
                var items = await _content.Query().Where(c => c.Published && chunk.Contains(c.ContentItemId)).ToListAsync(cancellationToken);
                foreach (var item in items)
                {
                    Index(item);
                }

                _progress.Advance(chunk.Length);
            }

            _index.Commit();
            _index.AppliedChangeId = startedAt;
            await _changes.SetCursorAsync(Consumer, startedAt, cancellationToken);
            _progress.Finish();
            _logger.LogInformation("Search index rebuilt with {Count} item(s)", ids.Count);
        }
        catch (Exception ex)
        {
            _progress.Fail(ex.Message);
            throw;
        }
        finally
        {
            _index.Gate.Release();
        }
    }

    private async Task IndexItemAsync(string contentItemId)
    {
        var published = await _content.GetAsync(contentItemId);
        if (published is null)
        {
            _index.Delete(contentItemId);
        }
        else
        {
            Index(published);
        }
    }

    private void Index(ContentItem item)
    {
        if (_texts.FirstOrDefault(t => t.Handles(item.ContentType))?.Build(item) is not { } text)
        {
            _index.Delete(item.ContentItemId);
            return;
        }

        _index.Upsert(item.ContentItemId, text);
    }
}

/// <summary>How far a rebuild has got, for the back office.</summary>
public sealed class RebuildProgress
{
    private readonly object _lock = new();

    public bool Running { get; private set; }

    public int Total { get; private set; }

    public int Done { get; private set; }

    public DateTime? FinishedUtc { get; private set; }

    public string? Error { get; private set; }

    public void Start(int total)
    {
        lock (_lock)
        {
            Running = true;
            Total = total;
            Done = 0;
            Error = null;
        }
    }

    public void Advance(int count)
    {
        lock (_lock)
        {
            Done = Math.Min(Total, Done + count);
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            Running = false;
            FinishedUtc = DateTime.UtcNow;
        }
    }

    public void Fail(string error)
    {
        lock (_lock)
        {
            Running = false;
            Error = error;
        }
    }

    public int Percent => Total == 0 ? (Running ? 0 : 100) : Done * 100 / Total;
}
