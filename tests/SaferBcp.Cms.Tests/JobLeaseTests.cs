using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Data;

namespace SaferBcp.Cms.Tests;

/// <summary>
/// Two nodes (two kernels with their own Portal:NodeId over one SQLite file, on one fake clock) each run an instance of
/// the same timed job: it runs on one of them at a time, and passes to the other when the first stops or goes silent.
/// </summary>
public sealed class JobLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly TimerCountingClock _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly List<CountingJob> _jobs = [];
    private KernelHarness _nodeA = null!;
    private KernelHarness _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeA = await KernelHarness.CreateAsync(clock: _clock);
        _nodeB = await KernelHarness.AnotherNodeAsync(_nodeA, "node-b");
    }

    public async Task DisposeAsync()
    {
        foreach (var job in _jobs)
        {
            job.Thaw();
            await job.StopAsync(CancellationToken.None);
            job.Dispose();
        }

        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task Only_one_node_runs_a_shared_job_each_interval_while_a_job_each_node_does_for_itself_runs_on_both()
    {
        var sharedOnA = await StartAsync(_nodeA);
        var sharedOnB = await StartAsync(_nodeB);
        var ownOnA = await StartAsync(_nodeA, oneNodeAtATime: false);
        var ownOnB = await StartAsync(_nodeB, oneNodeAtATime: false);

        for (var i = 0; i < 3; i++)
        {
            await NextIntervalAsync(jobsWaiting: 4);
        }

        Assert.Equal(4, sharedOnA.Runs);
        Assert.Equal(0, sharedOnB.Runs);
        Assert.Equal(4, ownOnA.Runs);
        Assert.Equal(4, ownOnB.Runs);
        Assert.StartsWith("test-node/", await HolderAsync());
    }

    [Fact]
    public async Task When_the_node_running_a_job_stops_another_takes_it_over_at_its_next_run()
    {
        var onA = await StartAsync(_nodeA);
        var onB = await StartAsync(_nodeB);
        await NextIntervalAsync(jobsWaiting: 2);
        Assert.Equal((2, 0), (onA.Runs, onB.Runs));

        await onA.StopAsync(CancellationToken.None);
        await NextIntervalAsync(jobsWaiting: 1);

        Assert.Equal((2, 1), (onA.Runs, onB.Runs));
        Assert.StartsWith("node-b/", await HolderAsync());
    }

    [Fact]
    public async Task When_the_node_running_a_job_stops_renewing_its_lease_another_takes_over_once_it_has_expired_and_the_first_does_not_carry_on()
    {
        var onA = await StartAsync(_nodeA);
        var onB = await StartAsync(_nodeB);

        // A starts its next run (renewing its lease as it does) and then hangs, as a node that dies or freezes would.
        var frozen = onA.FreezeNextRun();
        var waiting = _clock.Timers + 1;
        _clock.Advance(Interval);
        await frozen.WaitAsync(Patience);
        await _clock.WaitForTimersAsync(waiting);
        var lastRenewed = _clock.GetUtcNow();

        while (onB.Runs == 0)
        {
            Assert.True(_clock.GetUtcNow() - lastRenewed <= onA.Lease, "the other node did not take the job over once the lease had expired");
            await NextIntervalAsync(jobsWaiting: 1);
        }

        Assert.True(_clock.GetUtcNow() - lastRenewed > onA.Lease, "the other node took the job over before the lease had expired");
        Assert.StartsWith("node-b/", await HolderAsync());

        // A wakes up: it finishes the run it was in, and from then on leaves the job to B.
        waiting = _clock.Timers + 1;
        onA.Thaw();
        await _clock.WaitForTimersAsync(waiting);
        var runsOnA = onA.Runs;
        await NextIntervalAsync(jobsWaiting: 2);
        await NextIntervalAsync(jobsWaiting: 2);
        Assert.Equal(runsOnA, onA.Runs);
        Assert.Equal(3, onB.Runs);
    }

    private static TimeSpan Patience => TimeSpan.FromSeconds(10);

    private async Task<CountingJob> StartAsync(KernelHarness node, bool oneNodeAtATime = true)
    {
        var job = new CountingJob(node.Scopes, _clock, oneNodeAtATime);
        _jobs.Add(job);
        var waiting = _clock.Timers + 1;
        await job.StartAsync(CancellationToken.None);
        await _clock.WaitForTimersAsync(waiting);
        return job;
    }

    /// <summary>Moves the clock on one interval and waits until the jobs have had their turn and wait again.</summary>
    private async Task NextIntervalAsync(int jobsWaiting)
    {
        var waiting = _clock.Timers + jobsWaiting;
        _clock.Advance(Interval);
        await _clock.WaitForTimersAsync(waiting);
    }

    private async Task<string> HolderAsync()
    {
        await using var scope = _nodeA.Scope();
        return await scope.ServiceProvider.GetRequiredService<CmsDbContext>().JobLeases.Select(l => l.Holder).SingleAsync();
    }

    /// <summary>
    /// A fake clock that counts the timers made on it. A periodic job makes one each time it starts to wait, so a test
    /// knows every job has finished its turn before it moves the clock on.
    /// </summary>
    private sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }

        public async Task WaitForTimersAsync(int count)
        {
            var until = DateTime.UtcNow + Patience;
            while (Timers < count)
            {
                Assert.True(DateTime.UtcNow < until, $"the jobs did not all come round to wait again ({Timers} of {count} waits)");
                await Task.Delay(5);
            }
        }
    }

    /// <summary>Counts its runs; can be made to hang in its next run, as a node that freezes or dies mid-run.</summary>
    private sealed class CountingJob(IServiceScopeFactory scopes, TimeProvider clock, bool oneNodeAtATime)
        : PeriodicJob(scopes, clock, NullLogger.Instance)
    {
        private readonly TaskCompletionSource _thawed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _frozen;
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public TimeSpan Lease => LeaseLength;

        protected override string Name => "Counting job";

        protected override TimeSpan Interval => JobLeaseTests.Interval;

        protected override bool OneNodeAtATime => oneNodeAtATime;

        /// <summary>The next run hangs until <see cref="Thaw"/>; the task completes when it has started to hang.</summary>
        public Task FreezeNextRun() => (_frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Thaw() => _thawed.TrySetResult();

        protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            if (Interlocked.Exchange(ref _frozen, null) is { } frozen)
            {
                frozen.SetResult();
                await _thawed.Task;
            }
        }
    }
}
