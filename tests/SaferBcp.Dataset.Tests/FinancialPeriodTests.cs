using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Tests;

public sealed class FinancialPeriodTests
{
    [Theory]
    [InlineData("2023-03-31", "2022/23", "2022/23 Q4", "2023-03")]
    [InlineData("2023-04-01", "2023/24", "2023/24 Q1", "2023-04")]
    [InlineData("2022-06-30", "2022/23", "2022/23 Q1", "2022-06")]
    [InlineData("2022-07-01", "2022/23", "2022/23 Q2", "2022-07")]
    [InlineData("2022-09-30", "2022/23", "2022/23 Q2", "2022-09")]
    [InlineData("2022-10-01", "2022/23", "2022/23 Q3", "2022-10")]
    [InlineData("2022-12-31", "2022/23", "2022/23 Q3", "2022-12")]
    [InlineData("2023-01-01", "2022/23", "2022/23 Q4", "2023-01")]
    [InlineData("1999-12-31", "1999/00", "1999/00 Q3", "1999-12")]
    public void A_date_falls_in_its_financial_year_quarter_and_month(string date, string year, string quarter, string month)
    {
        var periods = FinancialPeriod.PeriodsOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([year, quarter, month], periods.Select(p => p.Code));
        Assert.All(periods, p => Assert.InRange(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), p.Start, p.End));
    }

    [Fact]
    public void The_last_day_of_March_and_the_first_of_April_are_in_different_financial_years()
    {
        Assert.Equal(2022, FinancialPeriod.StartYear(new DateOnly(2023, 3, 31)));
        Assert.Equal(2023, FinancialPeriod.StartYear(new DateOnly(2023, 4, 1)));
    }

    [Theory]
    [InlineData("2022/23", PeriodKind.FinancialYear, "2022-04-01", "2023-03-31")]
    [InlineData("2022/23 Q1", PeriodKind.Quarter, "2022-04-01", "2022-06-30")]
    [InlineData("2022/23 Q2", PeriodKind.Quarter, "2022-07-01", "2022-09-30")]
    [InlineData("2022/23 Q3", PeriodKind.Quarter, "2022-10-01", "2022-12-31")]
    [InlineData("2022/23 Q4", PeriodKind.Quarter, "2023-01-01", "2023-03-31")]
    [InlineData("2024/25 Q4", PeriodKind.Quarter, "2025-01-01", "2025-03-31")]
    [InlineData("2023-02", PeriodKind.Month, "2023-02-01", "2023-02-28")]
    [InlineData("2024-02", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2022", PeriodKind.CalendarYear, "2022-01-01", "2022-12-31")]
    public void A_period_code_gives_its_first_and_last_day(string code, PeriodKind kind, string start, string end)
    {
        var period = FinancialPeriod.Parse(code)!;

        Assert.Equal(kind, period.Kind);
        Assert.Equal(code, period.Code);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
    }

    [Fact]
    public void Quarter_one_is_labelled_April_to_June()
    {
        Assert.Equal("2022/23 quarter 1 (April to June 2022)", FinancialPeriod.Parse("2022/23 Q1")!.Label);
        Assert.Equal("April 2022 to March 2023", FinancialPeriod.Parse("2022/23")!.Label);
    }

    [Theory]
    [InlineData("2022/24")]
    [InlineData("2022/23 Q5")]
    [InlineData("2022/23 Q0")]
    [InlineData("2022-13")]
    [InlineData("2022-00")]
    [InlineData("22/23")]
    [InlineData("April 2022")]
    [InlineData("")]
    public void Anything_else_is_not_a_standard_period(string code) => Assert.Null(FinancialPeriod.Parse(code));
}
