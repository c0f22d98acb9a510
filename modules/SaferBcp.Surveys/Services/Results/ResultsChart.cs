using System.Globalization;
using System.Net;
using System.Text;

namespace SaferBcp.Surveys.Services.Results;

/// <summary>One bar: a hidden figure has no value and is drawn as a gap labelled "[c]".</summary>
public sealed record ResultsBar(string Label, double? Value, string Display);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG: no script, no style attributes (the strict CSP allows
/// neither), role="img" with a title and a description that states every figure. The table beside it holds
/// the same numbers.
/// </summary>
public static class ResultsChart
{
    private const int Width = 640;
    private const int LabelWidth = 250;
    private const int ValueWidth = 110;
    private const int RowHeight = 34;
    private const int Top = 8;
    private const int LabelLength = 32;

    /// <param name="scaleMax">The value of a full-width bar (100 for percentages, the highest rating for a mean).</param>
    public static string Svg(string id, string title, IReadOnlyList<ResultsBar> bars, double scaleMax)
    {
        id = SaferBcp.Cms.Display.HtmlElementId.From(id);
        var height = Top + (bars.Count * RowHeight) + 8;
        var plot = Width - LabelWidth - ValueWidth;
        var description = string.Join("; ", bars.Select(b => $"{b.Label}: {b.Display}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"survey-results-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(description)}.{(bars.Any(b => b.Value is null) ? " [c] means the figure is hidden to protect people's privacy." : "")}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"{Top}\" x2=\"{LabelWidth}\" y2=\"{height - 8}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Top + (i * RowHeight);
            var middle = y + (RowHeight / 2) + 5;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{middle}\" text-anchor=\"end\" font-size=\"15\" font-family=\"arial, sans-serif\" fill=\"#0b0c0c\">{Encode(Short(bar.Label))}</text>");
            if (bar.Value is { } value)
            {
                var width = scaleMax <= 0 ? 0 : Math.Clamp(value / scaleMax, 0, 1) * plot;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 6}\" width=\"{F(Math.Max(width, 1))}\" height=\"{RowHeight - 12}\" fill=\"#1d70b8\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(LabelWidth + width + 6)}\" y=\"{middle}\" font-size=\"15\" font-family=\"arial, sans-serif\" fill=\"#0b0c0c\">{Encode(bar.Display)}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 6}\" y=\"{middle}\" font-size=\"15\" font-family=\"arial, sans-serif\" fill=\"#505a5f\">{Encode(bar.Display)}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Short(string label) => label.Length > LabelLength ? label[..(LabelLength - 1)] + "\u2026" : label;

    private static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
