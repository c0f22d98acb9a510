using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Content;

namespace SaferBcp.Cms.Controllers;

[Route("admin")]
public sealed class AdminDashboardController : AdminControllerBase
{
    private readonly ContentManager _content;
    private readonly IEnumerable<IDashboardPanel> _panels;

    public AdminDashboardController(ContentManager content, IEnumerable<IDashboardPanel> panels)
    {
        _content = content;
        _panels = panels;
    }

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var panels = new List<DashboardPanel>();
        foreach (var panel in _panels)
        {
            if (await panel.BuildAsync(User) is { } built)
            {
                panels.Add(built);
            }
        }

        var recent = await _content.Query().Where(c => c.Latest).OrderByDescending(c => c.ModifiedUtc).Take(8).ToListAsync();
        var scheduled = await _content.Query().Where(c => c.PublishAtUtc != null || c.UnpublishAtUtc != null).OrderBy(c => c.PublishAtUtc ?? c.UnpublishAtUtc).Take(8).ToListAsync();
        ViewData["Title"] = "Dashboard";
        return View(new DashboardModel(panels, recent, scheduled));
    }
}

public sealed record DashboardModel(IReadOnlyList<DashboardPanel> Panels, IReadOnlyList<ContentItem> Recent, IReadOnlyList<ContentItem> Scheduled);
