using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Tests;

public sealed class PartnerFiguresCsvTests
{
    private static readonly Indicator[] Indicators =
    [
        new() { Id = 1, Code = "ASB-POLICE", Unit = IndicatorUnit.Count, Geographies = "BCP" },
        new() { Id = 2, Code = "MARAC-REPEAT", Unit = IndicatorUnit.Percentage, Geographies = "BCP" },
        new() { Id = 3, Code = "UP2U-REFERRALS", Unit = IndicatorUnit.Count, Geographies = "BCP,Bournemouth,Christchurch,Poole" },
        new() { Id = 4, Code = "WORRIED-KNIVES", Unit = IndicatorUnit.Percentage, Geographies = "BCP", Source = IndicatorSource.SurveyMapping },
    ];

    private static ImportCheck Check(string csv) =>
        PartnerFiguresCsv.Check(new StringReader(csv), Indicators, code => FinancialPeriod.Parse(code) is not null || code == "2022-04-01..2022-10-31");

    [Fact]
    public void A_good_file_gives_every_row()
    {
        var check = Check("""
            indicator,period,geography,value,numerator,denominator
            ASB-POLICE,2023/24,BCP,"10,100",,
            MARAC-REPEAT,2023-04,BCP,21.5,11,51
            up2u-referrals,2023/24 Q1,poole,12,,
            UP2U-REFERRALS,2022-04-01..2022-10-31,Bournemouth,3,,
            """);

        Assert.True(check.IsValid, string.Join("; ", check.Problems));
        Assert.Equal([2, 3, 4, 5], check.Rows.Select(r => r.Row));
        Assert.Equal(10100m, check.Rows[0].Value);
        Assert.Equal((11, 51), (check.Rows[1].Numerator, check.Rows[1].Denominator));
        Assert.Equal(Geographies.Poole, check.Rows[2].Geography);
    }

    [Theory]
    [InlineData("NOPE,2023/24,BCP,5,,", "indicator", "There is no indicator with the code \"NOPE\"")]
    [InlineData("WORRIED-KNIVES,2023/24,BCP,5,,", "indicator", "worked out from survey answers")]
    [InlineData("ASB-POLICE,2023/25,BCP,5,,", "period", "\"2023/25\" is not a period")]
    [InlineData("ASB-POLICE,,BCP,5,,", "period", "Enter the period")]
    [InlineData("ASB-POLICE,2023/24,Dorset,5,,", "geography", "\"Dorset\" is not an area")]
    [InlineData("ASB-POLICE,2023/24,Poole,5,,", "geography", "ASB-POLICE has no figures for Poole")]
    [InlineData("ASB-POLICE,2023/24,BCP,lots,,", "value", "\"lots\" is not a number")]
    [InlineData("ASB-POLICE,2023/24,BCP,,,", "value", "Enter the figure")]
    [InlineData("ASB-POLICE,2023/24,BCP,-3,,", "value", "must be a whole number, 0 or more")]
    [InlineData("ASB-POLICE,2023/24,BCP,3.5,,", "value", "must be a whole number, 0 or more")]
    [InlineData("MARAC-REPEAT,2023/24,BCP,120,,", "value", "must be between 0 and 100")]
    [InlineData("MARAC-REPEAT,2023/24,BCP,20,10,", "denominator", "Enter both the numerator and the denominator")]
    [InlineData("MARAC-REPEAT,2023/24,BCP,20,60,50", "numerator", "must not be more than the denominator")]
    [InlineData("MARAC-REPEAT,2023/24,BCP,20,10,0", "denominator", "must be more than 0")]
    [InlineData("MARAC-REPEAT,2023/24,BCP,20,ten,50", "numerator", "\"ten\" is not a whole number")]
    [InlineData("ASB-POLICE,2023/24,BCP,20,10,50", "numerator", "is not a percentage")]
    public void A_bad_row_is_reported_by_row_column_and_problem(string row, string column, string message)
    {
        var check = Check($"indicator,period,geography,value,numerator,denominator\nASB-POLICE,2022/23,BCP,100,,\n{row}\n");

        Assert.False(check.IsValid);
        var problem = Assert.Single(check.Problems);
        Assert.Equal(3, problem.Row);
        Assert.Equal(column, problem.Column);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_row_is_reported_not_just_the_first()
    {
        var check = Check("indicator,period,geography,value\nNOPE,2022/23,BCP,1\nASB-POLICE,2022/23,BCP,2\nASB-POLICE,2021/22,BCP,x\n");

        Assert.Equal([(2, "indicator"), (4, "value")], check.Problems.Select(p => (p.Row, p.Column)));
    }

    [Fact]
    public void The_same_figure_twice_in_a_file_is_a_problem()
    {
        var check = Check("indicator,period,geography,value\nASB-POLICE,2022/23,BCP,1\nASB-POLICE,2022/23,BCP,2\n");

        var problem = Assert.Single(check.Problems);
        Assert.Equal(3, problem.Row);
        Assert.Contains("Row 2 already has ASB-POLICE for 2022/23 in BCP", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var check = Check("indicator,period,value\nASB-POLICE,2022/23,1\n");

        var problem = Assert.Single(check.Problems);
        Assert.Equal((1, "geography"), (problem.Row, problem.Column));
    }

    [Fact]
    public void An_unknown_column_is_named()
    {
        var check = Check("indicator,period,geography,value,comment\nASB-POLICE,2022/23,BCP,1,hi\n");

        Assert.Equal("comment", Assert.Single(check.Problems).Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("indicator,period,geography,value\n")]
    public void An_empty_file_is_a_problem(string csv) => Assert.False(Check(csv).IsValid);

    [Fact]
    public void A_quote_that_is_never_closed_is_reported_not_thrown()
    {
        var check = Check("indicator,period,geography,value\nASB-POLICE,2022/23,BCP,1\n\"ASB-POLICE,2023/24,BCP,2\n");

        Assert.False(check.IsValid);
        Assert.Contains(check.Problems, p => p.Message.Contains("not valid CSV", StringComparison.Ordinal));
    }
}
