using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SaferBcp.Cms.Content;

namespace SaferBcp.Search.Services;

/// <summary>
/// The Lucene.Net index of published content on this node: English analysis with stemming
/// ("abused" finds "abuse"), title and summary weighted above the body, highlighted snippets.
/// Thread-safe: one writer, a SearcherManager for readers.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string FactPrefix = "fact.";
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    public SearchIndex(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        _directory = FSDirectory.Open(folder);
        WasEmptyAtStart = !DirectoryReader.IndexExists(_directory);
        Analyzer = CreateAnalyzer();
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, Analyzer) { OpenMode = OpenMode.CREATE_OR_APPEND });
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    /// <summary>True when there was no index on disk, so it must be rebuilt from the database.</summary>
    public bool WasEmptyAtStart { get; }

    public Analyzer Analyzer { get; }

    /// <summary>One catch-up or rebuild at a time on this node.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The last change-log entry this index reflects (kept in memory; the database cursor is the durable copy).</summary>
    public long AppliedChangeId { get; set; } = -1;

    public static Analyzer CreateAnalyzer() => new EnglishAnalyzer(Version);

    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Changes whenever a commit changes what searches find (the reader's version); a key for cached results.</summary>
    public long ReaderVersion
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return ((DirectoryReader)searcher.IndexReader).Version;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    public void Upsert(string contentItemId, SearchText text)
    {
        var document = new Document
        {
            new StringField(IdField, contentItemId, Field.Store.YES),
            new StringField("kind", text.Kind, Field.Store.YES),
            new StringField("culture", text.Culture, Field.Store.YES),
            new StoredField("url", text.Url),
            new TextField("title", text.Title, Field.Store.YES),
            new TextField("summary", text.Summary, Field.Store.YES),
            new TextField("body", text.Body, Field.Store.YES),
        };
        foreach (var fact in text.Facts)
        {
            document.Add(new StoredField(FactPrefix + fact.Key, fact.Value));
        }

        _writer.UpdateDocument(new Term(IdField, contentItemId), document);
    }

    public void Delete(string contentItemId) => _writer.DeleteDocuments(new Term(IdField, contentItemId));

    public void DeleteAll() => _writer.DeleteAll();

    /// <summary>Makes changes durable and visible to the next search.</summary>
    public void Commit()
    {
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    public SearchResults Search(string query, int page, int pageSize, string culture = SaferBcp.Cms.Localization.PortalCultures.Default)
    {
        var parsed = Parse(query);
        if (parsed is null)
        {
            return new SearchResults(query, [], 0, page, pageSize);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(InCulture(parsed, culture), page * pageSize);
            var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), new QueryScorer(parsed))
            {
                TextFragmenter = new SimpleFragmenter(180),
            };
            // Only the page shown is loaded and highlighted; the rest of the top hits are just counted.
            var hits = new List<SearchHit>();
            foreach (var scoreDoc in top.ScoreDocs.Skip((page - 1) * pageSize))
            {
                var doc = searcher.Doc(scoreDoc.Doc);
                var summary = doc.Get("summary") ?? "";
                var body = doc.Get("body") ?? "";
                var summaryHtml = System.Net.WebUtility.HtmlEncode(summary);
                var highlightedSummary = Highlight(highlighter, "summary", summary);
                var snippet = Highlight(highlighter, "body", body) ?? highlightedSummary ?? summaryHtml;
                var facts = doc.Fields.Where(f => f.Name.StartsWith(FactPrefix, StringComparison.Ordinal))
                    .ToDictionary(f => f.Name[FactPrefix.Length..], f => f.GetStringValue(), StringComparer.Ordinal);
                hits.Add(new SearchHit(doc.Get(IdField), doc.Get("kind"), doc.Get("title"), doc.Get("url"), summaryHtml, snippet)
                {
                    Facts = facts,
                    HighlightedSummaryHtml = highlightedSummary ?? summaryHtml,
                    Culture = doc.Get("culture") ?? SaferBcp.Cms.Localization.PortalCultures.Default,
                });
            }

            return new SearchResults(query, hits, top.TotalHits, page, pageSize);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Words typed by a person, never query syntax: special characters are escaped and all words must match.</summary>
    internal Query? Parse(string query)
    {
        var cleaned = query.Trim();
        if (cleaned.Length == 0)
        {
            return null;
        }

        var parser = new MultiFieldQueryParser(Version, ["title", "summary", "body"], Analyzer, new Dictionary<string, float> { ["title"] = 4f, ["summary"] = 2f, ["body"] = 1f })
        {
            DefaultOperator = Operator.AND,
        };
        try
        {
            var parsed = parser.Parse(QueryParserBase.Escape(cleaned));
            return parsed is BooleanQuery { Clauses.Count: 0 } ? null : parsed;
        }
        catch (ParseException)
        {
            return null;
        }
    }

    /// <summary>English searches leave translations out; /pl/search finds Polish translations and English pages.</summary>
    private static BooleanQuery InCulture(Query parsed, string culture)
    {
        var filtered = new BooleanQuery { { parsed, Occur.MUST } };
        foreach (var other in SaferBcp.Cms.Localization.PortalCultures.Translated.Where(c => c != culture))
        {
            filtered.Add(new TermQuery(new Term("culture", other)), Occur.MUST_NOT);
        }

        return filtered;
    }

    private string? Highlight(Highlighter highlighter, string field, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        using var stream = Analyzer.GetTokenStream(field, text);
        var fragments = highlighter.GetBestFragments(stream, text, 2, " … ");
        return string.IsNullOrEmpty(fragments) ? null : fragments;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        Gate.Dispose();
        _writer.Dispose();
        Analyzer.Dispose();
        _directory.Dispose();
    }
}

public sealed record SearchHit(string ContentItemId, string Kind, string Title, string Url, string SummaryHtml, string SnippetHtml)
{
    /// <summary>The short facts the kind's result layout shows (keys in <see cref="SearchFacts"/>).</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>The whole summary with the searched words marked, for layouts that show the summary rather than a snippet.</summary>
    public string HighlightedSummaryHtml { get; init; } = "";

    /// <summary>The result's language, so a Polish results page marks English results as English.</summary>
    public string Culture { get; init; } = SaferBcp.Cms.Localization.PortalCultures.Default;

    public string? Fact(string key) => Facts.GetValueOrDefault(key) is { Length: > 0 } value ? value : null;
}

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
