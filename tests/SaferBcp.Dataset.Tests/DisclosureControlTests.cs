using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset.Tests;

public sealed class DisclosureControlTests
{
    private const int Threshold = 10;

    private static Dictionary<CellKey, decimal> Grid(string[] rows, string[] columns, decimal[,] values)
    {
        var cells = new Dictionary<CellKey, decimal>();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                cells[new CellKey(rows[r], columns[c])] = values[r, c];
            }
        }

        return cells;
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    [InlineData(11, false)]
    public void Counts_below_the_threshold_are_hidden_including_zero(int count, bool hidden)
    {
        var cell = new CellKey("BCP", "2022/23");

        var result = DisclosureControl.Suppress(new Dictionary<CellKey, decimal> { [cell] = count }, [], Threshold);

        Assert.Equal(hidden, result.Contains(cell));
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var cell = new CellKey("BCP", "2022/23");

        Assert.Contains(cell, DisclosureControl.Suppress(new Dictionary<CellKey, decimal> { [cell] = 12 }, [], threshold: 20));
        Assert.Empty(DisclosureControl.Suppress(new Dictionary<CellKey, decimal> { [cell] = 12 }, [], threshold: 5));
    }

    [Fact]
    public void One_hidden_cell_in_a_row_with_a_published_total_hides_the_next_smallest_cell_of_the_row()
    {
        // Up2U referrals 2022/23: Bournemouth 24, Christchurch 4, Poole 13, BCP 41. Showing 41, 24 and 13 would give Christchurch away.
        string[] rows = ["2022/23"];
        string[] columns = ["Bournemouth", "Christchurch", "Poole", "BCP"];
        var cells = Grid(rows, columns, new decimal[,] { { 24, 4, 13, 41 } });

        var hidden = DisclosureControl.Suppress(cells, DisclosureControl.GridGroups(rows, columns[..3], null, "BCP"), Threshold);

        Assert.Equal([new CellKey("2022/23", "Christchurch"), new CellKey("2022/23", "Poole")], hidden.OrderBy(c => c.Column));
    }

    [Fact]
    public void One_hidden_cell_in_a_column_with_a_published_total_hides_the_next_smallest_cell_of_the_column()
    {
        string[] rows = ["Q1", "Q2", "Q3", "Q4"];
        var cells = Grid([.. rows, "Year"], ["Poole"], new decimal[,] { { 30 }, { 5 }, { 12 }, { 40 }, { 87 } });

        var hidden = DisclosureControl.Suppress(cells, DisclosureControl.GridGroups(rows, ["Poole"], "Year", null), Threshold);

        Assert.Equal(["Q2", "Q3"], hidden.Select(c => c.Row).Order());
    }

    [Fact]
    public void Two_hidden_cells_in_a_row_already_protect_each_other()
    {
        // Up2U completions: Bournemouth 10, Christchurch 1, Poole 9, BCP 20.
        string[] columns = ["Bournemouth", "Christchurch", "Poole", "BCP"];
        var cells = Grid(["2022/23"], columns, new decimal[,] { { 10, 1, 9, 20 } });

        var hidden = DisclosureControl.Suppress(cells, DisclosureControl.GridGroups(["2022/23"], columns[..3], null, "BCP"), Threshold);

        Assert.Equal(["Christchurch", "Poole"], hidden.Select(c => c.Column).Order());
    }

    [Fact]
    public void Without_a_published_total_nothing_else_is_hidden()
    {
        string[] columns = ["Bournemouth", "Christchurch", "Poole"];
        var cells = Grid(["2022/23"], columns, new decimal[,] { { 24, 4, 13 } });

        var hidden = DisclosureControl.Suppress(cells, DisclosureControl.GridGroups(["2022/23"], columns, null, "BCP"), Threshold);

        Assert.Equal([new CellKey("2022/23", "Christchurch")], hidden);
    }

    [Fact]
    public void Secondary_suppression_repeats_across_rows_and_columns_until_no_hidden_cell_can_be_worked_out()
    {
        //            A    B    C   Total
        // Row 1:     5   40   50    95     5 is below the threshold; row 1 then has one hidden cell, so 40 is hidden too.
        // Row 2:    30   20   60   110     Column A now has one hidden cell, so 30 is hidden; column B has one, so 20 is hidden.
        // Total:    35   60  110   205
        string[] rows = ["Row 1", "Row 2"];
        string[] columns = ["A", "B", "C"];
        var cells = Grid([.. rows, "Total"], [.. columns, "Total"], new decimal[,] { { 5, 40, 50, 95 }, { 30, 20, 60, 110 }, { 35, 60, 110, 205 } });
        var groups = DisclosureControl.GridGroups(rows, columns, "Total", "Total");

        var hidden = DisclosureControl.Suppress(cells, groups, Threshold);

        Assert.Contains(new CellKey("Row 1", "A"), hidden);
        Assert.Contains(new CellKey("Row 1", "B"), hidden);
        Assert.Contains(new CellKey("Row 2", "B"), hidden);
        Assert.Contains(new CellKey("Row 2", "A"), hidden);
        AssertNoGroupHasExactlyOneHiddenCell(cells, groups, hidden);
    }

    [Fact]
    public void On_random_tables_every_small_count_is_hidden_and_no_row_or_column_can_reveal_one()
    {
        var random = new Random(20231204);
        for (var run = 0; run < 500; run++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 5)).Select(r => $"r{r}").ToArray();
            var columns = Enumerable.Range(0, random.Next(1, 6)).Select(c => $"c{c}").ToArray();
            var cells = new Dictionary<CellKey, decimal>();
            foreach (var r in rows)
            {
                foreach (var c in columns)
                {
                    cells[new CellKey(r, c)] = random.Next(0, 4) == 0 ? random.Next(0, 10) : random.Next(10, 200);
                }

                cells[new CellKey(r, "Total")] = columns.Sum(c => cells[new CellKey(r, c)]);
            }

            foreach (var c in columns.Append("Total"))
            {
                cells[new CellKey("Total", c)] = rows.Sum(r => cells[new CellKey(r, c)]);
            }

            var groups = DisclosureControl.GridGroups(rows, columns, "Total", "Total");
            var hidden = DisclosureControl.Suppress(cells, groups, Threshold);

            Assert.All(cells.Where(c => c.Value < Threshold), c => Assert.Contains(c.Key, hidden));
            AssertNoGroupHasExactlyOneHiddenCell(cells, groups, hidden);
        }
    }

    [Theory]
    [InlineData(33, 48, false)]
    [InlineData(7, 51, true)]
    [InlineData(9, 48, true)]
    [InlineData(5, 8, true)]
    [InlineData(45, 48, true)]
    [InlineData(10, 20, false)]
    public void A_percentage_is_hidden_when_the_count_the_whole_or_the_rest_is_small(int numerator, int denominator, bool hidden) =>
        Assert.Equal(hidden, DisclosureControl.HidePercentage(numerator, denominator, Threshold));

    [Fact]
    public void A_percentage_worked_out_from_a_hidden_count_is_hidden()
    {
        Assert.True(DisclosureControl.HidePercentage(40, 100, Threshold, numeratorHidden: true));
        Assert.True(DisclosureControl.HidePercentage(40, 100, Threshold, denominatorHidden: true));
    }

    [Fact]
    public void A_percentage_stated_without_counts_has_nothing_to_protect() =>
        Assert.False(DisclosureControl.HidePercentage(null, null, Threshold));

    private static void AssertNoGroupHasExactlyOneHiddenCell(Dictionary<CellKey, decimal> cells, IEnumerable<AdditiveGroup> groups, IReadOnlySet<CellKey> hidden)
    {
        foreach (var group in groups.Where(g => g.Parts.All(cells.ContainsKey) && cells.ContainsKey(g.Total)))
        {
            var count = group.Parts.Append(group.Total).Count(hidden.Contains);
            Assert.True(count != 1, $"{group.Total}: exactly one hidden cell could be worked out from the total");
        }
    }
}
