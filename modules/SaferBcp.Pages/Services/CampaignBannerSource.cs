using Microsoft.EntityFrameworkCore;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Display;

namespace SaferBcp.Pages.Services;

/// <summary>Puts a banner on every public page for each campaign running today (UK date).</summary>
public sealed class CampaignBannerSource : ISiteBannerSource
{
    private readonly PagesDbContext _db;
    private readonly TimeProvider _clock;

    public CampaignBannerSource(PagesDbContext db, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
    }

    public async Task<IReadOnlyList<SiteBanner>> GetBannersAsync()
    {
        var today = UkTime.Today(_clock);
        var running = await _db.Campaigns.AsNoTracking()
            .Where(c => c.StartsOn <= today && c.EndsOn >= today)
            .OrderBy(c => c.EndsOn).Take(3).ToListAsync();
        return running.Select(c => new SiteBanner(c.BannerText.Length > 0 ? c.BannerText : c.Title, c.Title, "/" + c.Path)).ToList();
    }
}
