using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Caching;

/// <summary>Output caching of public pages. Every public page carries the "content" tag; any publish clears it.</summary>
public static class PublicCache
{
    public const string Policy = "PublicPage";
    public const string Tag = "content";

    /// <summary>Short enough that a campaign banner appears and goes close to its dates without a publish.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    /// <summary>The query keys any cached public page reads (lists page through "page").</summary>
    public static readonly string[] VaryByQueryKeys = ["page"];

    public static void AddPolicies(OutputCacheOptions options)
    {
        // Only the query keys public pages use: an invented query string (?utm_source=…, ?x=random) must be
        // served from the same cache entry, not render the page again and store another copy.
        options.AddPolicy(Policy, b => b.Expire(Duration).Tag(Tag).SetVaryByQuery(VaryByQueryKeys));
    }
}

/// <summary>Announces a publish or unpublish, so every node's cached pages are cleared once it commits.</summary>
public sealed class OutputCacheEvictionHandler : IContentHandler
{
    private readonly ChangeAnnouncer _announcer;

    public OutputCacheEvictionHandler(ChangeAnnouncer announcer) => _announcer = announcer;

    public Task PublishedAsync(ContentItem item) => _announcer.AnnounceAsync(ChangeTopics.Content);

    public Task UnpublishedAsync(ContentItem item) => _announcer.AnnounceAsync(ChangeTopics.Content);
}

/// <summary>
/// Clears this node's cached pages when the change log shows content changed on another node: the backstop for a
/// missed notification (<see cref="ChangeNotificationListener"/>), and the only signal between nodes on SQLite.
/// </summary>
public sealed class ChangeLogCacheInvalidator : PeriodicJob
{
    private const string Consumer = "cache";
    private readonly LocalCaches _caches;

    public ChangeLogCacheInvalidator(IServiceScopeFactory scopes, LocalCaches caches, TimeProvider clock, ILogger<ChangeLogCacheInvalidator> logger)
        : base(scopes, clock, logger) => _caches = caches;

    protected override string Name => "Reading the content change log for cache invalidation";

    /// <summary>One primary-key MAX a second: cheap, and within the 2 seconds a change may take to reach every node.</summary>
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    /// <summary>Each node clears its own cache: every node reads the log.</summary>
    protected override bool OneNodeAtATime => false;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) => CatchUpAsync(services, cancellationToken);

    /// <summary>Reads the change log from this node's cursor; clears the cache if another node changed content. Returns whether it did.</summary>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await CatchUpAsync(scope.ServiceProvider, cancellationToken);
    }

    private async Task<bool> CatchUpAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var log = services.GetRequiredService<ContentChangeLog>();
        var last = await log.LastIdAsync(cancellationToken);
        var cursor = await log.GetCursorAsync(Consumer, cancellationToken);
        if (last == cursor)
        {
            return false;
        }

        // This node's own publishes were evicted at once by OutputCacheEvictionHandler; evicting
        // again here would throw away pages cached since then for nothing.
        var evict = await log.AnyFromOtherNodesAsync(cursor, last, cancellationToken);
        if (evict)
        {
            await _caches.ClearAllAsync(cancellationToken);
        }

        await log.SetCursorAsync(Consumer, last, cancellationToken);
        return evict;
    }
}
