using SaferBcp.Cms.Content;
using SaferBcp.Search.Services;

namespace SaferBcp.Search.Tests;

/// <summary>The short facts a kind's result layout shows come back with each hit, and are not searched.</summary>
public sealed class SearchResultFactsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "saferbcp-search-facts-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SearchIndex _index;

    public SearchResultFactsTests()
    {
        _index = new SearchIndex(_folder);
        _index.Upsert("helpline", new SearchText("National Domestic Abuse Helpline", "Free support, run by Refuge.", "Call any time.", "/support/services/helpline", "Service")
        {
            Facts = new Dictionary<string, string> { [SearchFacts.Phone] = "0808 2000 247", [SearchFacts.OpenAllHours] = "true" },
        });
        _index.Upsert("pharmacy", new SearchText("High Street Pharmacy", "A Safe Place.", "Ask at the counter.", "/safe-places/high-street-pharmacy", "Safe Place")
        {
            Facts = new Dictionary<string, string> { [SearchFacts.Category] = "Pharmacy", [SearchFacts.Area] = "Poole", [SearchFacts.Address] = "1 High Street, Poole BH15 1AA" },
        });
        _index.Upsert("page", new SearchText("Domestic abuse", "Help.", "Refuge and helplines.", "/domestic-abuse", "Page"));
        _index.Commit();
    }

    [Fact]
    public void A_service_hit_carries_its_phone_and_24_hours()
    {
        var hit = Assert.Single(_index.Search("refuge support", 1, 10).Hits);
        Assert.Equal("Service", hit.Kind);
        Assert.Equal("0808 2000 247", hit.Fact(SearchFacts.Phone));
        Assert.Equal("true", hit.Fact(SearchFacts.OpenAllHours));
        Assert.Contains("<mark>Refuge</mark>", hit.HighlightedSummaryHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_safe_place_hit_carries_its_category_area_and_address()
    {
        var hit = Assert.Single(_index.Search("pharmacy", 1, 10).Hits);
        Assert.Equal("Safe Place", hit.Kind);
        Assert.Equal("Pharmacy", hit.Fact(SearchFacts.Category));
        Assert.Equal("Poole", hit.Fact(SearchFacts.Area));
        Assert.Equal("1 High Street, Poole BH15 1AA", hit.Fact(SearchFacts.Address));
    }

    [Fact]
    public void Facts_are_not_searched_and_other_kinds_have_none()
    {
        Assert.Empty(_index.Search("BH15", 1, 10).Hits);
        var page = _index.Search("helplines", 1, 10).Hits.Single(h => h.ContentItemId == "page");
        Assert.Empty(page.Facts);
        Assert.Null(page.Fact(SearchFacts.Phone));
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
