using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Referrals.Models;

namespace SaferBcp.Referrals.Services;

/// <summary>Loads the routing table (teams, rules in order, the urgent threshold) from the database.</summary>
public sealed class RoutingStore
{
    private readonly ReferralsDbContext _db;
    private readonly ReferralOptions _options;

    public RoutingStore(ReferralsDbContext db, IOptions<ReferralOptions> options)
    {
        _db = db;
        _options = options.Value;
    }

    public async Task<RoutingTable> LoadAsync(CancellationToken cancellationToken = default)
    {
        var teams = await _db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var rules = await _db.Rules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return new RoutingTable(rules, teams, await ThresholdAsync(cancellationToken));
    }

    public async Task<int> ThresholdAsync(CancellationToken cancellationToken = default) =>
        (await _db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.UrgentRiskThreshold ?? _options.UrgentRiskThreshold;

    public async Task<ReferralSettings> SettingsAsync()
    {
        var settings = await _db.Settings.FirstOrDefaultAsync();
        if (settings is null)
        {
            settings = new ReferralSettings();
            _db.Settings.Add(settings);
        }

        return settings;
    }

    public async Task<int> RetentionDaysAsync(string formSlug) =>
        (await _db.Retention.AsNoTracking().FirstOrDefaultAsync(r => r.FormSlug == formSlug))?.RetentionDays ?? ReferralSettings.DefaultRetentionDays;
}
