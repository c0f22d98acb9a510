using Microsoft.AspNetCore.Mvc;
using SaferBcp.Search.Services;

namespace SaferBcp.Search.Controllers;

/// <summary>/search?q= — results are current: the index catches up with the change log before each search.</summary>
public sealed class SearchController : Controller
{
    public const int PageSize = 10;
    private readonly SearchIndex _index;
    private readonly SearchIndexer _indexer;

    public SearchController(SearchIndex index, SearchIndexer indexer)
    {
        _index = index;
        _indexer = indexer;
    }

    [HttpGet("/search")]
    public async Task<IActionResult> Index(string? q, int page = 1)
    {
        q = (q ?? "").Trim();
        if (q.Length > 200)
        {
            q = q[..200];
        }

        page = Math.Clamp(page, 1, 100);
        await _indexer.CatchUpAsync(HttpContext.RequestAborted);
        var results = q.Length == 0 ? new SearchResults("", [], 0, 1, PageSize) : _index.Search(q, page, PageSize, SaferBcp.Cms.Localization.ContentTranslations.RequestCulture(HttpContext));
        ViewData["Title"] = q.Length == 0 ? "Search" : $"Search results for \u2018{q}\u2019";
        return View("~/Views/Search/Index.cshtml", results);
    }
}
