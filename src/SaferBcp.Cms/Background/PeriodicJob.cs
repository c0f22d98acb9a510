using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SaferBcp.Cms.Background;

/// <summary>
/// Work done again and again for the life of the portal: <see cref="RunOnceAsync"/> with the services of a fresh scope,
/// then a wait of <see cref="Interval"/> on the portal's <see cref="TimeProvider"/> (so tests move it on with a fake
/// clock). A run that fails is logged and the job carries on at the next one; stopping the portal ends the wait.
/// <para>
/// When several nodes share the database, a job runs on one of them at a time unless it says otherwise
/// (<see cref="OneNodeAtATime"/>): before each run the node takes or renews the job's lease (<see cref="JobLeases"/>) and
/// skips the run if another node holds it. Stopping hands the lease back at once; a node that dies keeps it until it
/// expires (<see cref="LeaseLength"/>), then the next node to try takes the job over. A lease alone cannot stop a node
/// that paused mid-run (a long garbage collection, a stalled disk) from writing after another took over, whatever it
/// checks first: so each job's writes are conditional, and a run that finds the work already done writes nothing.
/// </para>
/// </summary>
public abstract class PeriodicJob : BackgroundService
{
    /// <summary>The least a lease lasts: well beyond how far the nodes' clocks may differ and a pause between runs.</summary>
    public static readonly TimeSpan ShortestLease = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock;

    /// <summary>Tells this start of the job from any other, on this node or another, so a restarted node is a new holder.</summary>
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private string? _holder;
    private bool _holdsLease;

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

    /// <summary>
    /// True (the default) for work on the shared database that must not run on two nodes at once; false for work each
    /// node does for itself, such as clearing its own cache.
    /// </summary>
    protected virtual bool OneNodeAtATime => true;

    /// <summary>
    /// How long a lease lasts unless renewed: three intervals (so a late run or two does not lose it), and at least
    /// <see cref="ShortestLease"/>. Also how long a job waits for another node when the node running it dies.
    /// </summary>
    protected virtual TimeSpan LeaseLength => Interval * 3 > ShortestLease ? Interval * 3 : ShortestLease;

    /// <summary>The job's name in the JobLeases table: every node's instance of this class shares it.</summary>
    private string LeaseName => GetType().FullName!;

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = Scopes.CreateAsyncScope();
                    if (await IsThisNodesTurnAsync(scope.ServiceProvider, stoppingToken))
                    {
                        await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                    }
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
        finally
        {
            await HandBackLeaseAsync();
        }
    }

    private async Task<bool> IsThisNodesTurnAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!OneNodeAtATime)
        {
            return true;
        }

        var leases = services.GetRequiredService<JobLeases>();
        _holder ??= leases.HolderName(_instance);
        var held = await leases.TryTakeAsync(LeaseName, _holder, LeaseLength, cancellationToken);
        if (held && !_holdsLease)
        {
            Logger.LogInformation("{Job} runs on this node ({Holder})", Name, _holder);
        }
        else if (!held && _holdsLease)
        {
            Logger.LogWarning("{Job} was taken over by another node: this node ({Holder}) let its lease run out", Name, _holder);
        }
        else if (!held)
        {
            Logger.LogDebug("{Job} is running on another node", Name);
        }

        _holdsLease = held;
        return held;
    }

    private async Task HandBackLeaseAsync()
    {
        if (!_holdsLease)
        {
            return;
        }

        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobLeases>().ReleaseAsync(LeaseName, _holder!, CancellationToken.None);
            _holdsLease = false;
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "{Job} could not hand its lease back; another node takes the job over within {LeaseLength}", Name, LeaseLength);
        }
    }
}
