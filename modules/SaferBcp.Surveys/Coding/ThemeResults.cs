using System.Globalization;
using SaferBcp.Dataset.Services;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Coding;

/// <summary>One free-text question's themes on the results page: a chart of how often each came up, and tables by area and age band.</summary>
public sealed record ThemeQuestionResults(string QuestionId, string Label, string CodedText, string? ChartSvg, IReadOnlyList<ResultTable> Tables);

/// <summary>
/// Counts of themes among the coded answers of the rows selected on the results page, by the questions tagged "area"
/// and "age-band", through the same <see cref="DisclosureControl"/> as every other result: exact for Analysts,
/// suppressed for everyone else. An answer can carry several themes, so themes do not add up to the coded answers;
/// as for a multiple-choice question, each theme's "coded without it" is counted (never shown) so that it cannot be
/// worked out by subtraction either.
/// </summary>
public static class ThemeResults
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<ThemeQuestionResults> Present(MatrixSnapshot snapshot, RowSelection selection, IReadOnlyList<FormQuestion> questions, IReadOnlyList<Theme> themes, SurveyCodings codings, bool exact, int threshold)
    {
        var groupings = new[] { AdminGrouping(snapshot, "area"), AdminGrouping(snapshot, "age-band") }.OfType<MatrixColumn>().ToList();
        var results = new List<ThemeQuestionResults>();
        foreach (var question in questions)
        {
            var questionThemes = themes.Where(t => t.QuestionId == question.Id).ToList();
            if (questionThemes.Count == 0)
            {
                continue;
            }

            var codedRows = Enumerable.Range(0, snapshot.Count)
                .Where(row => (selection.Selected is null || selection.Selected[row]) && codings.Coded.Contains((snapshot.Ids[row], question.Id)))
                .ToList();
            var tables = groupings.Select(g => Table(snapshot, g, question, questionThemes, codedRows, codings, exact, threshold)).ToList();
            var overall = Table(snapshot, null, question, questionThemes, codedRows, codings, exact, threshold);
            var bars = overall.Rows.Take(questionThemes.Count).Select(r =>
                new ResultsBar(r.Label, r.Cells[^1] == DisclosureControl.Marker ? null : double.Parse(r.Cells[^1], NumberStyles.Number, Uk), r.Cells[^1])).ToList();
            var chart = ResultsChart.Svg("themes-" + question.Id, $"{question.Label}: number of coded answers with each theme", bars, Math.Max(1, bars.Max(b => b.Value ?? 0)));
            var codedText = codedRows.Count == 1 ? "1 answer coded" : $"{codedRows.Count.ToString("N0", Uk)} answers coded";
            if (!exact && DisclosureControl.IsBelowThreshold(codedRows.Count, threshold))
            {
                codedText = $"Fewer than {threshold} answers coded";
            }

            results.Add(new ThemeQuestionResults(question.Id, question.Label, codedText, chart, [overall, .. tables]));
        }

        return results;
    }

    private static MatrixColumn? AdminGrouping(MatrixSnapshot snapshot, string tag) => snapshot.Matrix.Tagged(tag);

    /// <param name="grouping">The area or age-band question; null for one column of totals.</param>
    private static ResultTable Table(MatrixSnapshot snapshot, MatrixColumn? grouping, FormQuestion question, List<Theme> themes, List<int> codedRows, SurveyCodings codings, bool exact, int threshold)
    {
        const string total = "total";
        const string coded = "coded";
        var columns = grouping is null ? [] : grouping.Options.Select(o => "c:" + o.Value).Append("c:not-given").ToList();
        var headers = grouping is null ? new List<string>() : [.. grouping.Options.Select(o => o.Label), "Not given"];
        var codes = grouping is null ? null : snapshot.Data[grouping.Index].Codes!;
        string ColumnOf(int row) => codes![row] == 0 ? columns[^1] : columns[codes[row] - 1];

        var counts = new Dictionary<Dataset.Services.CellKey, decimal>();
        void Add(string rowKey, string column) => counts[new(rowKey, column)] = counts.GetValueOrDefault(new(rowKey, column)) + 1;
        foreach (var key in new[] { coded }.Concat(themes.SelectMany(t => new[] { "t:" + t.Id, "n:" + t.Id })))
        {
            foreach (var column in columns.Append(total))
            {
                counts[new(key, column)] = 0;
            }
        }

        foreach (var row in codedRows)
        {
            var id = snapshot.Ids[row];
            var column = grouping is null ? null : ColumnOf(row);
            Add(coded, total);
            if (column is not null)
            {
                Add(coded, column);
            }

            foreach (var theme in themes)
            {
                var key = codings.ByTheme.TryGetValue(theme.Id, out var ids) && ids.Contains(id) ? "t:" + theme.Id : "n:" + theme.Id;
                Add(key, total);
                if (column is not null)
                {
                    Add(key, column);
                }
            }
        }

        var groups = new List<AdditiveGroup>();
        if (columns.Count > 0)
        {
            groups.Add(new AdditiveGroup(new(coded, total), columns.Select(c => new Dataset.Services.CellKey(coded, c)).ToList()));
        }

        foreach (var theme in themes)
        {
            foreach (var key in new[] { "t:" + theme.Id, "n:" + theme.Id })
            {
                if (columns.Count > 0)
                {
                    groups.Add(new AdditiveGroup(new(key, total), columns.Select(c => new Dataset.Services.CellKey(key, c)).ToList()));
                }
            }

            foreach (var column in columns.Append(total))
            {
                groups.Add(new AdditiveGroup(new(coded, column), [new("t:" + theme.Id, column), new("n:" + theme.Id, column)]));
            }
        }

        var hidden = exact ? new HashSet<Dataset.Services.CellKey>() : DisclosureControl.Suppress(counts, groups, threshold);
        string Show(string key, string column) => hidden.Contains(new(key, column)) ? DisclosureControl.Marker : ((int)counts[new(key, column)]).ToString("N0", Uk);
        var rows = themes.Select(t => new ResultTableRow(t.Name, columns.Append(total).Select(c => Show("t:" + t.Id, c)).ToList())).ToList();
        rows.Add(new ResultTableRow("Coded answers", columns.Append(total).Select(c => Show(coded, c)).ToList()));
        var caption = grouping is null
            ? $"{question.Label}: number of coded answers with each theme"
            : $"{question.Label}: number of coded answers with each theme, by {grouping.Question.Label.TrimEnd('?').ToLower(Uk)}";
        return new ResultTable(caption, "Theme", [.. headers, "Total"], rows);
    }
}
