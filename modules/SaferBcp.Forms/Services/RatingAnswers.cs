using System.Globalization;
using SaferBcp.Forms.Models;

namespace SaferBcp.Forms.Services;

/// <summary>
/// How the answers of ordered questions are stored, for every module that reads them:
/// <list type="bullet">
/// <item><see cref="QuestionType.Scale"/>: one option value, like a single choice.</item>
/// <item><see cref="QuestionType.Rank"/>: option values in rank order, the first ranked first; an optional question may rank only some.</item>
/// <item><see cref="QuestionType.Rate"/>: one "{option value}={rating}" per rated option, the rating a whole number in <see cref="Range"/>.</item>
/// </list>
/// </summary>
public static class RatingAnswers
{
    public const int DefaultLowest = 1;
    public const int DefaultHighest = 5;

    /// <summary>The ratings a Rate question accepts, lowest first.</summary>
    public static (int Lowest, int Highest) Range(FormQuestion question)
    {
        var lowest = question.Min is { } min ? (int)min : DefaultLowest;
        var highest = question.Max is { } max ? (int)max : DefaultHighest;
        return highest > lowest ? (lowest, highest) : (DefaultLowest, DefaultHighest);
    }

    public static string Format(string optionValue, int rating) => $"{optionValue}={rating.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ratings of a stored Rate answer by option value; malformed entries are skipped.</summary>
    public static IReadOnlyDictionary<string, int> Ratings(IEnumerable<string> values)
    {
        var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var split = value.LastIndexOf('=');
            if (split > 0 && int.TryParse(value.AsSpan(split + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating))
            {
                ratings[value[..split]] = rating;
            }
        }

        return ratings;
    }

    /// <summary>The position (1 = first) of each ranked option of a stored Rank answer.</summary>
    public static IReadOnlyDictionary<string, int> Ranks(IReadOnlyList<string> values)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            ranks.TryAdd(values[i], i + 1);
        }

        return ranks;
    }
}
