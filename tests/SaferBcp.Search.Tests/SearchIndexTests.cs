using SaferBcp.Cms.Content;
using SaferBcp.Search.Services;

namespace SaferBcp.Search.Tests;

public sealed class SearchIndexTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "saferbcp-search-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SearchIndex _index;

    public SearchIndexTests()
    {
        _index = new SearchIndex(_folder);
        _index.Upsert("da", new SearchText("Domestic abuse", "Help if you are being abused", "Domestic abuse is controlling, threatening or violent behaviour. The helpline is free.", "/domestic-abuse", "Page"));
        _index.Upsert("knife", new SearchText("Knife crime", "Carrying knives", "Young people carrying knives are more likely to be hurt.", "/knife-crime", "Campaign"));
        _index.Upsert("asb", new SearchText("Anti-social behaviour", "Reporting problems", "How to report anti-social behaviour and ask for a case review.", "/anti-social-behaviour", "Page"));
        _index.Commit();
    }

    [Theory]
    [InlineData("abused", "da")]
    [InlineData("abusing", "da")]
    [InlineData("knife", "knife")]
    [InlineData("reported", "asb")]
    public void English_stemming_finds_other_forms_of_a_word(string query, string expected)
    {
        var results = _index.Search(query, 1, 10);
        Assert.Equal(expected, Assert.Single(results.Hits).ContentItemId);
    }

    [Fact]
    public void The_title_outranks_the_body()
    {
        _index.Upsert("mention", new SearchText("Other page", "Something else", "This page mentions knife once.", "/other", "Page"));
        _index.Commit();
        Assert.Equal("knife", _index.Search("knife", 1, 10).Hits[0].ContentItemId);
    }

    [Fact]
    public void Snippets_highlight_the_words_and_escape_the_text()
    {
        _index.Upsert("html", new SearchText("Markup", "x", "Beware <script>alert(1)</script> of knives here.", "/markup", "Page"));
        _index.Commit();
        var hit = _index.Search("knives", 1, 10).Hits.Single(h => h.ContentItemId == "html");
        Assert.Contains("<mark>knives</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("knife AND (", "knife")]
    [InlineData("\"knives", "knife")]
    [InlineData("knife*", "knife")]
    [InlineData("*", null)]
    [InlineData("knife: crime!", "knife")]
    public void Query_syntax_typed_by_a_person_is_treated_as_words(string query, string? expected)
    {
        var hits = _index.Search(query, 1, 10).Hits;
        if (expected is null)
        {
            Assert.Empty(hits);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(hits).ContentItemId);
        }
    }

    [Fact]
    public void Stop_words_alone_find_nothing()
    {
        Assert.Empty(_index.Search("the and of", 1, 10).Hits);
    }

    [Fact]
    public void Results_are_paged()
    {
        for (var i = 0; i < 25; i++)
        {
            _index.Upsert("p" + i, new SearchText($"Safe place {i}", "A safe place", "Safe places in Poole.", $"/p/{i}", "Page"));
        }

        _index.Commit();
        var first = _index.Search("poole", 1, 10);
        var third = _index.Search("poole", 3, 10);
        Assert.Equal(25, first.Total);
        Assert.Equal(3, first.Pages);
        Assert.Equal(10, first.Hits.Count);
        Assert.Equal(5, third.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.ContentItemId).Intersect(third.Hits.Select(h => h.ContentItemId)));
    }

    [Fact]
    public void A_deleted_item_is_gone_from_results_after_commit()
    {
        _index.Delete("knife");
        _index.Commit();
        Assert.Empty(_index.Search("knife", 1, 10).Hits);
    }

    [Fact]
    public void An_index_on_disk_survives_a_restart_and_a_missing_one_is_reported_empty()
    {
        _index.Dispose();
        using var reopened = new SearchIndex(_folder);
        Assert.False(reopened.WasEmptyAtStart);
        Assert.Equal(3, reopened.DocumentCount);

        using var fresh = new SearchIndex(_folder + "-new");
        Assert.True(fresh.WasEmptyAtStart);
        Directory.Delete(_folder + "-new", recursive: true);
    }

    public void Dispose()
    {
        try
        {
            _index.Dispose();
        }
        catch (ObjectDisposedException)
        {
        }

        Directory.Delete(_folder, recursive: true);
    }
}
