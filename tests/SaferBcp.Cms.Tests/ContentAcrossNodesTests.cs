using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

/// <summary>
/// Two nodes on one database change the same item at the same moment: node B reads what to do, stalls, and carries on
/// after node A has done it. The change is made, logged and audited once.
/// </summary>
public sealed class ContentAcrossNodesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly PauseAfterNextQuery _pauseOnB = new();
    private KernelHarness _nodeA = null!;
    private KernelHarness _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeA = await KernelHarness.CreateAsync();
        _nodeB = await KernelHarness.AnotherNodeAsync(_nodeA, "node-b", services =>
            services.ConfigureDbContext<CmsDbContext>(options => options.AddInterceptors(_pauseOnB)));
    }

    public async Task DisposeAsync()
    {
        _pauseOnB.Resume();
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task A_scheduled_publish_both_nodes_carry_out_at_once_is_published_logged_and_audited_once()
    {
        await using (var scope = _nodeA.Scope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            await content.SaveDraftAsync(KernelHarness.Article("a1", "Campaign", "campaign"), "editor");
            await content.SchedulePublishAsync("a1", _nodeA.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), "editor");
        }

        _nodeA.Clock.Advance(TimeSpan.FromMinutes(5));
        var stalled = _pauseOnB.Arm();
        await using var onB = _nodeB.Scope();
        var runOnB = onB.ServiceProvider.GetRequiredService<ContentManager>().RunDueSchedulesAsync();
        await stalled.WaitAsync(Patience);

        await using (var onA = _nodeA.Scope())
        {
            Assert.Equal(1, await onA.ServiceProvider.GetRequiredService<ContentManager>().RunDueSchedulesAsync());
        }

        _pauseOnB.Resume();
        Assert.Equal(0, await runOnB.WaitAsync(Patience));
        await AssertRecordedOnceAsync("a1", "content.published", ContentChangeKind.Published);
    }

    [Fact]
    public async Task An_item_both_nodes_unpublish_at_once_is_unpublished_logged_and_audited_once()
    {
        await using (var scope = _nodeA.Scope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            await content.SaveDraftAsync(KernelHarness.Article("a1", "Campaign", "campaign"), "editor");
            await content.PublishAsync("a1", "editor");
        }

        var stalled = _pauseOnB.Arm();
        await using var onB = _nodeB.Scope();
        var unpublishOnB = onB.ServiceProvider.GetRequiredService<ContentManager>().UnpublishAsync("a1", "Safe Places check");
        await stalled.WaitAsync(Patience);

        await using (var onA = _nodeA.Scope())
        {
            Assert.True(await onA.ServiceProvider.GetRequiredService<ContentManager>().UnpublishAsync("a1", "Safe Places check"));
        }

        _pauseOnB.Resume();
        Assert.False(await unpublishOnB.WaitAsync(Patience));
        await AssertRecordedOnceAsync("a1", "content.unpublished", ContentChangeKind.Unpublished);
    }

    private async Task AssertRecordedOnceAsync(string contentItemId, string auditAction, ContentChangeKind change)
    {
        await using var scope = _nodeA.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.SubjectId == contentItemId && a.Action == auditAction));
        Assert.Equal(1, await db.ContentChanges.CountAsync(c => c.ContentItemId == contentItemId && c.Kind == change));
    }

    /// <summary>
    /// Once armed, stalls the node just after it has read its next query, until resumed: a node paused (a long garbage
    /// collection, a slow network) between reading what to do and doing it.
    /// </summary>
    private sealed class PauseAfterNextQuery : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _armed;

        /// <summary>Completes when the node has stalled.</summary>
        public Task Arm() => (_armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Resume() => _resume.TrySetResult();

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (Interlocked.Exchange(ref _armed, null) is { } stalled)
            {
                stalled.SetResult();
                await _resume.Task;
            }

            return result;
        }
    }
}
