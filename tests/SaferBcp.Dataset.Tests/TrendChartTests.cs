using System.Xml.Linq;
using SaferBcp.Dataset.Models;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Tests;

public sealed class TrendChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData("chart-x\"><script>alert(1)</script><svg a=\"")]
    [InlineData("chart-x' onload='alert(1)")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void An_indicator_code_with_markup_in_it_stays_inside_the_chart_id(string id)
    {
        var markup = TrendChart.Svg(id, "Crimes <b>recorded</b>", [new ChartPoint("2022/23", 10, "10"), new ChartPoint("2023/24", null, "[c]")], IndicatorUnit.Count);

        // The whole chart is one well-formed svg element: nothing broke out of an attribute.
        var chart = XElement.Parse(markup);
        Assert.Equal(Svg + "svg", chart.Name);
        Assert.DoesNotContain(chart.Descendants(), e => e.Name.LocalName is "script" or "img" or "svg");
        Assert.DoesNotContain(chart.DescendantsAndSelf().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        var ids = chart.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(ids, i => Assert.Matches("^[a-z][a-z0-9-]*$", i));
        Assert.Equal($"{ids[0]} {ids[1]}", (string?)chart.Attribute("aria-labelledby"));
        Assert.Equal("Crimes <b>recorded</b>", chart.Element(Svg + "title")!.Value);
    }
}
