using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Data;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>Reads and changes the dataset. Every change is audited and clears the public pages' cache.</summary>
public sealed class DatasetStore
{
    private readonly DatasetDbContext _db;
    private readonly PortalDatabase _database;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly ChangeAnnouncer _announcer;

    public DatasetStore(DatasetDbContext db, PortalDatabase database, AuditLog audit, TimeProvider clock, ChangeAnnouncer announcer, IOptions<DatasetOptions> options)
    {
        _db = db;
        _database = database;
        _audit = audit;
        _clock = clock;
        _announcer = announcer;
        Threshold = Math.Max(1, options.Value.SuppressionThreshold);
    }

    /// <summary>The change topic for the dataset's figures and indicators (see ChangeTopics).</summary>
    public const string DatasetTopic = "dataset";

    public int Threshold { get; }

    public async Task<List<Indicator>> IndicatorsAsync(bool publishedOnly) =>
        await _db.Indicators.AsNoTracking().Where(i => !publishedOnly || i.Published).OrderBy(i => i.SortOrder).ThenBy(i => i.Name).ToListAsync();

    public Task<Indicator?> IndicatorAsync(string code) => _db.Indicators.FirstOrDefaultAsync(i => i.Code == code);

    public Task<Indicator?> IndicatorAsync(int id) => _db.Indicators.FirstOrDefaultAsync(i => i.Id == id);

    /// <summary>Values in reading order: indicator, then period (a year after its months), then BCP before its towns.</summary>
    public async Task<List<DataValue>> ValuesAsync(bool publishedOnly, int? indicatorId = null)
    {
        var values = await _db.Values.AsNoTracking().Include(v => v.Indicator).Include(v => v.Period)
            .Where(v => !publishedOnly || v.Indicator!.Published)
            .Where(v => indicatorId == null || v.IndicatorId == indicatorId)
            .ToListAsync();
        return values.OrderBy(v => v.Indicator!.SortOrder).ThenBy(v => v.Indicator!.Code)
            .ThenBy(v => v.Period!.End).ThenByDescending(v => v.Period!.Start)
            .ThenBy(v => Array.IndexOf(Geographies.All, v.Geography)).ToList();
    }

    public async Task<IReadOnlyList<ShownValue>> ShownValuesAsync(bool publishedOnly, bool suppress, int? indicatorId = null) =>
        DatasetDisclosure.Apply(await ValuesAsync(publishedOnly, indicatorId), Threshold, suppress);

    public Task<DataValue?> ValueAsync(int id) => _db.Values.Include(v => v.Indicator).Include(v => v.Period).FirstOrDefaultAsync(v => v.Id == id);

    public async Task<bool> IsKnownPeriodAsync(string code) => FinancialPeriod.Parse(code) is not null || await _db.Periods.AnyAsync(p => p.Code == code.Trim());

    /// <summary>The stored period with this code; a standard one (financial year, quarter, month, year) is created when first used.</summary>
    public async Task<Period?> PeriodAsync(string code)
    {
        code = code.Trim();
        var period = await _db.Periods.FirstOrDefaultAsync(p => p.Code == code) ?? _db.Periods.Local.FirstOrDefault(p => p.Code == code);
        if (period is null && FinancialPeriod.Parse(code) is { } standard)
        {
            _db.Periods.Add(standard);
            period = standard;
        }

        return period;
    }

    public async Task<List<Period>> PeriodsAsync() => await _db.Periods.AsNoTracking().OrderBy(p => p.Start).ThenBy(p => p.End).ToListAsync();

    /// <summary>Imports every row in one transaction: a row that cannot be saved undoes the lot.</summary>
    public async Task<int> ImportAsync(ImportCheck check, string fileName, string userName)
    {
        if (!check.IsValid)
        {
            throw new InvalidOperationException("Only a checked file with no problems can be imported.");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var reason = $"Imported from {Path.GetFileName(fileName)}";
        await using var tx = await _database.BeginTransactionAsync();
        var changed = 0;
        foreach (var row in check.Rows)
        {
            var period = await PeriodAsync(row.PeriodCode) ?? throw new InvalidOperationException($"Row {row.Row}: unknown period");
            var existing = period.Id == 0 ? null : await _db.Values.FirstOrDefaultAsync(v => v.IndicatorId == row.Indicator.Id && v.PeriodId == period.Id && v.Geography == row.Geography);
            if (existing is null)
            {
                _db.Values.Add(existing = new DataValue { IndicatorId = row.Indicator.Id, Period = period, Geography = row.Geography });
            }
            else if (existing.Value == row.Value && existing.Numerator == row.Numerator && existing.Denominator == row.Denominator)
            {
                continue;
            }

            existing.Value = row.Value;
            existing.Numerator = row.Numerator;
            existing.Denominator = row.Denominator;
            existing.LastChangedBy = userName;
            existing.LastChangedUtc = now;
            existing.Reason = reason;
            changed++;
        }

        await _db.SaveChangesAsync();
        await _audit.WriteAsync("dataset.import", "Dataset", null, $"{check.Rows.Count} rows from {Path.GetFileName(fileName)}: {changed} values added or changed");
        await tx.CommitAsync();
        await ClearCacheAsync();
        return changed;
    }

    /// <summary>Changes one value; the audit entry keeps the old and new figures and the reason.</summary>
    public async Task UpdateValueAsync(DataValue value, decimal newValue, int? numerator, int? denominator, string reason, string userName)
    {
        var old = Describe(value.Value, value.Numerator, value.Denominator);
        value.Value = newValue;
        value.Numerator = numerator;
        value.Denominator = denominator;
        value.Reason = reason;
        value.LastChangedBy = userName;
        value.LastChangedUtc = _clock.GetUtcNow().UtcDateTime;
        await using var tx = await _database.BeginTransactionAsync();
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("dataset.value-changed", "DatasetValue", value.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{value.Indicator!.Code} {value.Period!.Code} {value.Geography}: {old} → {Describe(newValue, numerator, denominator)}. Reason: {reason}");
        await tx.CommitAsync();
        await ClearCacheAsync();
    }

    public async Task SaveIndicatorAsync(Indicator indicator, string summary)
    {
        await using var tx = await _database.BeginTransactionAsync();
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("dataset.indicator-changed", "DatasetIndicator", indicator.Code, summary);
        await tx.CommitAsync();
        await ClearCacheAsync();
    }

    /// <summary>
    /// Stores survey shares as percentage values (BCP-wide) with their counts, inside the caller's transaction. A period
    /// with no answers loses the figure it had: nothing is behind it any more. Returns the values added, changed or removed;
    /// the caller clears the public cache once it has committed.
    /// </summary>
    public async Task<int> StoreSurveySharesAsync(Indicator indicator, IReadOnlyList<SurveyShare> shares, IReadOnlyList<Period> periods)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        await using var tx = await _database.BeginTransactionAsync();
        foreach (var period in periods)
        {
            var share = shares.FirstOrDefault(s => s.PeriodCode == period.Code);
            var value = period.Id == 0 ? null : await _db.Values.FirstOrDefaultAsync(v => v.IndicatorId == indicator.Id && v.PeriodId == period.Id && v.Geography == Geographies.Bcp);
            if (share is null || SurveyIndicatorUpdater.ToPercentage(share) is not { } percentage)
            {
                if (value is not null)
                {
                    _db.Values.Remove(value);
                    changed++;
                }

                continue;
            }

            if (value is null)
            {
                _db.Values.Add(value = new DataValue { IndicatorId = indicator.Id, Period = period, Geography = Geographies.Bcp });
            }
            else if ((value.Value, value.Numerator, value.Denominator) == (percentage.Value, percentage.Numerator, percentage.Denominator))
            {
                continue;
            }

            (value.Value, value.Numerator, value.Denominator) = (percentage.Value, percentage.Numerator, percentage.Denominator);
            value.LastChangedBy = "survey";
            value.LastChangedUtc = now;
            value.Reason = "Worked out from survey answers";
            changed++;
        }

        await _db.SaveChangesAsync();
        await tx.CommitAsync();
        return changed;
    }

    public Task<SurveyMapping?> SurveyMappingAsync(int indicatorId) => _db.SurveyMappings.FirstOrDefaultAsync(m => m.IndicatorId == indicatorId);

    /// <summary>Sets the indicator's survey mapping; the audit entry keeps the old and new mapping.</summary>
    public async Task<SurveyMapping> SaveSurveyMappingAsync(Indicator indicator, string surveyFormId, string questionId, IReadOnlyList<string> countedOptionValues, string summary)
    {
        var mapping = await SurveyMappingAsync(indicator.Id);
        var old = mapping is null ? "none" : Describe(mapping);
        if (mapping is null)
        {
            _db.SurveyMappings.Add(mapping = new SurveyMapping { IndicatorId = indicator.Id });
        }

        mapping.SurveyFormId = surveyFormId;
        mapping.QuestionId = questionId;
        mapping.CountedOptionValues = string.Join('\n', countedOptionValues);
        await using var tx = await _database.BeginTransactionAsync();
        await _db.SaveChangesAsync();
        await _audit.WriteAsync("dataset.mapping-changed", "DatasetIndicator", indicator.Code, $"Survey mapping: {old} → {Describe(mapping)}. {summary}");
        await tx.CommitAsync();
        return mapping;

        static string Describe(SurveyMapping m) => $"survey {m.SurveyFormId}, question {m.QuestionId}, counting {string.Join(", ", m.CountedOptions())}";
    }

    /// <summary>
    /// Replaces one counted value with another in every mapping of a survey question (a theme merged into another), so
    /// the mappings keep counting the same answers; audited like any mapping change. Returns every mapping of the question
    /// (changed or not: their counts change with the merge too), for the caller to work out again.
    /// </summary>
    public async Task<IReadOnlyList<SurveyMapping>> ReplaceCountedOptionAsync(string surveyFormId, string questionId, string from, string into, string summary)
    {
        var mappings = await _db.SurveyMappings.Include(m => m.Indicator).Where(m => m.SurveyFormId == surveyFormId && m.QuestionId == questionId).ToListAsync();
        await using var tx = await _database.BeginTransactionAsync();
        foreach (var mapping in mappings.Where(m => m.CountedOptions().Contains(from, StringComparer.Ordinal)))
        {
            var old = mapping.CountedOptionValues.Replace("\n", ", ");
            mapping.CountedOptionValues = string.Join('\n', mapping.CountedOptions().Select(v => v == from ? into : v).Distinct(StringComparer.Ordinal));
            await _audit.WriteAsync("dataset.mapping-changed", "DatasetIndicator", mapping.Indicator!.Code, $"Survey mapping counting {old} → {mapping.CountedOptionValues.Replace("\n", ", ")}. {summary}");
        }

        await _db.SaveChangesAsync();
        await tx.CommitAsync();
        return mappings;
    }

    public Task ClearPublicCacheAsync() => ClearCacheAsync();

    public Task AuditExportAsync(string format, int rows) =>
        _audit.WriteAsync("dataset.export", "Dataset", null, $"Full dataset, small numbers included, exported as {format}: {rows} values");

    /// <summary>Called after the change has committed: every node's public pages show the new figures.</summary>
    private Task ClearCacheAsync() => _announcer.AnnounceAsync(DatasetTopic);

    private static string Describe(decimal value, int? numerator, int? denominator) =>
        DatasetFormat.Plain(value) + (numerator is null ? "" : $" ({numerator} of {denominator})");
}
