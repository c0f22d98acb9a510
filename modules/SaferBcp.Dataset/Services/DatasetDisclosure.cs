using System.Globalization;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>A stored value as a reader may see it: what is hidden by disclosure control is flagged.</summary>
public sealed record ShownValue(
    Indicator Indicator,
    Period Period,
    string Geography,
    decimal Value,
    int? Numerator,
    int? Denominator,
    bool ValueHidden,
    bool NumeratorHidden,
    bool DenominatorHidden,
    string? SourceNote)
{
    public decimal? VisibleValue => ValueHidden ? null : Value;

    public int? VisibleNumerator => NumeratorHidden ? null : Numerator;

    public int? VisibleDenominator => DenominatorHidden ? null : Denominator;

    public string Display => ValueHidden ? DisclosureControl.Marker : DatasetFormat.Value(Indicator.Unit, Value);

    public string NumeratorDisplay => Numerator is null ? "" : NumeratorHidden ? DisclosureControl.Marker : DatasetFormat.Count(Numerator.Value);

    public string DenominatorDisplay => Denominator is null ? "" : DenominatorHidden ? DisclosureControl.Marker : DatasetFormat.Count(Denominator.Value);
}

public static class DatasetFormat
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Count(decimal count) => count.ToString("#,0.##", Uk);

    public static string Value(IndicatorUnit unit, decimal value) => unit switch
    {
        IndicatorUnit.Percentage => value.ToString("0.##", Uk) + "%",
        IndicatorUnit.PercentageChange => (value > 0 ? "+" : "") + value.ToString("0.##", Uk) + "%",
        _ => Count(value),
    };

    /// <summary>A plain number for files: no thousands separators, invariant decimal point.</summary>
    public static string Plain(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>Applies <see cref="DisclosureControl"/> to the dataset, one indicator at a time.</summary>
public static class DatasetDisclosure
{
    /// <summary>The values with small numbers hidden; with <paramref name="suppress"/> false (Analysts), nothing is hidden.</summary>
    public static IReadOnlyList<ShownValue> Apply(IEnumerable<DataValue> values, int threshold, bool suppress)
    {
        var result = new List<ShownValue>();
        foreach (var indicatorValues in values.GroupBy(v => v.IndicatorId))
        {
            var list = indicatorValues.ToList();
            var indicator = list[0].Indicator!;
            if (!suppress)
            {
                result.AddRange(list.Select(v => Shown(v, false, false, false)));
                continue;
            }

            var groups = Groups(list);
            var hiddenValues = indicator.Unit == IndicatorUnit.Count ? Suppress(list, v => v.Value, groups, threshold) : new HashSet<CellKey>();
            var hiddenNumerators = Suppress(list.Where(v => v.Numerator is not null), v => v.Numerator!.Value, groups, threshold);
            var hiddenDenominators = Suppress(list.Where(v => v.Denominator is not null), v => v.Denominator!.Value, groups, threshold);
            foreach (var v in list)
            {
                var key = Key(v);
                var numeratorHidden = hiddenNumerators.Contains(key);
                var denominatorHidden = hiddenDenominators.Contains(key);
                var valueHidden = indicator.Unit == IndicatorUnit.Count
                    ? hiddenValues.Contains(key)
                    : indicator.Unit == IndicatorUnit.Percentage && DisclosureControl.HidePercentage(v.Numerator, v.Denominator, threshold, numeratorHidden, denominatorHidden);
                result.Add(Shown(v, valueHidden, numeratorHidden, denominatorHidden));
            }
        }

        return result;
    }

    private static ShownValue Shown(DataValue v, bool value, bool numerator, bool denominator) =>
        new(v.Indicator!, v.Period!, v.Geography, v.Value, v.Numerator, v.Denominator, value, numerator, denominator, v.SourceNote);

    private static CellKey Key(DataValue v) => new(v.Geography, v.Period!.Code);

    private static IReadOnlySet<CellKey> Suppress(IEnumerable<DataValue> values, Func<DataValue, decimal> count, IReadOnlyList<AdditiveGroup> groups, int threshold) =>
        DisclosureControl.Suppress(values.ToDictionary(Key, count), groups, threshold);

    /// <summary>
    /// The totals in one indicator's table: BCP is the sum of its three towns in each period (columns), and a
    /// financial year is the sum of its quarters, and of its months, for each geography (rows).
    /// </summary>
    private static List<AdditiveGroup> Groups(IReadOnlyList<DataValue> values)
    {
        var groups = new List<AdditiveGroup>();
        var periods = values.Select(v => v.Period!).DistinctBy(p => p.Code).ToList();
        foreach (var period in periods)
        {
            groups.Add(new AdditiveGroup(new CellKey(Geographies.Bcp, period.Code), Geographies.Towns.Select(t => new CellKey(t, period.Code)).ToList()));
        }

        foreach (var year in periods.Where(p => p.Kind == PeriodKind.FinancialYear))
        {
            foreach (var geography in values.Select(v => v.Geography).Distinct())
            {
                var total = new CellKey(geography, year.Code);
                groups.Add(new AdditiveGroup(total, Enumerable.Range(1, 4).Select(q => new CellKey(geography, $"{year.Code} Q{q}")).ToList()));
                groups.Add(new AdditiveGroup(total, Enumerable.Range(0, 12).Select(m => new CellKey(geography, FinancialPeriod.MonthCode(year.Start.AddMonths(m)))).ToList()));
            }
        }

        return groups;
    }
}
