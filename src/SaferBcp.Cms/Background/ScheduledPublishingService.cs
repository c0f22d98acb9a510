using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Background;

/// <summary>
/// Publishes and unpublishes content whose scheduled time has come. Schedules are stored in UTC and
/// compared with TimeProvider's UTC clock, so the UK clock changes cannot make one run early, late or twice.
/// </summary>
public sealed class ScheduledPublishingService : PeriodicJob
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(20);

    public ScheduledPublishingService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublishingService> logger)
        : base(scopes, clock, logger)
    {
    }

    protected override string Name => "Scheduled publishing";

    protected override TimeSpan Interval => Every;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var done = await services.GetRequiredService<ContentManager>().RunDueSchedulesAsync(cancellationToken);
        if (done > 0)
        {
            Logger.LogInformation("Scheduled publishing carried out {Count} change(s)", done);
        }
    }
}
