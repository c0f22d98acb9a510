using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Pages.Models;

namespace SaferBcp.Portal.Tests;

/// <summary>
/// Two nodes of the portal on one database and one fake clock, each running every timed job. A class of its own: its
/// portals run on a fake clock, which stands still until the test moves it.
/// </summary>
public sealed class JobsAcrossNodesTests
{
    private const string Path = "scheduled-on-two-nodes";

    [Fact]
    public async Task A_page_scheduled_to_publish_is_published_audited_and_logged_once_when_both_nodes_reach_its_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

        // Whichever node publishes holds its transaction open a while, long enough for the other to try the same.
        var slowPublish = new SlowPublish(Path, TimeSpan.FromSeconds(1));
        void OnTheSharedClock(IServiceCollection services)
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IContentHandler>(slowPublish);
        }

        using var nodeA = new PortalFactory().With("Portal:NodeId", "node-a").WithServices(OnTheSharedClock);
        _ = nodeA.Services;
        using var nodeB = PortalFactory.AnotherNode(nodeA).With("Portal:NodeId", "node-b").WithServices(OnTheSharedClock);
        _ = nodeB.Services;

        string id;
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            var page = content.New(PageTypes.Page)
                .Apply(new TitlePart { Title = "Scheduled on two nodes" })
                .Apply(new AutoroutePart { Path = Path })
                .Apply(new ArticlePart { Summary = "A page made by a test.", Markdown = "Words." });
            id = (await content.SaveDraftAsync(page, "editor")).ContentItemId;
            await content.SchedulePublishAsync(id, clock.GetUtcNow().UtcDateTime.AddMinutes(1), "editor");
        }

        clock.Advance(TimeSpan.FromMinutes(1) + ScheduledPublishingService.Every);
        await slowPublish.Published.WaitAsync(TimeSpan.FromSeconds(30));

        // A second publish would have started while the first was held, and ends moments after it.
        await Task.Delay(slowPublish.Hold * 2);
        await using var check = nodeB.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.SubjectId == id && a.Action == "content.published"));
        Assert.Equal(1, await db.ContentChanges.CountAsync(c => c.ContentItemId == id && c.Kind == ContentChangeKind.Published));
        Assert.Equal(1, slowPublish.Count);

        // Scheduled publishing is one node's until its lease runs out: no one else can take it meanwhile.
        var lease = await db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == typeof(ScheduledPublishingService).FullName);
        Assert.Matches("^node-[ab]/", lease.Holder);
        Assert.False(await check.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(lease.Name, "node-c/1", TimeSpan.FromMinutes(1)));
    }

    /// <summary>Holds every publish of the page at <c>path</c> for a while before its transaction commits; counts them.</summary>
    private sealed class SlowPublish(string path, TimeSpan hold) : IContentHandler
    {
        private readonly TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public TimeSpan Hold => hold;

        public int Count => Volatile.Read(ref _count);

        /// <summary>Completes when the first publish has been held and let go.</summary>
        public Task Published => _published.Task;

        public async Task PublishedAsync(ContentItem item)
        {
            if (item.Path != path)
            {
                return;
            }

            Interlocked.Increment(ref _count);
            await Task.Delay(hold);
            _published.TrySetResult();
        }
    }
}
