using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace SaferBcp.Cms.Caching;

/// <summary>
/// This node's caches of what the public sees: the output cache of public pages, and in-memory copies (settings,
/// menus, a module's lookups) that tie their entries to a topic's <see cref="ChangeToken"/>. Cleared when this node
/// commits a change (<see cref="ChangeAnnouncer"/>) and when another node says it has (<see cref="ChangeNotificationListener"/>).
/// </summary>
public sealed class LocalCaches
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _topics = new(StringComparer.Ordinal);
    private readonly IOutputCacheStore _pages;

    public LocalCaches(IOutputCacheStore pages) => _pages = pages;

    /// <summary>Tells this process's announcements apart from other nodes', even when two nodes share a machine name.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Expires when <paramref name="topic"/> next changes: add it to a memory-cache entry.</summary>
    public IChangeToken ChangeToken(string topic) => new CancellationChangeToken(_topics.GetOrAdd(topic, _ => new CancellationTokenSource()).Token);

    public async Task ClearAsync(string topic, CancellationToken cancellationToken = default)
    {
        if (_topics.TryRemove(topic, out var source))
        {
            // Not disposed: cache entries may still hold its token, and a cancelled source needs no clean-up.
            await source.CancelAsync();
        }

        await _pages.EvictByTagAsync(PublicCache.Tag, cancellationToken);
    }

    /// <summary>After a gap in which other nodes' announcements may have been missed.</summary>
    public async Task ClearAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var topic in _topics.Keys)
        {
            await ClearAsync(topic, cancellationToken);
        }

        await _pages.EvictByTagAsync(PublicCache.Tag, cancellationToken);
    }
}
