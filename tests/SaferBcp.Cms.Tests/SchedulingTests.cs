using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Tests;

public sealed class SchedulingTests : IAsyncLifetime
{
    private KernelHarness _kernel = null!;

    public async Task InitializeAsync() => _kernel = await KernelHarness.CreateAsync();

    public async Task DisposeAsync() => await _kernel.DisposeAsync();

    [Fact]
    public void Summer_and_winter_times_convert_with_the_right_offset()
    {
        Assert.Equal(new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2026, 7, 1, 9, 0, 0)));
        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2026, 12, 1, 9, 0, 0)));
    }

    [Fact]
    public void A_time_skipped_when_the_clocks_go_forward_moves_on_by_an_hour()
    {
        // 29 March 2026, the last Sunday of March: 01:00 GMT becomes 02:00 BST, so 01:30 never happens.
        Assert.Equal(new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2026, 3, 29, 1, 30, 0)));
    }

    [Fact]
    public void A_time_that_happens_twice_when_the_clocks_go_back_means_the_first()
    {
        // 25 October 2026, the last Sunday of October: 01:30 happens in BST (00:30 UTC) and again in GMT (01:30 UTC).
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), UkTime.ToUtc(new DateTime(2026, 10, 25, 1, 30, 0)));
    }

    [Fact]
    public async Task A_scheduled_publish_happens_when_its_time_comes_and_not_before()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Campaign", "campaign"), "editor");
        var at = _kernel.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        await content.SchedulePublishAsync("a1", at, "editor");

        _kernel.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await content.RunDueSchedulesAsync());
        Assert.Null(await content.GetPublishedByPathAsync("campaign"));

        _kernel.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await content.RunDueSchedulesAsync());
        Assert.NotNull(await content.GetPublishedByPathAsync("campaign"));
        Assert.Equal(0, await content.RunDueSchedulesAsync());
    }

    [Fact]
    public async Task A_publish_scheduled_in_the_repeated_hour_runs_once_across_the_clock_change()
    {
        await using var kernel = await KernelHarness.CreateAsync(start: new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero));
        await using var scope = kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Night safety", "night"), "editor");
        await content.SchedulePublishAsync("a1", UkTime.ToUtc(new DateTime(2026, 10, 25, 1, 30, 0)), "editor");

        kernel.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 29, 0, TimeSpan.Zero));
        Assert.Equal(0, await content.RunDueSchedulesAsync());
        kernel.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 0, 31, 0, TimeSpan.Zero));
        Assert.Equal(1, await content.RunDueSchedulesAsync());

        // 01:31 UTC is 01:31 local again, after the clocks went back: nothing runs twice.
        await content.UnpublishAsync("a1", "editor");
        kernel.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 1, 31, 0, TimeSpan.Zero));
        Assert.Equal(0, await content.RunDueSchedulesAsync());
        Assert.Null(await content.GetPublishedByPathAsync("night"));
    }

    [Fact]
    public async Task A_scheduled_unpublish_takes_the_item_down()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Campaign", "campaign"), "editor");
        await content.PublishAsync("a1", "editor");
        await content.ScheduleUnpublishAsync("a1", _kernel.Clock.GetUtcNow().UtcDateTime.AddDays(1), "editor");

        _kernel.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await content.RunDueSchedulesAsync());
        Assert.Null(await content.GetPublishedByPathAsync("campaign"));
    }

    [Fact]
    public async Task A_time_in_the_past_is_refused()
    {
        await using var scope = _kernel.Scope();
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        await content.SaveDraftAsync(KernelHarness.Article("a1", "Campaign", "campaign"), "editor");
        var ex = await Assert.ThrowsAsync<ContentValidationException>(() => content.SchedulePublishAsync("a1", _kernel.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), "editor"));
        Assert.Equal("The publishing time must be in the future.", ex.Result.Errors[0].Message);
    }

    [Fact]
    public async Task The_background_scheduler_publishes_when_the_clock_reaches_the_time()
    {
        await using (var scope = _kernel.Scope())
        {
            var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
            await content.SaveDraftAsync(KernelHarness.Article("a1", "Campaign", "campaign"), "editor");
            await content.SchedulePublishAsync("a1", _kernel.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), "editor");
        }

        await using var provider = _kernel.Scope();
        using var service = new ScheduledPublishingService(provider.ServiceProvider.GetRequiredService<IServiceScopeFactory>(), _kernel.Clock, NullLogger<ScheduledPublishingService>.Instance);
        await ((IHostedService)service).StartAsync(CancellationToken.None);
        try
        {
            _kernel.Clock.Advance(TimeSpan.FromMinutes(5) + ScheduledPublishingService.Every);
            var published = false;
            for (var i = 0; i < 100 && !published; i++)
            {
                await Task.Delay(50);
                await using var check = _kernel.Scope();
                published = await check.ServiceProvider.GetRequiredService<ContentManager>().GetPublishedByPathAsync("campaign") is not null;
            }

            Assert.True(published);
        }
        finally
        {
            await ((IHostedService)service).StopAsync(CancellationToken.None);
        }
    }
}
