using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Tests;

public sealed class DatasetDisclosureTests
{
    private static int _ids;

    private static DataValue Value(Indicator indicator, string period, string geography, decimal value, int? numerator = null, int? denominator = null) => new()
    {
        Id = ++_ids,
        Indicator = indicator,
        IndicatorId = indicator.Id,
        Period = FinancialPeriod.Parse(period)!,
        Geography = geography,
        Value = value,
        Numerator = numerator,
        Denominator = denominator,
    };

    private static Indicator Indicator(IndicatorUnit unit) => new() { Id = ++_ids, Code = $"I{_ids}", Name = "Test", Unit = unit };

    [Fact]
    public void A_town_total_cannot_give_away_a_hidden_town()
    {
        var referrals = Indicator(IndicatorUnit.Count);
        var values = new[]
        {
            Value(referrals, "2022/23", Geographies.Bcp, 41),
            Value(referrals, "2022/23", Geographies.Bournemouth, 24),
            Value(referrals, "2022/23", Geographies.Christchurch, 4),
            Value(referrals, "2022/23", Geographies.Poole, 13),
        };

        var shown = DatasetDisclosure.Apply(values, 10, suppress: true).ToDictionary(v => v.Geography);

        Assert.Equal("41", shown[Geographies.Bcp].Display);
        Assert.Equal("24", shown[Geographies.Bournemouth].Display);
        Assert.Equal("[c]", shown[Geographies.Christchurch].Display);
        Assert.Equal("[c]", shown[Geographies.Poole].Display);
        Assert.Null(shown[Geographies.Poole].VisibleValue);
    }

    [Fact]
    public void A_year_total_cannot_give_away_a_hidden_month()
    {
        var cases = Indicator(IndicatorUnit.Count);
        var months = Enumerable.Range(0, 12).Select(m => FinancialPeriod.MonthCode(new DateOnly(2022, 4, 1).AddMonths(m))).ToList();
        var counts = months.Select((m, i) => i == 3 ? 6m : 50m + i).ToList();
        var values = months.Select((m, i) => Value(cases, m, Geographies.Bcp, counts[i])).Append(Value(cases, "2022/23", Geographies.Bcp, counts.Sum())).ToList();

        var hidden = DatasetDisclosure.Apply(values, 10, suppress: true).Where(v => v.ValueHidden).Select(v => v.Period.Code).ToList();

        // July (6) is below 10; April (50) is the smallest other month, hidden so that the year total cannot give July away.
        Assert.Equal(["2022-04", "2022-07"], hidden.Order());
    }

    [Fact]
    public void A_percentage_from_a_small_count_is_hidden_with_its_count()
    {
        // MARAC repeat cases, January 2023: 7 of 51 (14%).
        var repeat = Indicator(IndicatorUnit.Percentage);
        var values = new[] { Value(repeat, "2023-01", Geographies.Bcp, 14, 7, 51), Value(repeat, "2023-02", Geographies.Bcp, 20, 15, 76) };

        var shown = DatasetDisclosure.Apply(values, 10, suppress: true).ToDictionary(v => v.Period.Code);

        Assert.Equal("[c]", shown["2023-01"].Display);
        Assert.Equal("[c]", shown["2023-01"].NumeratorDisplay);
        Assert.Equal("51", shown["2023-01"].DenominatorDisplay);
        Assert.Equal("20%", shown["2023-02"].Display);
        Assert.Equal("15", shown["2023-02"].NumeratorDisplay);
    }

    [Fact]
    public void Rates_and_changes_have_no_counts_to_hide()
    {
        var change = Indicator(IndicatorUnit.PercentageChange);
        var rate = Indicator(IndicatorUnit.RatePer100000);

        var shown = DatasetDisclosure.Apply([Value(change, "2022/23", Geographies.Bcp, -7.6m), Value(rate, "2022/23", Geographies.PanDorset, 5)], 10, suppress: true);

        Assert.Equal(["-7.6%", "5"], shown.Select(v => v.Display));
    }

    [Fact]
    public void Analysts_see_every_figure()
    {
        var referrals = Indicator(IndicatorUnit.Count);

        var shown = DatasetDisclosure.Apply([Value(referrals, "2022/23", Geographies.Christchurch, 4)], 10, suppress: false);

        Assert.Equal("4", shown.Single().Display);
        Assert.False(shown.Single().ValueHidden);
    }
}

public sealed class SurveyIndicatorTests
{
    [Theory]
    [InlineData(32, 100, 32.0)]
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(0, 40, 0.0)]
    [InlineData(40, 40, 100.0)]
    public void A_share_of_answers_becomes_a_percentage_with_its_counts(int counted, int answered, double percent)
    {
        var result = SurveyIndicatorUpdater.ToPercentage(new SurveyShare("2025/26 Q1", counted, answered));

        Assert.Equal(((decimal)percent, counted, answered), result);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 4)]
    [InlineData(-1, 4)]
    public void A_period_with_no_answers_or_impossible_counts_gives_no_figure(int counted, int answered) =>
        Assert.Null(SurveyIndicatorUpdater.ToPercentage(new SurveyShare("2025/26 Q1", counted, answered)));

    [Fact]
    public void A_survey_percentage_from_a_handful_of_answers_is_hidden_in_public()
    {
        var indicator = new Indicator { Id = 900, Code = "WORRIED-KNIVES", Unit = IndicatorUnit.Percentage, Source = IndicatorSource.SurveyMapping };
        var (value, counted, answered) = SurveyIndicatorUpdater.ToPercentage(new SurveyShare("2025/26 Q1", 6, 15))!.Value;
        var stored = new DataValue { Indicator = indicator, IndicatorId = 900, Period = FinancialPeriod.Parse("2025/26 Q1"), Geography = Geographies.Bcp, Value = value, Numerator = counted, Denominator = answered };

        Assert.Equal("[c]", DatasetDisclosure.Apply([stored], 10, suppress: true).Single().Display);
    }
}
