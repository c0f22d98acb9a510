using Microsoft.AspNetCore.Mvc;
using SaferBcp.Search.Services;

namespace SaferBcp.Search.Controllers;

/// <summary>
/// /search?q= — results are current: the index catches up with the change log whenever content has changed
/// (<see cref="SearchFreshness"/>), and repeated searches are answered from <see cref="SearchResultCache"/>.
/// </summary>
public sealed class SearchController : Controller
{
    public const int PageSize = 10;
    private readonly SearchResultCache _results;
    private readonly SearchFreshness _freshness;

    public SearchController(SearchResultCache results, SearchFreshness freshness)
    {
        _results = results;
        _freshness = freshness;
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
        await _freshness.EnsureCurrentAsync().WaitAsync(HttpContext.RequestAborted);
        var results = q.Length == 0 ? new SearchResults("", [], 0, 1, PageSize) : _results.Search(q, page, PageSize, SaferBcp.Cms.Localization.ContentTranslations.RequestCulture(HttpContext));
        ViewData["Title"] = q.Length == 0 ? "Search" : $"Search results for \u2018{q}\u2019";
        return View("~/Views/Search/Index.cshtml", results);
    }
}
