using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using SaferBcp.Benchmarks;
using static BenchConstants;
using SaferBcp.Cms.Content;
using SaferBcp.Search.Services;

// Search latency benchmark: the portal's own SearchIndex (Lucene.Net, English analysis, title/summary/body
// weights, highlighted snippets) over generated community-safety documents. See docs/benchmarks.md.
//
//   dotnet run -c Release --project bench/SaferBcp.Benchmarks -- [--docs 10000] [--queries 2000]
//       [--warmup 500] [--seed 20261127] [--keep] [--verbose]
//
// --verbose adds the slowest distinct queries and a per-phase breakdown (parse, search, load, highlight).
//
// Everything is seeded, so two runs index the same documents and ask the same queries in the same order.
//
// Other mode: `referral-submit --url http://127.0.0.1:PORT --data FOLDER ...` measures the final submit of a
// self-referral against a running portal (ReferralSubmit.cs, bench/referral-submit.sh); `sqlite-lock-wait` is the
// small probe behind its latency figures (SqliteLockWait.cs); `survey-responses --db PATH/portal.db --survey ID --count N`
// inserts generated responses to a published survey for the export benchmark (SurveyResponses.cs, bench/survey-exports.sh);
// `survey-export-breakdown --db PATH/portal.db --survey ID` times the export's per-row work in process (SurveyExportBreakdown.cs);
// `content-recipe` and `survey-recipe` write bench/run-all.sh's data sets as recipes for the portal's import (BenchRecipes.cs).
if (args.Length > 0 && args[0] == "referral-submit")
{
    return await ReferralSubmit.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "survey-responses")
{
    return SurveyResponses.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "survey-export-breakdown")
{
    return SurveyExportBreakdown.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "content-recipe")
{
    return BenchRecipes.Content(args[1..]);
}

if (args.Length > 0 && args[0] == "survey-recipe")
{
    return BenchRecipes.Survey(args[1..]);
}

if (args.Length > 0 && args[0] == "sqlite-lock-wait")
{
    return SqliteLockWait.Run();
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    return 2;
}

var folder = Path.Combine(Path.GetTempPath(), "saferbcp-search-bench-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine("Safer BCP search latency benchmark");
Console.WriteLine($"  documents {options.Documents:N0}, measured queries {options.Queries:N0} (after {options.Warmup:N0} warm-up), page 1, page size {PageSize}, seed {options.Seed}");
Console.WriteLine($"  .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, server GC {GCSettings.IsServerGC}, index folder {folder}");

try
{
    var generator = new DocumentGenerator(options.Seed);
    var documents = new List<(string Id, SearchText Text)>(options.Documents);
    long words = 0;
    for (var i = 0; i < options.Documents; i++)
    {
        var doc = generator.Next(i);
        words += DocumentGenerator.CountWords(doc.Text.Body);
        documents.Add(doc);
    }

    Console.WriteLine($"  generated {documents.Count:N0} documents, {words:N0} body words (mean {words / Math.Max(1, documents.Count):N0})");

    using (var index = new SearchIndex(folder))
    {
        var build = Stopwatch.StartNew();
        foreach (var (id, text) in documents)
        {
            index.Upsert(id, text);
        }

        var upserted = build.Elapsed;
        index.Commit();
        build.Stop();
        Console.WriteLine();
        Console.WriteLine($"Index build: {build.Elapsed.TotalSeconds:F2} s for {index.DocumentCount:N0} documents " +
                          $"(upserts {upserted.TotalSeconds:F2} s + commit/refresh {(build.Elapsed - upserted).TotalSeconds:F2} s), " +
                          $"{index.DocumentCount / build.Elapsed.TotalSeconds:N0} docs/s, on disk {FolderMegabytes(folder):F1} MB");

        var queries = QueryList.Draw(options.Seed, options.Warmup + options.Queries);
        for (var i = 0; i < options.Warmup; i++)
        {
            index.Search(queries[i], 1, PageSize);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var timings = new double[options.Queries];
        var hitsTotal = 0L;
        var empty = 0;
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var all = Stopwatch.StartNew();
        for (var i = 0; i < options.Queries; i++)
        {
            var query = queries[options.Warmup + i];
            var sw = Stopwatch.StartNew();
            var results = index.Search(query, 1, PageSize);
            sw.Stop();
            timings[i] = sw.Elapsed.TotalMilliseconds;
            hitsTotal += results.Total;
            if (results.Total == 0)
            {
                empty++;
            }
        }

        all.Stop();
        Array.Sort(timings);
        Console.WriteLine();
        Console.WriteLine($"Search latency over {options.Queries:N0} queries (ms, one thread, SearchIndex.Search(q, page 1, size 10) incl. parse, top-10 and highlighting):");
        Console.WriteLine($"  p50 {Percentile(timings, 50):F2}   p95 {Percentile(timings, 95):F2}   p99 {Percentile(timings, 99):F2}   max {timings[^1]:F2}   mean {timings.Average():F2}");
        Console.WriteLine($"  throughput {options.Queries / all.Elapsed.TotalSeconds:N0} queries/s single-threaded; mean total hits {hitsTotal / (double)options.Queries:N0}; queries with no hit {empty}; " +
                          $"GCs during run gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}");

        var p95 = Percentile(timings, 95);
        Console.WriteLine();
        Console.WriteLine($"Goal search p95 < 15 ms: {(p95 < 15 ? "MET" : "NOT MET")} (p95 {p95:F2} ms)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT search docs={options.Documents} queries={options.Queries} build_s={build.Elapsed.TotalSeconds:F2} p50_ms={Percentile(timings, 50):F2} p95_ms={p95:F2} p99_ms={Percentile(timings, 99):F2} max_ms={timings[^1]:F2}"));

        if (options.Verbose)
        {
            PrintSlowest(index, queries.Skip(options.Warmup).Distinct().ToList());
            Breakdown.Run(folder, queries.Skip(options.Warmup).ToList(), PageSize);
        }
    }
}
finally
{
    if (!options.Keep && Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
    else if (options.Keep)
    {
        Console.WriteLine($"Index kept in {folder}");
    }
}

return 0;

static double Percentile(double[] sorted, double p)
{
    // Nearest-rank percentile on sorted data.
    var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
    return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
}

static double FolderMegabytes(string folder) =>
    new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1024.0 / 1024.0;

// Per distinct query: the median of 20 runs, slowest first (to see which queries drive the tail).
static void PrintSlowest(SearchIndex index, IReadOnlyList<string> distinct)
{
    var rows = new List<(string Query, double Median, int Total)>();
    foreach (var query in distinct)
    {
        var runs = new double[20];
        var total = 0;
        for (var i = 0; i < runs.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            total = index.Search(query, 1, PageSize).Total;
            runs[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(runs);
        rows.Add((query, runs[runs.Length / 2], total));
    }

    Console.WriteLine();
    Console.WriteLine("Slowest distinct queries (median of 20 runs):");
    foreach (var (query, median, total) in rows.OrderByDescending(r => r.Median).Take(12))
    {
        Console.WriteLine($"  {median,7:F2} ms  {total,6:N0} hits  \"{query}\"");
    }
}

internal static class BenchConstants
{
    /// <summary>The public search page's page size.</summary>
    public const int PageSize = SaferBcp.Search.Controllers.SearchController.PageSize;
}

internal sealed record BenchOptions(int Documents, int Queries, int Warmup, int Seed, bool Keep, bool Verbose)
{
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(10_000, 2_000, 500, 20261127, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--docs": o = o with { Documents = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--queries": o = o with { Queries = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--warmup": o = o with { Warmup = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--seed": o = o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--keep": o = o with { Keep = true }; break;
                case "--verbose": o = o with { Verbose = true }; break;
                default:
                    Console.Error.WriteLine($"Unknown argument {args[i]}. Use --docs N --queries N --warmup N --seed N --keep --verbose");
                    return null;
            }
        }

        return o.Documents > 0 && o.Queries > 0 && o.Warmup >= 0 ? o : null;
    }
}
