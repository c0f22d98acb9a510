namespace SaferBcp.Dataset.Services;

/// <summary>One cell of a table of counts: a row (e.g. a town) and a column (e.g. a period).</summary>
public readonly record struct CellKey(string Row, string Column)
{
    public override string ToString() => $"{Row} / {Column}";
}

/// <summary>Cells that add up: <see cref="Total"/> = the sum of <see cref="Parts"/> (a row total, or a column total).</summary>
public sealed record AdditiveGroup(CellKey Total, IReadOnlyList<CellKey> Parts);

/// <summary>
/// Statistical disclosure control for small counts, as UK official statistics do it.
/// <list type="bullet">
/// <item>Primary: a count below the threshold (Dataset:SuppressionThreshold, default 10) is hidden and shown as "[c]".</item>
/// <item>Zero is below the threshold and hidden too. Showing zeros would tell readers that every "[c]" means 1 to 9,
/// and a true zero can itself disclose something about everyone in a group ("none of the 12 referrals completed").</item>
/// <item>Secondary: wherever a published total is the sum of parts, one hidden cell could be worked out by subtraction.
/// So if exactly one member of a total-and-parts group is hidden, the smallest published part is hidden as well (the
/// total only if no part is left), and this repeats over every row and column group until nothing changes, because
/// each new hidden cell can expose another group.</item>
/// <item>Percentages: hidden when the count they are a share of, the whole, or the rest (whole minus count) is below the
/// threshold or hidden, because with the whole known the percentage gives the count back.</item>
/// </list>
/// </summary>
public static class DisclosureControl
{
    public const string Marker = "[c]";

    public const int DefaultThreshold = 10;

    public static bool IsBelowThreshold(decimal count, int threshold) => count < threshold;

    /// <summary>The cells to hide: primary suppression, then secondary suppression across every group until stable.</summary>
    public static IReadOnlySet<CellKey> Suppress(IReadOnlyDictionary<CellKey, decimal> counts, IEnumerable<AdditiveGroup> groups, int threshold)
    {
        var hidden = counts.Where(c => IsBelowThreshold(c.Value, threshold)).Select(c => c.Key).ToHashSet();

        // A group with a part that is not in the table cannot be solved by subtraction, so it needs no protection.
        var complete = groups.Where(g => counts.ContainsKey(g.Total) && g.Parts.Count > 0 && g.Parts.All(counts.ContainsKey)).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var group in complete)
            {
                var members = group.Parts.Append(group.Total);
                if (members.Count(hidden.Contains) != 1)
                {
                    continue;
                }

                var next = group.Parts.Where(p => !hidden.Contains(p)).OrderBy(p => counts[p]).Select(p => (CellKey?)p).FirstOrDefault()
                    ?? (hidden.Contains(group.Total) ? null : group.Total);
                if (next is { } cell)
                {
                    hidden.Add(cell);
                    changed = true;
                }
            }
        }
        while (changed);

        return hidden;
    }

    /// <summary>Whether a percentage must be hidden because the counts behind it are small or hidden.</summary>
    public static bool HidePercentage(int? numerator, int? denominator, int threshold, bool numeratorHidden = false, bool denominatorHidden = false)
    {
        if (numerator is null && denominator is null)
        {
            // Stated only as a percentage: there are no counts behind it to protect.
            return false;
        }

        if (numeratorHidden || denominatorHidden || numerator is null || denominator is null)
        {
            return true;
        }

        return IsBelowThreshold(numerator.Value, threshold)
            || IsBelowThreshold(denominator.Value, threshold)
            || IsBelowThreshold(denominator.Value - numerator.Value, threshold);
    }

    /// <summary>
    /// Row and column groups for a grid whose last row holds column totals and whose last column holds row totals
    /// (either may be absent by passing null).
    /// </summary>
    public static IReadOnlyList<AdditiveGroup> GridGroups(IReadOnlyList<string> rows, IReadOnlyList<string> columns, string? totalRow, string? totalColumn)
    {
        var groups = new List<AdditiveGroup>();
        var allRows = totalRow is null ? rows : [.. rows, totalRow];
        var allColumns = totalColumn is null ? columns : [.. columns, totalColumn];
        if (totalColumn is not null)
        {
            groups.AddRange(allRows.Select(r => new AdditiveGroup(new CellKey(r, totalColumn), columns.Select(c => new CellKey(r, c)).ToList())));
        }

        if (totalRow is not null)
        {
            groups.AddRange(allColumns.Select(c => new AdditiveGroup(new CellKey(totalRow, c), rows.Select(r => new CellKey(r, c)).ToList())));
        }

        return groups;
    }
}
