using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Surveys.Services;

/// <summary>
/// Keeps survey-mapped indicators up to date off the submission path. At start-up it works every mapping out again from
/// all responses (catching up with responses other nodes took while this one was down); then, each time responses are
/// committed, it recomputes the financial years and quarters of their days. Signals that arrive while it works, or
/// within <see cref="Settle"/> of the first, are handled together. Recomputing reads every response in the period, so a
/// node that handles another node's period gives the same figure.
/// </summary>
public sealed class SurveyIndicatorRefresher : BackgroundService
{
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);
    private readonly SurveyIndicatorSignal _signal;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SurveyIndicatorRefresher> _logger;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SurveyIndicatorRefresher(SurveyIndicatorSignal signal, IServiceScopeFactory scopes, ILogger<SurveyIndicatorRefresher> logger)
    {
        _signal = signal;
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Completes when the start-up catch-up has finished (or failed).</summary>
    public Task CaughtUp => _caughtUp.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SurveyIndicatorUpdater>().UpdateAllAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Working out the survey indicators at start-up failed; they will be worked out as responses arrive");
        }
        finally
        {
            _caughtUp.TrySetResult();
        }

        var reader = _signal.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Settle, stoppingToken);
                var days = new Dictionary<string, HashSet<DateOnly>>(StringComparer.Ordinal);
                while (reader.TryRead(out var arrived))
                {
                    (days.TryGetValue(arrived.SurveyContentItemId, out var set) ? set : days[arrived.SurveyContentItemId] = []).Add(arrived.Day);
                }

                foreach (var (surveyId, surveyDays) in days)
                {
                    await RecomputeAsync(surveyId, surveyDays, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecomputeAsync(string surveyId, IReadOnlyCollection<DateOnly> days, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SurveyIndicatorUpdater>().UpdateAsync(surveyId, days, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The next response, or the next start-up, works the same periods out again from every response.
            _logger.LogError(ex, "Working out the survey indicators for survey {SurveyId} failed", surveyId);
        }
    }
}
