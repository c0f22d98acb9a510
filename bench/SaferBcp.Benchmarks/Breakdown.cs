using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using SaferBcp.Search.Services;

namespace SaferBcp.Benchmarks;

/// <summary>
/// Diagnostic (--breakdown): where a search's time goes. Rebuilds the same query as SearchIndex.Parse
/// (MultiFieldQueryParser, title^4 summary^2 body^1, AND) on a separate reader of the same index, and times
/// parse, top-10 search, loading the 10 stored documents and highlighting their snippets separately.
/// </summary>
public static class Breakdown
{
    public static void Run(string folder, IReadOnlyList<string> queries, int pageSize)
    {
        using var directory = FSDirectory.Open(folder);
        using var reader = DirectoryReader.Open(directory);
        using var analyzer = SearchIndex.CreateAnalyzer();
        var searcher = new IndexSearcher(reader);
        var phases = new[] { "parse", "search top 10", "load 10 docs", "highlight", "total" };
        var times = phases.Select(_ => new List<double>()).ToArray();

        for (var round = 0; round < 2; round++)
        {
            // Round 0 warms up; round 1 is measured.
            foreach (var text in queries)
            {
                var sw = Stopwatch.StartNew();
                var parser = new MultiFieldQueryParser(SearchIndex.Version, ["title", "summary", "body"], analyzer,
                    new Dictionary<string, float> { ["title"] = 4f, ["summary"] = 2f, ["body"] = 1f })
                { DefaultOperator = Operator.AND };
                var query = parser.Parse(QueryParserBase.Escape(text.Trim()));
                var t0 = sw.Elapsed.TotalMilliseconds;
                var top = searcher.Search(query, pageSize);
                var t1 = sw.Elapsed.TotalMilliseconds;
                var docs = top.ScoreDocs.Select(d => searcher.Doc(d.Doc)).ToList();
                var t2 = sw.Elapsed.TotalMilliseconds;
                var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), new QueryScorer(query))
                {
                    TextFragmenter = new SimpleFragmenter(180),
                };
                foreach (var doc in docs)
                {
                    var body = doc.Get("body") ?? "";
                    using var stream = analyzer.GetTokenStream("body", body);
                    _ = highlighter.GetBestFragments(stream, body, 2, " … ");
                }

                var t3 = sw.Elapsed.TotalMilliseconds;
                if (round == 1)
                {
                    times[0].Add(t0);
                    times[1].Add(t1 - t0);
                    times[2].Add(t2 - t1);
                    times[3].Add(t3 - t2);
                    times[4].Add(t3);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Breakdown over {queries.Count:N0} queries (ms; same query, weights and highlighter as SearchIndex.Search):");
        for (var i = 0; i < phases.Length; i++)
        {
            var sorted = times[i].Order().ToArray();
            Console.WriteLine($"  {phases[i],-14} p50 {sorted[sorted.Length / 2],6:F2}   p95 {sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1],6:F2}   mean {sorted.Average(),6:F2}");
        }
    }
}
