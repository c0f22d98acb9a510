using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SaferBcp.Cms.Background;

namespace SaferBcp.Cms.Tests;

/// <summary>The loop every timed job shares: a failure is logged, the job carries on, and stopping ends the wait.</summary>
public sealed class PeriodicJobTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_run_that_fails_is_logged_and_the_job_runs_again_after_its_interval_in_a_fresh_scope()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection().AddScoped<ScopeMarker>().BuildServiceProvider();
        var log = new RecordingLogger();
        using var job = new FailsFirstJob(services.GetRequiredService<IServiceScopeFactory>(), clock, log);

        await job.StartAsync(CancellationToken.None);
        await job.Runs.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var until = DateTime.UtcNow + Patience;
        while (log.Errors.Count == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        Assert.Equal(["Test job failed; it runs again in 00:01:00"], log.Errors);

        // Move the clock a second at a time until the job runs again: never before its interval has passed.
        var waited = TimeSpan.Zero;
        while (!job.Runs.Reader.TryRead(out _))
        {
            Assert.True(DateTime.UtcNow < until, "the job did not run again");
            clock.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);
            await Task.Delay(10);
        }

        Assert.True(waited >= TimeSpan.FromMinutes(1), $"the job ran again after {waited}, before its interval");
        Assert.Single(log.Errors);
        Assert.Equal(2, job.ScopesSeen.Distinct().Count());

        await job.StopAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.True(job.ExecuteTask!.IsCompletedSuccessfully, "stopping the portal did not end the job's wait");
    }

    private sealed class ScopeMarker;

    private sealed class FailsFirstJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : PeriodicJob(scopes, clock, logger)
    {
        public System.Threading.Channels.Channel<int> Runs { get; } = System.Threading.Channels.Channel.CreateUnbounded<int>();

        public List<ScopeMarker> ScopesSeen { get; } = [];

        protected override string Name => "Test job";

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

        // The loop alone, with no database: JobLeaseTests has the turns between nodes.
        protected override bool OneNodeAtATime => false;

        protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            ScopesSeen.Add(services.GetRequiredService<ScopeMarker>());
            Runs.Writer.TryWrite(ScopesSeen.Count);
            return ScopesSeen.Count == 1 ? throw new InvalidOperationException("the database was away") : Task.CompletedTask;
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly List<string> _errors = [];

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                lock (_errors)
                {
                    _errors.Add(formatter(state, exception));
                }
            }
        }
    }
}
