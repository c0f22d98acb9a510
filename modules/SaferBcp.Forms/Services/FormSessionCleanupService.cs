using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SaferBcp.Forms.Services;

/// <summary>Deletes form sessions (and the answers in them) once they have been inactive for the idle timeout.</summary>
public sealed class FormSessionCleanupService : PeriodicJob
{
    private readonly IOptions<FormsOptions> _options;

    public FormSessionCleanupService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FormsOptions> options, ILogger<FormSessionCleanupService> logger)
        : base(scopes, clock, logger) => _options = options;

    protected override string Name => "Deleting expired form sessions";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(5, _options.Value.CleanupIntervalSeconds));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var deleted = await services.GetRequiredService<FormSessionStore>().DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            Logger.LogInformation("Deleted {Count} expired form session(s)", deleted);
        }
    }
}
