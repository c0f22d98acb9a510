using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Search no longer reads the change log on every request, and repeats answers from a cache: what is published must
/// still be found by the next search on this node, and within two seconds on another node.
/// </summary>
public sealed class SearchFreshnessTests
{
    [Fact]
    public async Task A_search_made_before_a_page_is_published_finds_it_straight_after_and_not_after_it_is_unpublished()
    {
        using var portal = new PortalFactory();
        using var visitor = portal.Browser();
        Assert.Contains("No results", await visitor.GetStringAsync("/search?q=bryophytes"), StringComparison.Ordinal);

        var id = await PublishPageAsync(portal, "Bryophytes by the bus station", "bryophytes");
        Assert.Contains("Bryophytes by the bus station", await visitor.GetStringAsync("/search?q=bryophytes"), StringComparison.Ordinal);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ContentManager>().UnpublishAsync(id, "test");
        }

        Assert.DoesNotContain("Bryophytes by the bus station", await visitor.GetStringAsync("/search?q=bryophytes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_published_on_one_node_is_found_by_a_search_on_the_other_within_two_seconds()
    {
        using var first = new PortalFactory();
        using var second = PortalFactory.AnotherNode(first);
        using var onSecond = second.Browser();
        await WaitUntilListeningAsync(second);
        Assert.Contains("No results", await onSecond.GetStringAsync("/search?q=liverworts"), StringComparison.Ordinal);

        await PublishPageAsync(first, "Liverworts along the Stour", "liverworts");

        var clock = Stopwatch.StartNew();
        while (!(await onSecond.GetStringAsync("/search?q=liverworts")).Contains("Liverworts along the Stour", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "the other node's search did not find the page within 2 s");
            await Task.Delay(50);
        }
    }

    private static async Task<string> PublishPageAsync(PortalFactory node, string title, string path)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = new ContentItem { ContentItemId = ContentManager.NewId(), ContentType = "Page" };
        item.Apply(new TitlePart { Title = title }).Apply(new AutoroutePart { Path = path })
            .Apply(new SaferBcp.Pages.Models.ArticlePart { Summary = "A page made by a search test.", Markdown = title });
        await content.SaveDraftAsync(item, "test");
        await content.PublishAsync(item.ContentItemId, "test");
        return item.ContentItemId;
    }

    private static async Task WaitUntilListeningAsync(PortalFactory node)
    {
        var listener = node.Services.GetRequiredService<ChangeNotificationListener>();
        for (var i = 0; i < 100 && node.Provider == DatabaseProvider.Postgres && !listener.Listening; i++)
        {
            await Task.Delay(50);
        }
    }
}
