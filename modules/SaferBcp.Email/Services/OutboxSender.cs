using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SaferBcp.Email.Services;

/// <summary>
/// The background sender: runs batches while there is work, then waits Email:PollInterval on the portal's
/// clock. Several nodes may run it against one database; the leases keep them from sending the same message.
/// </summary>
public sealed class OutboxSender : BackgroundService
{
    private static readonly TimeSpan CleanUpEvery = TimeSpan.FromHours(1);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly EmailOptions _options;
    private readonly ILogger<OutboxSender> _logger;
    private DateTimeOffset _nextCleanUp = DateTimeOffset.MinValue;

    public OutboxSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxSender> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
                claimed = await dispatcher.RunOnceAsync(stoppingToken);
                if (_clock.GetUtcNow() >= _nextCleanUp)
                {
                    _nextCleanUp = _clock.GetUtcNow() + CleanUpEvery;
                    var deleted = await dispatcher.DeleteOldSentAsync(stoppingToken);
                    if (deleted > 0)
                    {
                        _logger.LogInformation("Deleted {Count} sent email record(s) past their keeping time", deleted);
                    }

                    var failed = await dispatcher.DeleteOldFailedAsync(stoppingToken);
                    if (failed > 0)
                    {
                        _logger.LogInformation("Deleted {Count} failed email(s) past Email:KeepFailedFor", failed);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError("The email sender could not run a batch ({Error}); will retry", OutboxDispatcher.Describe(ex));
            }

            if (claimed >= _options.BatchSize)
            {
                continue;
            }

            try
            {
                await Task.Delay(_options.PollInterval, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
