using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Controllers;
using SaferBcp.Search.Services;

namespace SaferBcp.Search.Controllers;

[Route("admin/search")]
[Authorize(Policy = Permissions.ManageSearch)]
public sealed class AdminSearchController : AdminControllerBase
{
    private readonly SearchIndex _index;
    private readonly RebuildProgress _progress;
    private readonly IServiceScopeFactory _scopes;
    private readonly AuditLog _audit;
    private readonly ILogger<AdminSearchController> _logger;

    public AdminSearchController(SearchIndex index, RebuildProgress progress, IServiceScopeFactory scopes, AuditLog audit, ILogger<AdminSearchController> logger)
    {
        _index = index;
        _progress = progress;
        _scopes = scopes;
        _audit = audit;
        _logger = logger;
    }

    [HttpGet("")]
    public IActionResult Index()
    {
        ViewData["Title"] = "Search index";
        if (_progress.Running)
        {
            // Refreshes itself while the rebuild runs; no JavaScript needed.
            ViewData["RefreshSeconds"] = 2;
        }

        return View("~/Views/AdminSearch/Index.cshtml", new SearchStatusModel(_index.DocumentCount, _index.AppliedChangeId, _progress));
    }

    [HttpPost("rebuild")]
    public async Task<IActionResult> Rebuild()
    {
        if (!_progress.Running)
        {
            _progress.Start(0);
            await _audit.WriteAsync("search.rebuild-started", "SearchIndex", null);
            _ = Task.Run(async () =>
            {
                try
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<SearchIndexer>().RebuildAsync();
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Search index rebuild failed");
                }
            });
        }

        Notice("The search index is being rebuilt. Search keeps working while it runs");
        return RedirectToAction(nameof(Index));
    }
}

public sealed record SearchStatusModel(int Documents, long ChangeId, RebuildProgress Progress);
