using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SaferBcp.Search.Services;

/// <summary>Rebuilds the index from the database when this node has none, then follows the change log.</summary>
public sealed class SearchIndexingService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SearchIndex _index;
    private readonly TimeProvider _clock;
    private readonly ILogger<SearchIndexingService> _logger;

    public SearchIndexingService(IServiceScopeFactory scopes, SearchIndex index, TimeProvider clock, ILogger<SearchIndexingService> logger)
    {
        _scopes = scopes;
        _index = index;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var needsRebuild = _index.WasEmptyAtStart;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var indexer = scope.ServiceProvider.GetRequiredService<SearchIndexer>();
                if (needsRebuild)
                {
                    await indexer.RebuildAsync(stoppingToken);
                    needsRebuild = false;
                }

                await indexer.CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Search indexing failed; will retry");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
