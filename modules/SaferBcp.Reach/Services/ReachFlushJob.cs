using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Background;

namespace SaferBcp.Reach.Services;

public sealed class ReachOptions
{
    /// <summary>How often each node adds the counts it holds in memory to the database.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Adds this node's counts to the database every <see cref="ReachOptions.FlushInterval"/>, and once more when the
/// portal stops. Every node runs it for its own counts (the upsert adds, so nodes never overwrite each other).
/// </summary>
public sealed class ReachFlushJob : PeriodicJob
{
    private readonly TimeSpan _interval;

    public ReachFlushJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReachOptions> options, ILogger<ReachFlushJob> logger)
        : base(scopes, clock, logger)
    {
        _interval = options.Value.FlushInterval;
    }

    protected override string Name => "Campaign reach counts";

    protected override TimeSpan Interval => _interval;

    protected override bool OneNodeAtATime => false;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ReachStore>().FlushAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReachStore>().FlushAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The last counts of campaign reach could not be saved as the portal stopped");
        }
    }
}
