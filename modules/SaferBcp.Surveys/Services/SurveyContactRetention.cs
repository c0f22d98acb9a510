using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Content;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Surveys.Services;

/// <summary>Deletes contact details kept longer than their survey's retention period (<see cref="SurveyPart.ContactRetentionMonths"/>).</summary>
public sealed class SurveyContactRetention
{
    private readonly SurveysDbContext _db;
    private readonly Cms.Data.PortalDatabase _database;
    private readonly SurveyCatalog _catalog;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public SurveyContactRetention(SurveysDbContext db, Cms.Data.PortalDatabase database, SurveyCatalog catalog, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _database = database;
        _catalog = catalog;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>
    /// A contact is due once its retention period has passed since the end of the month it arrived in. Contacts of a
    /// survey that no longer exists are kept for the default period.
    /// </summary>
    public static DateOnly DeleteUpTo(DateOnly today, int retentionMonths) => today.AddMonths(-(retentionMonths + 1));

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var today = UkTime.Today(_clock);
        var surveys = (await _catalog.AllAsync(cancellationToken)).ToDictionary(s => s.ContentItemId, s => s, StringComparer.Ordinal);
        var held = await _db.Contacts.Select(c => c.SurveyContentItemId).Distinct().ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var surveyId in held)
        {
            var survey = surveys.GetValueOrDefault(surveyId);
            var months = survey?.Survey.ContactRetentionMonths is { } m and >= 1 ? m : SurveyPart.DefaultContactRetentionMonths;
            var upTo = DeleteUpTo(today, months);

            // The DELETE's own count is audited: a run on another node that got there first leaves nothing to audit here.
            await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
            var count = await _db.Contacts.Where(c => c.SurveyContentItemId == surveyId && c.ReceivedOn <= upTo).ExecuteDeleteAsync(cancellationToken);
            if (count > 0)
            {
                await _audit.WriteAsync("survey.contacts.deleted", "Survey", surveyId,
                    $"Deleted {count} contact detail(s) of \"{survey?.Title ?? surveyId}\" at the end of their retention period ({months} months)", "retention");
                deleted += count;
            }

            await transaction.CommitAsync();
        }

        return deleted;
    }
}

/// <summary>Runs <see cref="SurveyContactRetention"/> once a day (Surveys:RetentionInterval).</summary>
public sealed class SurveyContactRetentionJob : PeriodicJob
{
    private readonly SurveyOptions _options;

    public SurveyContactRetentionJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SurveyOptions> options, ILogger<SurveyContactRetentionJob> logger)
        : base(scopes, clock, logger) => _options = options.Value;

    protected override string Name => "Survey contact retention";

    protected override TimeSpan Interval => _options.RetentionInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var deleted = await services.GetRequiredService<SurveyContactRetention>().DeleteExpiredAsync(cancellationToken);
        Logger.LogInformation("Survey contact retention deleted {Count} contact(s)", deleted);
    }
}

public sealed class SurveyOptions
{
    /// <summary>How often contact details past their survey's retention period are deleted.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);
}
