using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SaferBcp.Forms.Services;

/// <summary>Deletes form sessions (and the answers in them) once they have been inactive for the idle timeout.</summary>
public sealed class FormSessionCleanupService : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly IOptions<FormsOptions> _options;
    private readonly ILogger<FormSessionCleanupService> _logger;

    public FormSessionCleanupService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FormsOptions> options, ILogger<FormSessionCleanupService> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _options = options;
        _logger = logger;
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FormSessionStore>().DeleteExpiredAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    _logger.LogInformation("Deleted {Count} expired form session(s)", deleted);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Deleting expired form sessions failed; will retry");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(5, _options.Value.CleanupIntervalSeconds)), _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
