using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        foreach (var id in expired)
        {
            await _content.UnpublishAsync(id, User);
        }

        return expired.Count;
    }
}

public sealed class SafePlaceExpiryService : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<SafePlaceExpiryService> _logger;

    public SafePlaceExpiryService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SafePlaceExpiryService> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var hidden = await scope.ServiceProvider.GetRequiredService<SafePlaceExpiry>().HideExpiredAsync(stoppingToken);
                if (hidden > 0)
                {
                    _logger.LogInformation("Unpublished {Count} Safe Place(s) not checked for too long", hidden);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Hiding Safe Places not checked for too long failed; will retry");
            }

            try
            {
                await Task.Delay(Interval, _clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
