using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Tests;

public sealed class ResultsChartTests
{
    [Fact]
    public void A_question_id_cannot_close_its_attribute_and_add_markup()
    {
        var svg = ResultsChart.Svg("q1\"><script>alert(1)</script><x y=\"", "Feel safe?", [new ResultsBar("Yes", 60, "60%")], 100);

        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"><", svg.Split("<title")[0], StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"q1---script-alert-1---script--x-y---title q1---script-alert-1---script--x-y---desc\"", svg, StringComparison.Ordinal);
    }
}
