namespace SaferBcp.Surveys.Services.Results;

/// <summary>Keep only the responses that gave this option to this single-choice question.</summary>
public sealed record ResultsFilter(MatrixColumn Column, int OptionIndex);

/// <summary>The raw figures of one question for the responses selected (exact counts, before any disclosure control).</summary>
public sealed class QuestionTally
{
    public QuestionTally(MatrixColumn column, int responses)
    {
        Column = column;
        Responses = responses;
        Counts = new int[column.Options.Count];
    }

    public MatrixColumn Column { get; }

    /// <summary>Responses in the group (answered or not).</summary>
    public int Responses { get; }

    public int Answered { get; internal set; }

    public int NotAnswered => Responses - Answered;

    /// <summary>Per option: people who chose it (choice, multiple choice), ranked it first (rank) or rated it (rate).</summary>
    public int[] Counts { get; }

    /// <summary>Rank: per option, how many ranked it at all, and its mean position (NaN if nobody did).</summary>
    public int[] Ranked { get; internal set; } = [];

    public double[] MeanPosition { get; internal set; } = [];

    /// <summary>Rate: per option, people giving each rating (index 0 = the lowest rating), and the mean rating.</summary>
    public int[][] Distribution { get; internal set; } = [];

    public double[] MeanRating { get; internal set; } = [];

    /// <summary>Number: the median, lowest and highest answer (null when nobody answered).</summary>
    public double? Median { get; internal set; }

    public double? Min { get; internal set; }

    public double? Max { get; internal set; }
}

/// <summary>The rows a request counts: <see cref="Selected"/> is null when every row is in.</summary>
public sealed record RowSelection(bool[]? Selected, int Count);

/// <summary>Counts of the responses that answered both questions, by row option and column option.</summary>
public sealed record CrossTabTally(MatrixColumn Rows, MatrixColumn Columns, int[,] Counts);

/// <summary>Counts, means and medians from a <see cref="MatrixSnapshot"/>: each is one pass over small arrays.</summary>
public static class ResultsCalculator
{
    /// <summary>Which rows pass every filter (null: all of them), and how many do. Worked out once per request.</summary>
    public static RowSelection Select(MatrixSnapshot snapshot, IReadOnlyList<ResultsFilter> filters)
    {
        if (filters.Count == 0)
        {
            return new RowSelection(null, snapshot.Count);
        }

        var codes = filters.Select(f => snapshot.Data[f.Column.Index].Codes!).ToArray();
        var wanted = filters.Select(f => (byte)(f.OptionIndex + 1)).ToArray();
        var selected = new bool[snapshot.Count];
        var count = 0;
        for (var row = 0; row < selected.Length; row++)
        {
            var keep = true;
            for (var f = 0; f < codes.Length && keep; f++)
            {
                keep = codes[f][row] == wanted[f];
            }

            selected[row] = keep;
            count += keep ? 1 : 0;
        }

        return new RowSelection(selected, count);
    }

    public static IReadOnlyList<QuestionTally> Tally(MatrixSnapshot snapshot, IReadOnlyList<ResultsFilter> filters) => Tally(snapshot, Select(snapshot, filters));

    public static IReadOnlyList<QuestionTally> Tally(MatrixSnapshot snapshot, RowSelection selection) =>
        snapshot.Matrix.Columns.Select(c => Tally(snapshot, c, selection.Selected, selection.Count)).ToList();

    public static QuestionTally Tally(MatrixSnapshot snapshot, MatrixColumn column, bool[]? selected, int responses)
    {
        var tally = new QuestionTally(column, responses);
        var data = snapshot.Data[column.Index];
        var n = snapshot.Count;
        switch (column.Kind)
        {
            case ColumnKind.Choice:
            {
                var codes = data.Codes!;
                var byCode = new int[column.Options.Count + 1];
                for (var row = 0; row < n; row++)
                {
                    if (selected is null || selected[row])
                    {
                        byCode[codes[row]]++;
                    }
                }

                Array.Copy(byCode, 1, tally.Counts, 0, tally.Counts.Length);
                tally.Answered = responses - byCode[0];
                break;
            }

            case ColumnKind.Multi:
            {
                var masks = data.Masks!;
                var answered = 0;
                for (var row = 0; row < n; row++)
                {
                    var mask = masks[row];
                    if (mask == 0 || (selected is not null && !selected[row]))
                    {
                        continue;
                    }

                    answered++;
                    for (var i = 0; i < tally.Counts.Length; i++)
                    {
                        if ((mask & (1UL << i)) != 0)
                        {
                            tally.Counts[i]++;
                        }
                    }
                }

                tally.Answered = answered;
                break;
            }

            case ColumnKind.Rank:
                TallyRank(tally, data, n, selected);
                break;
            case ColumnKind.Rate:
                TallyRate(tally, data, n, selected);
                break;
            case ColumnKind.Number:
            {
                var values = new List<double>();
                var numbers = data.Numbers!;
                for (var row = 0; row < n; row++)
                {
                    if (!double.IsNaN(numbers[row]) && (selected is null || selected[row]))
                    {
                        values.Add(numbers[row]);
                    }
                }

                tally.Answered = values.Count;
                if (values.Count > 0)
                {
                    values.Sort();
                    var middle = values.Count / 2;
                    tally.Median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
                    tally.Min = values[0];
                    tally.Max = values[^1];
                }

                break;
            }

            default:
            {
                var codes = data.Codes!;
                var answered = 0;
                for (var row = 0; row < n; row++)
                {
                    if (codes[row] != 0 && (selected is null || selected[row]))
                    {
                        answered++;
                    }
                }

                tally.Answered = answered;
                break;
            }
        }

        return tally;
    }

    public static CrossTabTally CrossTab(MatrixSnapshot snapshot, MatrixColumn rows, MatrixColumn columns, IReadOnlyList<ResultsFilter> filters) =>
        CrossTab(snapshot, rows, columns, Select(snapshot, filters));

    public static CrossTabTally CrossTab(MatrixSnapshot snapshot, MatrixColumn rows, MatrixColumn columns, RowSelection selection)
    {
        var selected = selection.Selected;
        var counts = new int[rows.Options.Count + 1, columns.Options.Count + 1];
        var rowCodes = snapshot.Data[rows.Index].Codes!;
        var columnCodes = snapshot.Data[columns.Index].Codes!;
        for (var row = 0; row < snapshot.Count; row++)
        {
            if (selected is null || selected[row])
            {
                counts[rowCodes[row], columnCodes[row]]++;
            }
        }

        // Code 0 is "not answered": only people who answered both questions are in the table.
        var table = new int[rows.Options.Count, columns.Options.Count];
        for (var r = 0; r < rows.Options.Count; r++)
        {
            for (var c = 0; c < columns.Options.Count; c++)
            {
                table[r, c] = counts[r + 1, c + 1];
            }
        }

        return new CrossTabTally(rows, columns, table);
    }

    private static void TallyRank(QuestionTally tally, ColumnData data, int n, bool[]? selected)
    {
        var options = tally.Counts.Length;
        var ranked = new int[options];
        var sums = new long[options];
        var answered = 0;
        for (var row = 0; row < n; row++)
        {
            if (selected is not null && !selected[row])
            {
                continue;
            }

            var any = false;
            for (var i = 0; i < options; i++)
            {
                var position = data.PerOption![i][row];
                if (position == 0)
                {
                    continue;
                }

                any = true;
                ranked[i]++;
                sums[i] += position;
                if (position == 1)
                {
                    tally.Counts[i]++;
                }
            }

            answered += any ? 1 : 0;
        }

        tally.Answered = answered;
        tally.Ranked = ranked;
        tally.MeanPosition = Enumerable.Range(0, options).Select(i => ranked[i] == 0 ? double.NaN : (double)sums[i] / ranked[i]).ToArray();
    }

    private static void TallyRate(QuestionTally tally, ColumnData data, int n, bool[]? selected)
    {
        var column = tally.Column;
        var options = tally.Counts.Length;
        var ratings = column.Highest - column.Lowest + 1;
        var distribution = Enumerable.Range(0, options).Select(_ => new int[ratings]).ToArray();
        var answered = 0;
        for (var row = 0; row < n; row++)
        {
            if (selected is not null && !selected[row])
            {
                continue;
            }

            var any = false;
            for (var i = 0; i < options; i++)
            {
                var code = data.PerOption![i][row];
                if (code != 0)
                {
                    any = true;
                    distribution[i][code - 1]++;
                }
            }

            answered += any ? 1 : 0;
        }

        tally.Answered = answered;
        tally.Distribution = distribution;
        for (var i = 0; i < options; i++)
        {
            tally.Counts[i] = distribution[i].Sum();
        }

        tally.MeanRating = Enumerable.Range(0, options)
            .Select(i => tally.Counts[i] == 0 ? double.NaN : distribution[i].Select((count, r) => (double)count * (r + column.Lowest)).Sum() / tally.Counts[i])
            .ToArray();
    }
}
