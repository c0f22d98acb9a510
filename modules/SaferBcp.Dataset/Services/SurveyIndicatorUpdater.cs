using Microsoft.EntityFrameworkCore;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>
/// Recomputes survey-mapped indicators from the registered <see cref="ISurveyIndicatorSource"/> (the Surveys module calls
/// <see cref="UpdateAsync"/> when responses arrive). With no source registered it does nothing.
/// </summary>
public sealed class SurveyIndicatorUpdater
{
    private readonly DatasetDbContext _db;
    private readonly DatasetStore _store;
    private readonly IEnumerable<ISurveyIndicatorSource> _sources;

    public SurveyIndicatorUpdater(DatasetDbContext db, DatasetStore store, IEnumerable<ISurveyIndicatorSource> sources)
    {
        _db = db;
        _store = store;
        _sources = sources;
    }

    /// <summary>The share as the dataset stores it: a percentage to one decimal place, with the counts behind it.</summary>
    public static (decimal Value, int Numerator, int Denominator)? ToPercentage(SurveyShare share) =>
        share.Answered <= 0 || share.Counted < 0 || share.Counted > share.Answered
            ? null
            : (Math.Round(share.Counted * 100m / share.Answered, 1, MidpointRounding.AwayFromZero), share.Counted, share.Answered);

    /// <summary>Recomputes every mapped indicator for the given periods; returns the number of values stored.</summary>
    public async Task<int> UpdateAsync(IReadOnlyList<string> periodCodes, CancellationToken cancellationToken = default)
    {
        var source = _sources.FirstOrDefault();
        if (source is null)
        {
            return 0;
        }

        var periods = new List<Period>();
        foreach (var code in periodCodes)
        {
            periods.Add(await _store.PeriodAsync(code) ?? throw new ArgumentException($"\"{code}\" is not a period", nameof(periodCodes)));
        }

        var stored = 0;
        foreach (var mapping in await _db.SurveyMappings.Include(m => m.Indicator).ToListAsync(cancellationToken))
        {
            var shares = await source.CountAsync(mapping, periods, cancellationToken);
            stored += await _store.StoreSurveySharesAsync(mapping.Indicator!, shares, periods);
        }

        return stored;
    }
}
