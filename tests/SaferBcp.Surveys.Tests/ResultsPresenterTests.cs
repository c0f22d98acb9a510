using SaferBcp.Surveys.Services.Results;

namespace SaferBcp.Surveys.Tests;

public sealed class ResultsPresenterTests
{
    private const int Threshold = 10;

    /// <summary>40 responses: worry very 25, fairly 12, not-very 3 (small), not-at-all 0; places: park 30, bus 5, street 36.</summary>
    private static ResponseMatrix Matrix()
    {
        var rows = new List<(int, string)>();
        var id = 0;
        void Add(int count, string worry, Func<int, string[]> places)
        {
            for (var i = 0; i < count; i++, id++)
            {
                rows.Add(ResponseMatrixTests.Row(id + 1, "poole", "over-25", worry, places(id), ranks: ["lighting", "patrols"], rates: [$"police={1 + (id % 5)}"]));
            }
        }

        Add(25, "very", i => i < 5 ? ["park", "bus", "street"] : ["park", "street"]);
        Add(12, "fairly", i => ["street"]);
        Add(3, "not-very", i => i < 28 ? ["park"] : ["street"]);
        var matrix = new ResponseMatrix(ResponseMatrixTests.Form());
        matrix.Append(rows);
        return matrix;
    }

    private static QuestionResultView Present(string questionId, bool exact)
    {
        var snapshot = Matrix().Current;
        var view = ResultsPresenter.Present(ResultsCalculator.Tally(snapshot, []), snapshot.Count, exact, Threshold);
        return view.Questions.Single(q => q.Id == questionId);
    }

    private static IReadOnlyList<string> Row(QuestionResultView question, string label) => question.Table!.Rows.Single(r => r.Label == label).Cells;

    [Fact]
    public void Exact_counts_for_readers_who_may_see_them()
    {
        var worry = Present("worry", exact: true);
        Assert.Equal(["3", "8%"], Row(worry, "Not-very"));
        Assert.Equal(["0", "0%"], Row(worry, "Not-at-all"));
        Assert.Equal("40 people answered this question", worry.AnsweredText);
    }

    [Fact]
    public void Small_counts_are_hidden_and_one_more_so_they_cannot_be_worked_out_from_the_total()
    {
        var worry = Present("worry", exact: false);
        Assert.Equal(["[c]", "[c]"], Row(worry, "Not-very"));
        Assert.Equal(["[c]", "[c]"], Row(worry, "Not-at-all"));
        // Both small ones are hidden already, so the 40 who answered can stay: 3 + 0 cannot be split apart.
        Assert.Equal("40 people answered this question", worry.AnsweredText);
        Assert.Equal(["25", "63%"], Row(worry, "Very"));
        Assert.Equal(["12", "30%"], Row(worry, "Fairly"));
        Assert.Contains("Not-very: [c]", worry.ChartSvg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_hidden_option_hides_the_next_smallest_too()
    {
        // Multiple choice: bus (5) is hidden; "did not choose bus" (35) is never shown, so hiding bus is enough.
        var places = Present("places", exact: false);
        Assert.Equal(["[c]", "[c]"], Row(places, "Bus"));
        // All 40 chose street: the 0 who did not is small, and 40 answered minus street would give it, so street is hidden.
        Assert.Equal(["[c]", "[c]"], Row(places, "Street"));
        Assert.Equal(["25", "63%"], Row(places, "Park"));
        Assert.Equal("40 people answered this question", places.AnsweredText);
    }

    [Fact]
    public void A_percentage_is_hidden_when_the_rest_of_the_group_is_small()
    {
        var ranks = Present("priorities", exact: false);
        // Everyone ranked lighting first: 40 of 40, the rest (0) is small, so the percentage is hidden.
        var lighting = Row(ranks, "Lighting");
        Assert.Equal("[c]", lighting[1]);
    }

    [Fact]
    public void No_shown_count_anywhere_is_below_the_threshold()
    {
        var snapshot = Matrix().Current;
        var view = ResultsPresenter.Present(ResultsCalculator.Tally(snapshot, []), snapshot.Count, false, Threshold);
        foreach (var question in view.Questions.Where(q => q.Table is not null && q.Id is "worry" or "places" or "lit" or "priorities" or "services"))
        {
            var counts = question.Table!.Headers.Select((h, i) => (h, i)).Where(x => !x.h.StartsWith("Average", StringComparison.Ordinal) && !x.h.StartsWith("Percentage", StringComparison.Ordinal)).Select(x => x.i).ToList();
            foreach (var cell in question.Table.Rows.SelectMany(r => counts.Select(i => r.Cells[i])))
            {
                if (int.TryParse(cell, out var count))
                {
                    Assert.True(count >= Threshold, $"{question.Id}: {cell}");
                }
            }
        }
    }

    [Fact]
    public void Cross_tab_cells_rows_and_columns_are_protected_for_the_public_and_editors()
    {
        var matrix = Matrix();
        var table = ResultsPresenter.CrossTab(ResultsCalculator.CrossTab(matrix.Current, matrix.Find("age")!, matrix.Find("worry")!, []), exact: false, Threshold);
        var over25 = table.Rows.Single(r => r.Label == "Over-25").Cells;
        Assert.Equal("[c]", over25[2]);
        Assert.Equal("[c]", over25[3]);
        // Nobody is under 25, so every over-25 cell equals its column total: the ones whose total is shown are hidden.
        Assert.Equal("[c]", over25[0]);
        Assert.Equal("25 (63%)", table.Rows.Single(r => r.Label == "Total").Cells[0]);
        Assert.All(table.Rows.SelectMany(r => r.Cells), c => Assert.False(int.TryParse(c.Split(' ')[0], out var n) && n < Threshold, c));

        var exact = ResultsPresenter.CrossTab(ResultsCalculator.CrossTab(matrix.Current, matrix.Find("age")!, matrix.Find("worry")!, []), exact: true, Threshold);
        Assert.Equal("3 (8%)", exact.Rows.Single(r => r.Label == "Over-25").Cells[2]);
    }

    [Fact]
    public void Means_of_small_groups_are_hidden()
    {
        var snapshot = new ResponseMatrix(ResponseMatrixTests.Form());
        snapshot.Append([ResponseMatrixTests.Row(1, "poole", "over-25", "very", rates: ["police=5"], years: "7")]);
        var view = ResultsPresenter.Present(ResultsCalculator.Tally(snapshot.Current, []), 1, false, Threshold);
        Assert.Equal("[c]", view.Questions.Single(q => q.Id == "services").Table!.Rows[0].Cells[^1]);
        Assert.All(view.Questions.Single(q => q.Id == "years").Table!.Rows, r => Assert.Equal("[c]", r.Cells[0]));
        Assert.Contains("hidden", view.ResponsesText, StringComparison.Ordinal);
    }
}
