using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Portal.Tests;

/// <summary>Two nodes of one site on one database: what one publishes, the other shows within two seconds.</summary>
public sealed class MultiNodeTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Two_nodes_publish_and_edit_the_same_page_and_each_sees_the_others_change_within_two_seconds()
    {
        using var first = new PortalFactory();
        using var second = PortalFactory.AnotherNode(first);
        using var onFirst = first.Browser();
        using var onSecond = second.Browser();
        await WaitUntilListeningAsync(first);
        await WaitUntilListeningAsync(second);

        var id = await PublishPageAsync(first, null, "Night-time safety on the buses", "night-buses");
        await AssertShowsWithinAsync(onSecond, "/night-buses", "Night-time safety on the buses");

        // Cached on both nodes now; an edit on the second node must reach the first.
        await AssertShowsWithinAsync(onFirst, "/night-buses", "Night-time safety on the buses");
        await PublishPageAsync(second, id, "Night-time safety on buses and trains", "night-buses");
        await AssertShowsWithinAsync(onFirst, "/night-buses", "Night-time safety on buses and trains");

        // And back again.
        await PublishPageAsync(first, id, "Staying safe at night", "night-buses");
        await AssertShowsWithinAsync(onSecond, "/night-buses", "Staying safe at night");
    }

    [Fact]
    public async Task A_site_setting_saved_on_one_node_shows_on_the_other_within_two_seconds()
    {
        using var first = new PortalFactory();
        using var second = PortalFactory.AnotherNode(first);
        using var onSecond = second.Browser();
        await WaitUntilListeningAsync(second);
        Assert.Contains("Safer BCP", await onSecond.GetStringAsync("/about"), StringComparison.Ordinal);

        await using (var scope = first.Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<PortalDatabase>();
            await using var transaction = await database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<SiteSettings>().SetAsync(new Dictionary<string, string> { [SiteSettings.SiteName] = "Safer Bournemouth Christchurch Poole" });
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await AssertShowsWithinAsync(onSecond, "/about", "Safer Bournemouth Christchurch Poole");
    }

    [Fact]
    public async Task When_two_nodes_publish_different_pages_at_one_address_the_second_editor_is_told_to_choose_another()
    {
        using var first = new PortalFactory();
        // The second node's own check has (as in a race) already passed: only the database stands in the way.
        using var second = PortalFactory.AnotherNode(first).WithServices(services =>
            services.Remove(services.Single(d => d.ImplementationType == typeof(AutorouteValidator))));
        _ = first.Server;
        _ = second.Server;

        await PublishPageAsync(first, null, "Staying safe at night", "night-safety");
        var clash = await Assert.ThrowsAsync<ContentValidationException>(() => PublishPageAsync(second, null, "Night safety tips", "night-safety"));

        Assert.Contains("Another page was published at /night-safety", clash.Message, StringComparison.Ordinal);
        await using var scope = first.Services.CreateAsyncScope();
        var published = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().ContentItems.Where(c => c.Path == "night-safety" && c.Published).Select(c => c.DisplayText).ToListAsync();
        Assert.Equal(["Staying safe at night"], published);
    }

    private static async Task<string> PublishPageAsync(PortalFactory node, string? id, string title, string path)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = id is null
            ? new ContentItem { ContentItemId = ContentManager.NewId(), ContentType = "Page" }
            : (await content.GetAsync(id, VersionOptions.Latest))!;
        item.Apply(new TitlePart { Title = title }).Apply(new AutoroutePart { Path = path })
            .Apply(new SaferBcp.Pages.Models.ArticlePart { Summary = "A page two nodes take turns to edit.", Markdown = title });
        await content.SaveDraftAsync(item, "test");
        await content.PublishAsync(item.ContentItemId, "test");
        return item.ContentItemId;
    }

    private static async Task AssertShowsWithinAsync(HttpClient client, string path, string text)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (clock.Elapsed < Within)
        {
            using var response = await client.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && last.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{path} did not show \"{text}\" within {Within.TotalSeconds} s");
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
