using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SaferBcp.Cms.Background;

/// <summary>
/// Work done again and again for the life of the portal: <see cref="RunOnceAsync"/> with the services of a fresh scope,
/// then a wait of <see cref="Interval"/> on the portal's <see cref="TimeProvider"/> (so tests move it on with a fake
/// clock). A run that fails is logged and the job carries on at the next one; stopping the portal ends the wait.
/// </summary>
public abstract class PeriodicJob : BackgroundService
{
    private readonly TimeProvider _clock;

    protected PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger)
    {
        Scopes = scopes;
        _clock = clock;
        Logger = logger;
    }

    protected IServiceScopeFactory Scopes { get; }

    protected ILogger Logger { get; }

    /// <summary>What the job does, for the log: "Scheduled publishing".</summary>
    protected abstract string Name { get; }

    /// <summary>The wait after each run.</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = Scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Logger.LogError(ex, "{Job} failed; it runs again in {Interval}", Name, Interval);
            }

            try
            {
                await Task.Delay(Interval, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
