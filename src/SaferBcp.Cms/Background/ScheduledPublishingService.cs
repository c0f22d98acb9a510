using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Background;

/// <summary>
/// Publishes and unpublishes content whose scheduled time has come. Schedules are stored in UTC and
/// compared with TimeProvider's UTC clock, so the UK clock changes cannot make one run early, late or twice.
/// </summary>
public sealed class ScheduledPublishingService : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<ScheduledPublishingService> _logger;

    public ScheduledPublishingService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublishingService> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var done = await scope.ServiceProvider.GetRequiredService<ContentManager>().RunDueSchedulesAsync(stoppingToken);
                if (done > 0)
                {
                    _logger.LogInformation("Scheduled publishing carried out {Count} change(s)", done);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Scheduled publishing failed; will retry");
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
