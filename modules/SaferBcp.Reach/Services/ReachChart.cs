using System.Globalization;
using System.Net;
using System.Text;
using SaferBcp.Cms.Display;

namespace SaferBcp.Reach.Services;

/// <summary>
/// Views per day as columns, drawn on the server as SVG (no JavaScript), like the dataset's trend charts: role="img"
/// with a title and a description that states every day's figure; the table beside it has the same numbers.
/// </summary>
public static class ReachChart
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 16;
    private const int Right = 16;
    private const int Top = 24;
    private const int Bottom = 40;

    public static string Svg(string id, string title, IReadOnlyList<(DateOnly Day, long Count)> days)
    {
        id = HtmlElementId.From(id); // a content item id is text an import supplies
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Count));
        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left - Right) / (double)Math.Max(1, days.Count);
        var barWidth = Math.Max(2, slot * 0.7);
        var baseline = Top + plotHeight;
        var description = string.Join("; ", days.Select(d => $"{Label(d.Day)}: {d.Count}"));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"reach-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">Views per day: {Encode(description)}.</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{baseline}\" x2=\"{Width - Right}\" y2=\"{baseline}\" stroke=\"#0b0c0c\" stroke-width=\"1\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Top - 8}\" font-size=\"14\" font-family=\"arial, sans-serif\" fill=\"#0b0c0c\">Most in a day: {max}</text>");
        for (var i = 0; i < days.Count; i++)
        {
            var (day, count) = days[i];
            var centre = Left + (slot * i) + (slot / 2);
            if (count > 0)
            {
                var height = Math.Max(1, plotHeight * (double)count / max);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(centre - (barWidth / 2))}\" y=\"{F(baseline - height)}\" width=\"{F(barWidth)}\" height=\"{F(height)}\" fill=\"#1d70b8\"/>");
            }

            // Every seventh day labelled, counting back from the last, so the newest day always is.
            if ((days.Count - 1 - i) % 7 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(centre)}\" y=\"{Height - Bottom + 20}\" text-anchor=\"middle\" font-size=\"14\" font-family=\"arial, sans-serif\" fill=\"#0b0c0c\">{Encode(Label(day))}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Label(DateOnly day) => day.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"));

    private static string F(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
