using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SaferBcp.Cms.Caching;

namespace SaferBcp.Search.Services;

/// <summary>
/// Lets a search see every change published before it without a database round trip per request. The index catches
/// up with the change log only after the "content" topic has changed: this node's publishes clear it once they commit
/// (<see cref="ChangeAnnouncer"/>), other nodes' reach it through NOTIFY on PostgreSQL or the change-log reader
/// (<see cref="ChangeLogCacheInvalidator"/>) within a second. Requests arriving meanwhile share one catch-up.
/// Anything no topic announces (a recipe imported by another process) is picked up by
/// <see cref="SearchIndexingService"/>'s own catch-up every two seconds.
/// </summary>
public sealed class SearchFreshness
{
    private static readonly IChangeToken AlreadyChanged = new CancellationChangeToken(new CancellationToken(canceled: true));
    private readonly LocalCaches _caches;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SearchFreshness> _logger;
    private readonly Lock _lock = new();
    private IChangeToken _contentChanged = AlreadyChanged;
    private Task _catchUp = Task.CompletedTask;

    public SearchFreshness(LocalCaches caches, IServiceScopeFactory scopes, ILogger<SearchFreshness> logger)
    {
        _caches = caches;
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Completes once the index holds every change announced before the call; at once when none was.</summary>
    public Task EnsureCurrentAsync()
    {
        lock (_lock)
        {
            if (_contentChanged.HasChanged)
            {
                // A new token before reading the log: a change committed during the catch-up triggers the next one.
                _contentChanged = _caches.ChangeToken(ChangeTopics.Content);
                _catchUp = Task.Run(CatchUpAsync);
            }

            return _catchUp;
        }
    }

    private async Task CatchUpAsync()
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SearchIndexer>().CatchUpAsync();
        }
        catch (Exception ex)
        {
            // The index as it stands still answers; the next search (or the background catch-up) tries again.
            _logger.LogWarning(ex, "Search could not catch up with the content change log; searching the index as it is");
            lock (_lock)
            {
                _contentChanged = AlreadyChanged;
            }
        }
    }
}
