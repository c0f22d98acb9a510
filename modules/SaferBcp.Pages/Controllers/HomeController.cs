using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Settings;
using SaferBcp.Pages.Models;

namespace SaferBcp.Pages.Controllers;

/// <summary>The home page, and the lists of campaigns and news.</summary>
public sealed class HomeController : Controller
{
    private readonly PagesDbContext _db;
    private readonly SiteSettings _settings;
    private readonly MarkdownRenderer _markdown;
    private readonly TimeProvider _clock;

    public HomeController(PagesDbContext db, SiteSettings settings, MarkdownRenderer markdown, TimeProvider clock)
    {
        _db = db;
        _settings = settings;
        _markdown = markdown;
        _clock = clock;
    }

    [HttpGet("/")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Index()
    {
        var today = UkTime.Today(_clock);
        var campaigns = await _db.Campaigns.AsNoTracking().Where(c => c.StartsOn <= today && c.EndsOn >= today).OrderBy(c => c.EndsOn).ToListAsync();
        var news = await _db.News.AsNoTracking().OrderByDescending(n => n.Date).Take(3).ToListAsync();
        ViewData["Title"] = await _settings.GetAsync(SiteSettings.SiteName, "Safer BCP");
        ViewData["IsHome"] = true;
        return View("~/Views/Pages/Home.cshtml", new HomeViewModel(
            await _settings.GetAsync(SiteSettings.SiteName, "Safer BCP"),
            await _settings.GetAsync(SiteSettings.SiteTagline),
            _markdown.ToHtml(await _settings.GetAsync(SiteSettings.HomeIntro)),
            campaigns,
            news));
    }

    [HttpGet("/campaigns")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Campaigns()
    {
        var today = UkTime.Today(_clock);
        var all = await _db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartsOn).ToListAsync();
        ViewData["Title"] = "Campaigns";
        return View("~/Views/Pages/Campaigns.cshtml", new CampaignListViewModel(
            all.Where(c => c.StartsOn <= today && c.EndsOn >= today).ToList(),
            all.Where(c => c.StartsOn > today).OrderBy(c => c.StartsOn).ToList(),
            all.Where(c => c.EndsOn < today).ToList()));
    }

    [HttpGet("/news")]
    [OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> News(int page = 1)
    {
        const int size = 10;
        page = Math.Max(1, page);
        var total = await _db.News.CountAsync();
        var items = await _db.News.AsNoTracking().OrderByDescending(n => n.Date).ThenBy(n => n.Title).Skip((page - 1) * size).Take(size).ToListAsync();
        ViewData["Title"] = "News";
        return View("~/Views/Pages/News.cshtml", new NewsListViewModel(items, page, Math.Max(1, (total + size - 1) / size)));
    }
}

public sealed record HomeViewModel(string SiteName, string Tagline, string IntroHtml, IReadOnlyList<CampaignIndex> Campaigns, IReadOnlyList<NewsIndex> News);

public sealed record CampaignListViewModel(IReadOnlyList<CampaignIndex> Running, IReadOnlyList<CampaignIndex> Coming, IReadOnlyList<CampaignIndex> Past);

public sealed record NewsListViewModel(IReadOnlyList<NewsIndex> Items, int Page, int Pages);
