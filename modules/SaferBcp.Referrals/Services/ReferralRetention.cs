using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Data;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>Which closed referrals have been kept long enough.</summary>
public static class RetentionRule
{
    /// <summary>A referral is due for deletion once it has been closed for more than its form's retention days.</summary>
    public static bool IsDue(ReferralStatus status, DateTime? closedUtc, int retentionDays, DateTime nowUtc) =>
        status == ReferralStatus.Closed && closedUtc is { } closed && closed.AddDays(retentionDays) <= nowUtc;
}

/// <summary>Deletes closed referrals older than their form's retention period, with their notes and history.</summary>
public sealed class ReferralRetention
{
    private readonly ReferralsDbContext _db;
    private readonly PortalDatabase _database;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public ReferralRetention(ReferralsDbContext db, PortalDatabase database, AuditLog audit, TimeProvider clock)
    {
        _db = db;
        _database = database;
        _audit = audit;
        _clock = clock;
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var periods = await _db.Retention.AsNoTracking().ToDictionaryAsync(r => r.FormSlug, r => r.RetentionDays, cancellationToken);
        var shortest = Math.Min(ReferralSettings.DefaultRetentionDays, periods.Count == 0 ? int.MaxValue : periods.Values.Min());
        var oldest = now.AddDays(-shortest);
        var candidates = await _db.Referrals
            .Where(r => r.Status == ReferralStatus.Closed && r.ClosedUtc != null && r.ClosedUtc <= oldest)
            .Select(r => new { r.Id, r.Reference, r.FormSlug, r.Status, r.ClosedUtc })
            .ToListAsync(cancellationToken);
        var due = candidates.Where(r => RetentionRule.IsDue(r.Status, r.ClosedUtc, periods.GetValueOrDefault(r.FormSlug, ReferralSettings.DefaultRetentionDays), now)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
        var ids = due.Select(d => d.Id).ToList();
        await _db.Notes.Where(n => ids.Contains(n.ReferralId)).ExecuteDeleteAsync(cancellationToken);
        await _db.Events.Where(n => ids.Contains(n.ReferralId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = 0;
        foreach (var referral in due)
        {
            // One at a time, so only what this run deleted is audited: a run on another node (or one that lost its lease
            // mid-way) that got there first leaves nothing to delete, and no second audit entry.
            if (await _db.Referrals.Where(r => r.Id == referral.Id).ExecuteDeleteAsync(cancellationToken) == 1)
            {
                await _audit.WriteAsync("referral.deleted", "Referral", referral.Reference, "Deleted at the end of its retention period", "retention");
                deleted++;
            }
        }

        await transaction.CommitAsync();
        return deleted;
    }
}

/// <summary>Runs <see cref="ReferralRetention"/> once a day (Referrals:RetentionInterval) and logs how many it deleted.</summary>
public sealed class ReferralRetentionService : PeriodicJob
{
    private readonly ReferralOptions _options;

    public ReferralRetentionService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReferralOptions> options, ILogger<ReferralRetentionService> logger)
        : base(scopes, clock, logger) => _options = options.Value;

    protected override string Name => "Referral retention";

    protected override TimeSpan Interval => _options.RetentionInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var deleted = await services.GetRequiredService<ReferralRetention>().DeleteExpiredAsync(cancellationToken);
        Logger.LogInformation("Referral retention deleted {Count} closed referral(s)", deleted);
    }
}
