using System.Globalization;
using System.Net;
using System.Text;
using SaferBcp.Dataset.Models;

namespace SaferBcp.Dataset.Services;

/// <summary>One bar of a chart: a hidden value is a gap, labelled "[c]".</summary>
public sealed record ChartPoint(string Label, decimal? Value, string Display);

/// <summary>
/// A column chart drawn on the server as SVG: no JavaScript, role="img" with a title and a description that
/// states every figure, so a screen reader gets the trend even before reaching the table beside it.
/// </summary>
public static class TrendChart
{
    private const int Width = 640;
    private const int Height = 300;
    private const int Left = 16;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 56;

    /// <summary>The series a trend chart shows: one geography, the kind of period with most figures, oldest first.</summary>
    public static (string Geography, IReadOnlyList<ShownValue> Values)? Series(IReadOnlyList<ShownValue> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var geography = values.Any(v => v.Geography == Geographies.Bcp) ? Geographies.Bcp
            : values.GroupBy(v => v.Geography).OrderByDescending(g => g.Count()).First().Key;
        var inGeography = values.Where(v => v.Geography == geography).ToList();
        var kind = inGeography.GroupBy(v => v.Period.Kind).OrderByDescending(g => g.Count()).First().Key;
        var series = inGeography.Where(v => v.Period.Kind == kind).OrderBy(v => v.Period.End).ThenByDescending(v => v.Period.Start).ToList();
        return series.Count >= 2 ? (geography, series) : null;
    }

    /// <summary>The chart as markup to put in a page as it is: every text encoded, the id reduced to letters, digits and dashes.</summary>
    public static string Svg(string id, string title, IReadOnlyList<ChartPoint> points, IndicatorUnit unit)
    {
        id = SaferBcp.Cms.Display.HtmlElementId.From(id); // an indicator code staff import could otherwise add markup
        var shown = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var max = shown.Count == 0 ? 1 : Math.Max(shown.Max(), 0);
        var min = shown.Count == 0 ? 0 : Math.Min(shown.Min(), 0);
        if (max == min)
        {
            max = min + 1;
        }

        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left - Right) / (double)points.Count;
        var barWidth = Math.Max(4, slot * 0.6);
        double Y(decimal v) => Top + (plotHeight * (double)((max - v) / (max - min)));
        var zeroY = Y(0);

        var description = string.Join("; ", points.Select(p => $"{p.Label}: {(p.Value is null ? "hidden ([c])" : p.Display)}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"dataset-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(description)}. [c] means the figure is hidden to protect people's privacy.</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(zeroY)}\" x2=\"{Width - Right}\" y2=\"{F(zeroY)}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>");
        var labelEvery = points.Count > 8 ? 2 : 1;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var centre = Left + (slot * i) + (slot / 2);
            if (point.Value is { } value)
            {
                var top = Math.Min(Y(value), zeroY);
                var height = Math.Max(1, Math.Abs(Y(value) - zeroY));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(centre - (barWidth / 2))}\" y=\"{F(top)}\" width=\"{F(barWidth)}\" height=\"{F(height)}\" fill=\"#1d70b8\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(centre)}\" y=\"{F(value >= 0 ? top - 6 : top + height + 16)}\" text-anchor=\"middle\" font-size=\"16\" font-family=\"arial, sans-serif\" fill=\"#0b0c0c\">{Encode(point.Display)}</text>");
            }
            else
            {
                // A gap, not a zero bar: the figure exists but is hidden.
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(centre)}\" y=\"{F(zeroY - 6)}\" text-anchor=\"middle\" font-size=\"16\" font-family=\"arial, sans-serif\" fill=\"#505a5f\">[c]</text>");
            }

            if (i % labelEvery == 0 || points.Count <= 8)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(centre)}\" y=\"{Height - Bottom + 20}\" text-anchor=\"middle\" font-size=\"15\" font-family=\"arial, sans-serif\" fill=\"#0b0c0c\">{Encode(Short(point.Label))}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Short(string label) => label.Length > 14 ? label[..13] + "…" : label;

    private static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
