using Microsoft.Extensions.Caching.Memory;

namespace SaferBcp.Search.Services;

/// <summary>
/// The results of the searches people repeat ("domestic abuse", "knife crime"), kept per index version: an entry is
/// only ever found for the version it was made from, so a change to the index is seen by the very next search, and the
/// entries of older versions are dropped as soon as a search sees a newer one. Bounded to <see cref="MaxEntries"/> pages
/// of results (about 10 KB each); the least recently used go first.
/// </summary>
public sealed class SearchResultCache : IDisposable
{
    public const int MaxEntries = 2000;
    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };
    private readonly SearchIndex _index;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private long _version = -1;

    public SearchResultCache(SearchIndex index) => _index = index;

    public SearchResults Search(string query, int page, int pageSize, string culture = SaferBcp.Cms.Localization.PortalCultures.Default)
    {
        var version = _index.ReaderVersion;
        if (Interlocked.Exchange(ref _version, version) != version)
        {
            _cache.Compact(1.0);
        }

        var key = new Key(query, page, pageSize, culture, version);
        if (_cache.TryGetValue(key, out SearchResults? cached) && cached is not null)
        {
            return cached;
        }

        var results = _index.Search(query, page, pageSize, culture);
        _cache.Set(key, results, EntryOptions);
        return results;
    }

    public void Dispose() => _cache.Dispose();

    private readonly record struct Key(string Query, int Page, int PageSize, string Culture, long IndexVersion);
}
