using System.Globalization;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Surveys.Services.Results;

public sealed record ResultTableRow(string Label, IReadOnlyList<string> Cells);

/// <summary>A table of figures as shown: every cell already formatted, "[c]" where hidden.</summary>
public sealed record ResultTable(string Caption, string FirstHeader, IReadOnlyList<string> Headers, IReadOnlyList<ResultTableRow> Rows);

/// <summary>One question's figures; <see cref="NotAnsweredText"/> is null where it is not shown (the public page).</summary>
public sealed record QuestionResultView(string Id, string Label, string AnsweredText, string? NotAnsweredText, string? Note, string? ChartSvg, ResultTable? Table);

/// <summary>The results as a reader sees them: <see cref="Suppressed"/> when small counts are hidden.</summary>
public sealed record ResultsView(int Threshold, bool Suppressed, string ResponsesText, IReadOnlyList<QuestionResultView> Questions);

/// <summary>
/// Turns tallies into what a page shows, applying disclosure control unless the reader may see exact counts:
/// counts below the threshold are "[c]"; wherever shown figures add up to a shown total (options to "answered",
/// answered + not answered to the responses, ratings to "rated", cross-tab rows and columns) one more is hidden
/// so that none can be worked out by subtraction (<see cref="DisclosureControl"/>); percentages and means that
/// would give a hidden or small count back are hidden too.
/// </summary>
public static class ResultsPresenter
{
    public const string Hidden = DisclosureControl.Marker;
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CellKey AllResponses = new("", "responses");

    /// <param name="include">The questions to show (all when null); the public page passes its own, and leaves out "not answered".</param>
    public static ResultsView Present(IReadOnlyList<QuestionTally> tallies, int responses, bool exact, int threshold, Func<MatrixColumn, bool>? include = null)
    {
        var hidden = exact ? new HashSet<CellKey>() : Suppress(tallies, responses, threshold);
        var rules = new Rules(hidden, exact, threshold);
        var questions = tallies.Where(t => include?.Invoke(t.Column) ?? true).Select(t => Question(t, rules))
            .Select(v => include is null ? v : v with { NotAnsweredText = null }).ToList();
        var responsesText = rules.IsHidden(AllResponses)
            ? $"The number of responses is hidden ({Hidden}) because it is small."
            : $"{Count(responses)} {(responses == 1 ? "person" : "people")} answered the survey.";
        return new ResultsView(threshold, !exact, responsesText, questions);
    }

    public static ResultTable CrossTab(CrossTabTally tally, bool exact, int threshold)
    {
        var rows = tally.Rows.Options.Select(o => "r:" + o.Value).ToList();
        var columns = tally.Columns.Options.Select(o => "c:" + o.Value).ToList();
        const string total = "total";
        var counts = new Dictionary<CellKey, decimal>();
        var rowTotals = new int[rows.Count];
        var columnTotals = new int[columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var count = tally.Counts[r, c];
                counts[new CellKey(rows[r], columns[c])] = count;
                rowTotals[r] += count;
                columnTotals[c] += count;
            }

            counts[new CellKey(rows[r], total)] = rowTotals[r];
        }

        for (var c = 0; c < columns.Count; c++)
        {
            counts[new CellKey(total, columns[c])] = columnTotals[c];
        }

        var grand = rowTotals.Sum();
        counts[new CellKey(total, total)] = grand;
        var hidden = exact ? new HashSet<CellKey>() : DisclosureControl.Suppress(counts, DisclosureControl.GridGroups(rows, columns, total, total), threshold);
        var rules = new Rules(hidden, exact, threshold);

        string Cell(CellKey key, int count, CellKey rowTotalKey, int rowTotal)
        {
            if (rules.IsHidden(key))
            {
                return Hidden;
            }

            return rules.HidesPercentage(key, count, rowTotalKey, rowTotal) ? Count(count) : $"{Count(count)} ({Percent(count, rowTotal)})";
        }

        var tableRows = new List<ResultTableRow>();
        for (var r = 0; r < rows.Count; r++)
        {
            var rowTotalKey = new CellKey(rows[r], total);
            var cells = columns.Select((column, c) => Cell(new CellKey(rows[r], column), tally.Counts[r, c], rowTotalKey, rowTotals[r])).ToList();
            cells.Add(rules.Show(rowTotalKey, rowTotals[r]));
            tableRows.Add(new ResultTableRow(tally.Rows.Options[r].Label, cells));
        }

        var grandKey = new CellKey(total, total);
        var totals = columns.Select((column, c) => Cell(new CellKey(total, column), columnTotals[c], grandKey, grand)).ToList();
        totals.Add(rules.Show(grandKey, grand));
        tableRows.Add(new ResultTableRow("Total", totals));
        return new ResultTable(
            $"{tally.Rows.Question.Label} (rows) by {tally.Columns.Question.Label} (columns): number of people, and the percentage of the row",
            tally.Rows.Question.Label,
            [.. tally.Columns.Options.Select(o => o.Label), "Total"],
            tableRows);
    }

    /// <summary>Every count any results page may show for these tallies, and the sums between them, through <see cref="DisclosureControl"/>.</summary>
    internal static IReadOnlySet<CellKey> Suppress(IReadOnlyList<QuestionTally> tallies, int responses, int threshold)
    {
        var counts = new Dictionary<CellKey, decimal> { [AllResponses] = responses };
        var groups = new List<AdditiveGroup>();
        foreach (var tally in tallies)
        {
            var q = tally.Column.Id;
            // Answered + not answered = responses is deliberately not a group: whether someone skipped a question
            // says nothing about them, and a required question's zero "not answered" would otherwise hide every base.
            var answered = Add(counts, new CellKey(q, "answered"), tally.Answered);
            Add(counts, new CellKey(q, "not-answered"), tally.NotAnswered);
            var options = tally.Column.Options;
            switch (tally.Column.Kind)
            {
                case ColumnKind.Choice or ColumnKind.Rank when options.Count > 0:
                    var parts = options.Select((o, i) => Add(counts, new CellKey(q, "o:" + o.Value), tally.Counts[i])).ToList();
                    groups.Add(new AdditiveGroup(answered, parts));
                    break;
                case ColumnKind.Multi:
                    for (var i = 0; i < options.Count; i++)
                    {
                        // Not choosing an option is never shown, but answered minus chosen would give it away.
                        var chosen = Add(counts, new CellKey(q, "o:" + options[i].Value), tally.Counts[i]);
                        var notChosen = Add(counts, new CellKey(q, "x:" + options[i].Value), tally.Answered - tally.Counts[i]);
                        groups.Add(new AdditiveGroup(answered, [chosen, notChosen]));
                    }

                    break;
                case ColumnKind.Rate:
                    for (var i = 0; i < options.Count; i++)
                    {
                        var rated = Add(counts, new CellKey(q, "o:" + options[i].Value), tally.Counts[i]);
                        var ratings = tally.Distribution[i].Select((count, r) => Add(counts, RatingKey(q, options[i].Value, r), count)).ToList();
                        groups.Add(new AdditiveGroup(rated, ratings));
                    }

                    break;
            }
        }

        return DisclosureControl.Suppress(counts, groups, threshold);
    }

    private static CellKey RatingKey(string question, string option, int ratingIndex) => new(question, $"o:{option}:{ratingIndex.ToString(CultureInfo.InvariantCulture)}");

    private static CellKey Add(Dictionary<CellKey, decimal> counts, CellKey key, int count)
    {
        counts[key] = count;
        return key;
    }

    private static QuestionResultView Question(QuestionTally tally, Rules rules)
    {
        var column = tally.Column;
        var q = column.Id;
        var answeredKey = new CellKey(q, "answered");
        var answered = rules.IsHidden(answeredKey)
            ? $"The number of people who answered this question is hidden ({Hidden})"
            : $"{Count(tally.Answered)} {(tally.Answered == 1 ? "person" : "people")} answered this question";
        var notAnswered = $"Not answered: {rules.Show(new CellKey(q, "not-answered"), tally.NotAnswered)}";
        var chartId = "chart-" + q; // ResultsChart makes it a safe HTML id
        var options = column.Options;

        switch (column.Kind)
        {
            case ColumnKind.Choice or ColumnKind.Multi:
            {
                var rows = new List<ResultTableRow>();
                var bars = new List<ResultsBar>();
                for (var i = 0; i < options.Count; i++)
                {
                    var key = new CellKey(q, "o:" + options[i].Value);
                    var count = tally.Counts[i];
                    var countText = rules.Show(key, count);
                    var percentHidden = rules.HidesPercentage(key, count, answeredKey, tally.Answered);
                    var percent = percentHidden ? Hidden : Percent(count, tally.Answered);
                    rows.Add(new ResultTableRow(options[i].Label, [countText, percent]));
                    bars.Add(percentHidden ? new ResultsBar(options[i].Label, null, Hidden) : new ResultsBar(options[i].Label, Share(count, tally.Answered) * 100, rules.IsHidden(key) ? percent : $"{percent} ({countText})"));
                }

                var note = column.Kind == ColumnKind.Multi
                    ? "People could choose more than one answer, so the percentages can add up to more than 100%. Each is a percentage of the people who answered this question."
                    : "Percentages are of the people who answered this question.";
                return new QuestionResultView(q, column.Question.Label, answered, notAnswered, note,
                    ResultsChart.Svg(chartId, column.Question.Label, bars, 100),
                    new ResultTable(column.Question.Label, "Answer", ["Number of people", "Percentage"], rows));
            }

            case ColumnKind.Rank:
            {
                var rows = new List<ResultTableRow>();
                var bars = new List<ResultsBar>();
                for (var i = 0; i < options.Count; i++)
                {
                    var key = new CellKey(q, "o:" + options[i].Value);
                    var count = tally.Counts[i];
                    var percentHidden = rules.HidesPercentage(key, count, answeredKey, tally.Answered);
                    var percent = percentHidden ? Hidden : Percent(count, tally.Answered);
                    var mean = rules.HidesMean(tally.Ranked[i]) || double.IsNaN(tally.MeanPosition[i]) ? (double.IsNaN(tally.MeanPosition[i]) && rules.Exact ? "None" : Hidden) : Decimal(tally.MeanPosition[i]);
                    rows.Add(new ResultTableRow(options[i].Label, [rules.Show(key, count), percent, mean]));
                    bars.Add(new ResultsBar(options[i].Label, percentHidden ? null : Share(count, tally.Answered) * 100, percentHidden ? Hidden : $"{percent} ranked it first"));
                }

                return new QuestionResultView(q, column.Question.Label, answered, notAnswered,
                    "Average position: 1 means ranked first, so a lower number means people put it higher.",
                    ResultsChart.Svg(chartId, column.Question.Label + ": ranked first", bars, 100),
                    new ResultTable(column.Question.Label, "Option", ["Ranked first", "Percentage who ranked it first", "Average position"], rows));
            }

            case ColumnKind.Rate:
            {
                var rows = new List<ResultTableRow>();
                var bars = new List<ResultsBar>();
                for (var i = 0; i < options.Count; i++)
                {
                    var key = new CellKey(q, "o:" + options[i].Value);
                    var cells = tally.Distribution[i].Select((count, r) => rules.Show(RatingKey(q, options[i].Value, r), count)).ToList();
                    var meanHidden = rules.IsHidden(key) || rules.HidesMean(tally.Counts[i]) || double.IsNaN(tally.MeanRating[i]);
                    var mean = meanHidden ? (double.IsNaN(tally.MeanRating[i]) && rules.Exact ? "None" : Hidden) : Decimal(tally.MeanRating[i]);
                    cells.Add(rules.Show(key, tally.Counts[i]));
                    cells.Add(mean);
                    rows.Add(new ResultTableRow(options[i].Label, cells));
                    bars.Add(new ResultsBar(options[i].Label, meanHidden ? null : tally.MeanRating[i], meanHidden ? Hidden : $"{mean} out of {column.Highest}"));
                }

                var ratingHeaders = Enumerable.Range(column.Lowest, column.Highest - column.Lowest + 1).Select(r => $"Rated {r.ToString(CultureInfo.InvariantCulture)}");
                return new QuestionResultView(q, column.Question.Label, answered, notAnswered,
                    $"Ratings run from {column.Lowest} to {column.Highest}. The chart shows the average rating.",
                    ResultsChart.Svg(chartId, column.Question.Label + ": average rating", bars, column.Highest),
                    new ResultTable(column.Question.Label, "Option", [.. ratingHeaders, "People who rated it", "Average rating"], rows));
            }

            case ColumnKind.Number:
            {
                string Figure(double? value) => value is null ? "None" : rules.HidesMean(tally.Answered) || rules.IsHidden(answeredKey) ? Hidden : Decimal(value.Value);
                return new QuestionResultView(q, column.Question.Label, answered, notAnswered, null, null,
                    new ResultTable(column.Question.Label, "Measure", ["Value"],
                    [
                        new ResultTableRow("Median (middle answer)", [Figure(tally.Median)]),
                        new ResultTableRow("Lowest", [Figure(tally.Min)]),
                        new ResultTableRow("Highest", [Figure(tally.Max)]),
                    ]));
            }

            default:
                return new QuestionResultView(q, column.Question.Label, answered, notAnswered, "Written answers are not shown here.", null, null);
        }
    }

    private static double Share(int count, int whole) => whole == 0 ? 0 : (double)count / whole;

    private static string Count(int count) => count.ToString("N0", Uk);

    private static string Percent(int count, int whole) => whole == 0 ? "0%" : (100.0 * count / whole).ToString("0", Uk) + "%";

    private static string Decimal(double value) => value.ToString("0.#", Uk);

    private sealed class Rules(IReadOnlySet<CellKey> hidden, bool exact, int threshold)
    {
        public bool Exact => exact;

        public bool IsHidden(CellKey key) => hidden.Contains(key);

        public string Show(CellKey key, int count) => IsHidden(key) ? Hidden : Count(count);

        public bool HidesPercentage(CellKey key, int count, CellKey wholeKey, int whole) =>
            !exact && DisclosureControl.HidePercentage(count, whole, threshold, IsHidden(key), IsHidden(wholeKey));

        /// <summary>A mean, median, lowest or highest of fewer people than the threshold tells too much about them.</summary>
        public bool HidesMean(int people) => !exact && DisclosureControl.IsBelowThreshold(people, threshold);
    }
}
