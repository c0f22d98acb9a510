using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Data;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// Recomputes survey-mapped indicators from the registered <see cref="ISurveyIndicatorSource"/>: the Surveys module calls
/// it when responses arrive and at start-up, the back office when a mapping is set. Each figure is worked out again from
/// every response in its period, so running it twice, or on several nodes at once, gives the same figures. With no
/// source registered it does nothing.
/// </summary>
public sealed class SurveyIndicatorUpdater
{
    private readonly DatasetDbContext _db;
    private readonly DatasetStore _store;
    private readonly PortalDatabase _database;
    private readonly IEnumerable<ISurveyIndicatorSource> _sources;
    private readonly SurveyRecomputeTurn _turn;

    public SurveyIndicatorUpdater(DatasetDbContext db, DatasetStore store, PortalDatabase database, IEnumerable<ISurveyIndicatorSource> sources, SurveyRecomputeTurn turn)
    {
        _turn = turn;
        _db = db;
        _store = store;
        _database = database;
        _sources = sources;
    }

    /// <summary>The share as the dataset stores it: a percentage to one decimal place, with the counts behind it.</summary>
    public static (decimal Value, int Numerator, int Denominator)? ToPercentage(SurveyShare share) =>
        share.Answered <= 0 || share.Counted < 0 || share.Counted > share.Answered
            ? null
            : (Math.Round(share.Counted * 100m / share.Answered, 1, MidpointRounding.AwayFromZero), share.Counted, share.Answered);

    /// <summary>The periods a survey figure is given for: the financial year and the quarter the day falls in.</summary>
    public static IReadOnlyList<string> PeriodCodesOf(DateOnly day) => [FinancialPeriod.YearCode(day), FinancialPeriod.QuarterCode(day)];

    /// <summary>Recomputes every mapped indicator for the given periods; returns the number of values added, changed or removed.</summary>
    public Task<int> UpdateAsync(IReadOnlyList<string> periodCodes, CancellationToken cancellationToken = default) =>
        UpdateMappingsAsync(null, periodCodes, cancellationToken);

    /// <summary>Recomputes the indicators mapped to one survey for the periods containing the given response days.</summary>
    public Task<int> UpdateAsync(string surveyFormId, IEnumerable<DateOnly> days, CancellationToken cancellationToken = default) =>
        UpdateMappingsAsync(surveyFormId, days.SelectMany(PeriodCodesOf).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

    /// <summary>
    /// Recomputes one mapping for every period its survey has responses in, and for every period the indicator already has
    /// a figure for (a figure with no answers behind it any more is removed). Used when a mapping is set or changed.
    /// </summary>
    public async Task<int> UpdateMappingAsync(SurveyMapping mapping, CancellationToken cancellationToken = default)
    {
        if (_sources.FirstOrDefault() is not { } source)
        {
            return 0;
        }

        var codes = (await source.ResponseDaysAsync(mapping.SurveyFormId, cancellationToken)).SelectMany(PeriodCodesOf).ToHashSet(StringComparer.Ordinal);
        codes.UnionWith(await _db.Values.Where(v => v.IndicatorId == mapping.IndicatorId).Select(v => v.Period!.Code).ToListAsync(cancellationToken));
        return codes.Count == 0 ? 0 : await RecomputeAsync(source, mapping, codes, cancellationToken);
    }

    /// <summary>Recomputes every mapping from all its responses: the catch-up at start-up.</summary>
    public async Task<int> UpdateAllAsync(CancellationToken cancellationToken = default)
    {
        var changed = 0;
        foreach (var mapping in await _db.SurveyMappings.AsNoTracking().ToListAsync(cancellationToken))
        {
            changed += await UpdateMappingAsync(mapping, cancellationToken);
        }

        return changed;
    }

    private async Task<int> UpdateMappingsAsync(string? surveyFormId, IReadOnlyList<string> periodCodes, CancellationToken cancellationToken)
    {
        if (_sources.FirstOrDefault() is not { } source || periodCodes.Count == 0)
        {
            return 0;
        }

        var mappings = await _db.SurveyMappings.AsNoTracking().Where(m => surveyFormId == null || m.SurveyFormId == surveyFormId).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var mapping in mappings)
        {
            changed += await RecomputeAsync(source, mapping, periodCodes, cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// Counts, then stores, with no other recompute interleaving, so a slower, older count never overwrites a newer one:
    /// recomputes on this node take turns (<see cref="SurveyRecomputeTurn"/>), and on Postgres the count and the store
    /// also share one transaction holding an advisory lock, for other nodes. On SQLite the count runs before the write
    /// lock is taken (in WAL mode readers never block writers), so a count over a year of responses does not hold up
    /// referrals or other answers; a response committed during the count signals another recompute, which waits its turn.
    /// </summary>
    private async Task<int> RecomputeAsync(ISurveyIndicatorSource source, SurveyMapping mapping, IEnumerable<string> periodCodes, CancellationToken cancellationToken)
    {
        int changed;
        using (await _turn.TakeAsync(cancellationToken))
        await using (var otherNodes = await LockOutOtherNodesAsync(mapping, cancellationToken))
        {
            var indicator = await _db.Indicators.FirstAsync(i => i.Id == mapping.IndicatorId, cancellationToken);
            var periods = new List<Period>();
            foreach (var code in periodCodes.Distinct(StringComparer.Ordinal))
            {
                periods.Add(await _store.PeriodAsync(code) ?? throw new ArgumentException($"\"{code}\" is not a period", nameof(periodCodes)));
            }

            var shares = await source.CountAsync(mapping, periods, cancellationToken);
            changed = await _store.StoreSurveySharesAsync(indicator, shares, periods);
            if (otherNodes is not null)
            {
                await otherNodes.CommitAsync();
            }
        }

        if (changed > 0)
        {
            await _store.ClearPublicCacheAsync();
        }

        return changed;
    }

    /// <summary>On Postgres (several nodes), a transaction holding this indicator's advisory lock; on SQLite (one node), none.</summary>
    private async Task<PortalTransaction?> LockOutOtherNodesAsync(SurveyMapping mapping, CancellationToken cancellationToken)
    {
        if (_database.Provider != DatabaseProvider.Postgres)
        {
            return null;
        }

        var transaction = await _database.BeginTransactionAsync(cancellationToken);
        await _database.LockUntilCommitAsync(DatabaseLocks.SurveyIndicatorBase + mapping.IndicatorId, cancellationToken);
        return transaction;
    }
}
