using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Background;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms.Content;
using SaferBcp.SafePlaces.Models;

namespace SaferBcp.SafePlaces.Services;

/// <summary>
/// Takes down places not checked for HideAfterMonths. The locator, place pages and open data already leave them out
/// by date; unpublishing them as well takes them out of the site search (which indexes what is published) and
/// shows staff plainly that they are off the public site. Publishing again after checking puts them back.
/// </summary>
public sealed class SafePlaceExpiry
{
    public const string User = "Safe Places check";
    private readonly SafePlacesDbContext _db;
    private readonly ContentManager _content;
    private readonly SafePlaceFreshness _freshness;

    public SafePlaceExpiry(SafePlacesDbContext db, ContentManager content, SafePlaceFreshness freshness)
    {
        _db = db;
        _content = content;
        _freshness = freshness;
    }

    public async Task<int> HideExpiredAsync(CancellationToken cancellationToken = default)
    {
        var hiddenOnOrBefore = _freshness.HiddenOnOrBefore;
        var expired = await _db.Places.AsNoTracking().Where(p => p.LastVerified <= hiddenOnOrBefore).Select(p => p.ContentItemId).ToListAsync(cancellationToken);
        var hidden = 0;
        foreach (var id in expired)
        {
            // False for a place already down (hidden at an earlier run, or by another node just now).
            hidden += await _content.UnpublishAsync(id, User) ? 1 : 0;
        }

        return hidden;
    }
}

public sealed class SafePlaceExpiryService : PeriodicJob
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public SafePlaceExpiryService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SafePlaceExpiryService> logger)
        : base(scopes, clock, logger)
    {
    }

    protected override string Name => "Hiding Safe Places not checked for too long";

    protected override TimeSpan Interval => Every;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var hidden = await services.GetRequiredService<SafePlaceExpiry>().HideExpiredAsync(cancellationToken);
        if (hidden > 0)
        {
            Logger.LogInformation("Unpublished {Count} Safe Place(s) not checked for too long", hidden);
        }
    }
}
