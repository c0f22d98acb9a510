using SaferBcp.Cms.Content;
using SaferBcp.Search.Services;

namespace SaferBcp.Search.Tests;

/// <summary>Repeated searches are answered from a cache, but never with results the index no longer gives.</summary>
public sealed class SearchResultCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "saferbcp-search-cache-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SearchIndex _index;
    private readonly SearchResultCache _cache;

    public SearchResultCacheTests()
    {
        _index = new SearchIndex(_folder);
        _index.Upsert("knife", new SearchText("Knife crime", "Carrying knives", "Young people carrying knives are more likely to be hurt.", "/knife-crime", "Campaign"));
        _index.Commit();
        _cache = new SearchResultCache(_index);
    }

    [Fact]
    public void A_page_added_to_the_index_is_found_by_the_same_search_straight_after()
    {
        Assert.Equal(["knife"], _cache.Search("knife", 1, 10).Hits.Select(h => h.ContentItemId));

        _index.Upsert("bins", new SearchText("Knife bins", "Surrender a knife", "Knife surrender bins are in Boscombe and Poole.", "/knife-bins", "Page"));
        _index.Commit();

        var results = _cache.Search("knife", 1, 10);
        Assert.Equal(2, results.Total);
        Assert.Contains(results.Hits, h => h.Title == "Knife bins");
    }

    [Fact]
    public void A_page_removed_from_the_index_is_no_longer_found_by_a_search_made_before()
    {
        Assert.Single(_cache.Search("carrying knives", 1, 10).Hits);

        _index.Delete("knife");
        _index.Commit();

        Assert.Empty(_cache.Search("carrying knives", 1, 10).Hits);
    }

    [Fact]
    public void Each_page_of_results_is_its_own_entry()
    {
        for (var i = 0; i < 15; i++)
        {
            _index.Upsert($"p{i}", new SearchText($"Knife advice {i}", "Knives", "Advice about knives.", $"/knife-{i}", "Page"));
        }

        _index.Commit();
        var first = _cache.Search("knives", 1, 10);
        var second = _cache.Search("knives", 2, 10);

        Assert.Equal(10, first.Hits.Count);
        Assert.Equal(6, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.ContentItemId).Intersect(second.Hits.Select(h => h.ContentItemId)));
    }

    public void Dispose()
    {
        _cache.Dispose();
        _index.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
