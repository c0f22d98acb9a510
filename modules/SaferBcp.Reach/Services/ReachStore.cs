using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Pages.Models;
using SaferBcp.Reach.Models;

namespace SaferBcp.Reach.Services;

/// <summary>Adds this node's counts to the day's rows, and reads them back for the back office.</summary>
public sealed class ReachStore
{
    private readonly ReachCounter _counter;
    private readonly ReachDbContext _reach;
    private readonly CmsDbContext _cms;
    private readonly PortalDatabase _database;

    public ReachStore(ReachCounter counter, ReachDbContext reach, CmsDbContext cms, PortalDatabase database)
    {
        _counter = counter;
        _reach = reach;
        _cms = cms;
        _database = database;
    }

    /// <summary>
    /// Adds what this node counted since the last flush to the database, each count with an upsert that adds to the
    /// day's row (another node may have written it). Page addresses become content items; addresses that are not a
    /// published item, and referrers of anything but a campaign, are dropped. On failure the counts are kept for next time.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var taken = _counter.Take();
        if (taken.Count == 0)
        {
            return 0;
        }

        try
        {
            var rows = await ResolveAsync(taken, cancellationToken);
            await using var transaction = await _database.BeginTransactionAsync(cancellationToken);
            foreach (var ((day, measure, subject, domain), count) in rows)
            {
                await _reach.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "Reach_DailyCounts" ("Day", "Measure", "Subject", "Domain", "Count") VALUES ({day}, {measure}, {subject}, {domain}, {count})
                    ON CONFLICT ("Day", "Measure", "Subject", "Domain") DO UPDATE SET "Count" = "Reach_DailyCounts"."Count" + excluded."Count"
                    """,
                    cancellationToken);
            }

            await transaction.CommitAsync();
            return rows.Count;
        }
        catch
        {
            _counter.GiveBack(taken);
            throw;
        }
    }

    private async Task<Dictionary<CountKey, long>> ResolveAsync(IReadOnlyList<KeyValuePair<CountKey, long>> taken, CancellationToken cancellationToken)
    {
        var paths = taken.Where(t => t.Key.Measure is ReachMeasures.PageView or ReachMeasures.Referrer)
            .Select(t => ContentPath.Normalize(t.Key.Subject)).Distinct().ToList();
        var items = paths.Count == 0 ? [] : await _cms.ContentItems.AsNoTracking()
            .Where(c => c.Published && c.Path != null && paths.Contains(c.Path))
            .Select(c => new { Path = c.Path!, c.ContentItemId, c.ContentType })
            .ToDictionaryAsync(c => c.Path, StringComparer.Ordinal, cancellationToken);

        var rows = new Dictionary<CountKey, long>();
        foreach (var (key, count) in taken)
        {
            var subject = key.Subject;
            if (key.Measure is ReachMeasures.PageView or ReachMeasures.Referrer)
            {
                if (!items.TryGetValue(ContentPath.Normalize(key.Subject), out var item)
                    || (key.Measure == ReachMeasures.Referrer && item.ContentType != PageTypes.Campaign))
                {
                    continue;
                }

                subject = item.ContentItemId;
            }

            var row = key with { Subject = subject };
            rows[row] = rows.GetValueOrDefault(row) + count;
        }

        return rows;
    }

    /// <summary>Every count from <paramref name="from"/> to <paramref name="to"/>, with the titles of the items they count.</summary>
    public async Task<ReachReport> ReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var counts = await _reach.DailyCounts.AsNoTracking().Where(c => c.Day >= from && c.Day <= to).ToListAsync(cancellationToken);
        var campaigns = await _cms.ContentItems.AsNoTracking()
            .Where(c => c.Published && c.ContentType == PageTypes.Campaign)
            .OrderBy(c => c.DisplayText)
            .Select(c => new ReachSubject(c.ContentItemId, c.DisplayText))
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.Subject).Where(s => s.Length > 0).Distinct().ToList();
        var titles = await _cms.ContentItems.AsNoTracking()
            .Where(c => c.Latest && ids.Contains(c.ContentItemId))
            .Select(c => new { c.ContentItemId, c.DisplayText })
            .ToDictionaryAsync(c => c.ContentItemId, c => c.DisplayText, StringComparer.Ordinal, cancellationToken);
        return new ReachReport(from, to, counts, campaigns, titles);
    }
}

public sealed record ReachSubject(string Id, string Title);

/// <summary>The counts of a period, shaped for the back-office page and its export.</summary>
public sealed record ReachReport(DateOnly From, DateOnly To, IReadOnlyList<DailyCount> Counts, IReadOnlyList<ReachSubject> Campaigns, IReadOnlyDictionary<string, string> Titles)
{
    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var day = From; day <= To; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }

    public string TitleOf(string subject) => subject.Length == 0 ? "All sensitive pages" : Titles.GetValueOrDefault(subject, subject);

    /// <summary>Each day of the period with its count (zero when none).</summary>
    public IReadOnlyList<(DateOnly Day, long Count)> PerDay(string measure, string subject)
    {
        var byDay = Counts.Where(c => c.Measure == measure && c.Subject == subject).GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return Days.Select(d => (d, byDay.GetValueOrDefault(d))).ToList();
    }

    public IReadOnlyList<(string Domain, long Count)> Referrers(string campaignId) =>
        Counts.Where(c => c.Measure == ReachMeasures.Referrer && c.Subject == campaignId)
            .GroupBy(c => c.Domain).Select(g => (g.Key, g.Sum(c => c.Count))).OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>Each form with starts or completions in the period: its title, starts, completions.</summary>
    public IReadOnlyList<(string Title, long Starts, long Completions)> Forms() =>
        Counts.Where(c => c.Measure is ReachMeasures.FormStart or ReachMeasures.FormCompletion)
            .GroupBy(c => c.Subject)
            .Select(g => (TitleOf(g.Key), g.Where(c => c.Measure == ReachMeasures.FormStart).Sum(c => c.Count), g.Where(c => c.Measure == ReachMeasures.FormCompletion).Sum(c => c.Count)))
            .OrderBy(f => f.Item1, StringComparer.CurrentCulture).ToList();
}
