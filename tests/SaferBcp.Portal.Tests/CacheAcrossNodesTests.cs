using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Data;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Each node clears its own cache when it publishes, and clears it again only for changes another node made.
/// A class of its own: it writes a change "from another node", which would clear the cache under other tests.
/// </summary>
public sealed class CacheAcrossNodesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public CacheAcrossNodesTests(PortalFactory portal) => _portal = portal;

    [Fact]
    public async Task A_publish_here_keeps_pages_cached_since_then_and_a_publish_on_another_node_clears_them()
    {
        await _portal.CreateStaffAsync("editor-nodes", "Editor");
        using var editor = _portal.Browser();
        await PortalFactory.SignInAsync(editor, "editor-nodes", PortalFactory.StaffPassword);
        using var created = await PortalFactory.PostFormAsync(editor, "/admin/content/new/Page", "/admin/content/new/Page", new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Node cache",
            ["AutoroutePart.Path"] = "node-cache",
            ["ArticlePart.Summary"] = "A page made by a test.",
            ["ArticlePart.Markdown"] = "Words.",
            ["submit"] = "publish",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var visitor = _portal.Browser();
        using (await visitor.GetAsync("/node-cache"))
        {
        }

        var invalidator = _portal.Services.GetServices<IHostedService>().OfType<ChangeLogCacheInvalidator>().Single();
        await invalidator.CatchUpAsync(default);
        await Task.Delay(1100);
        using (var cached = await visitor.GetAsync("/node-cache"))
        {
            Assert.True(cached.Headers.Age is { TotalSeconds: >= 1 }, "reading this node's own publish from the change log cleared the cache again");
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            db.ContentChanges.Add(new ContentChange { ContentItemId = "elsewhere", ContentType = "Page", Kind = ContentChangeKind.Published, NodeId = "another-node", OccurredUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await invalidator.CatchUpAsync(default);
        using var fresh = await visitor.GetAsync("/node-cache");
        Assert.Null(fresh.Headers.Age);
    }
}
