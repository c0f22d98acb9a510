using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Navigation;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms.Display;

/// <summary>A banner shown on every public page (e.g. a running campaign).</summary>
public sealed record SiteBanner(string Text, string? LinkText, string? LinkUrl);

public interface ISiteBannerSource
{
    Task<IReadOnlyList<SiteBanner>> GetBannersAsync();
}

public sealed record SiteChromeModel(string SiteName, string Tagline, IReadOnlyList<MenuLink> MainMenu, IReadOnlyList<MenuLink> FooterMenu, IReadOnlyList<SiteBanner> Banners);

/// <summary>
/// What the public layout needs around every page: site name, menus and banners. Kept in memory (one copy per UK day)
/// until settings, menus or published content change on any node (<see cref="LocalCaches"/>), so a page that is
/// not output-cached (a no-store form, the locator) does not query for them: the sources are resolved only to refill.
/// Banner sources read published content, whose every publish and unpublish is announced.
/// </summary>
public sealed class SiteChrome
{
    /// <summary>A backstop, as the public output cache's: a banner whose dates begin or end still shows or goes within a minute.</summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(60);

    private readonly IServiceProvider _services;
    private readonly IMemoryCache _cache;
    private readonly LocalCaches _caches;
    private readonly TimeProvider _clock;

    public SiteChrome(IServiceProvider services, IMemoryCache cache, LocalCaches caches, TimeProvider clock)
    {
        _services = services;
        _cache = cache;
        _caches = caches;
        _clock = clock;
    }

    /// <summary>Around the "try again" page when the database cannot be reached: nothing that needs it.</summary>
    public static readonly SiteChromeModel WithoutDatabase = new("Safer BCP", "", [], [], []);

    public async Task<SiteChromeModel> GetAsync()
    {
        var key = "site-chrome:" + UkTime.Today(_clock).DayNumber;
        if (_cache.TryGetValue(key, out SiteChromeModel? cached))
        {
            return cached!;
        }

        try
        {
            // Tokens taken before reading, so a change committed while reading expires what was read.
            var tokens = new[] { ChangeTopics.Settings, ChangeTopics.Menus, ChangeTopics.Content }.Select(_caches.ChangeToken).ToList();
            var chrome = await ReadAsync();
            var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = MaximumAge };
            tokens.ForEach(entry.ExpirationTokens.Add);
            return _cache.Set(key, chrome, entry);
        }
        catch (Exception e) when (Data.DatabaseUnavailable.Is(e))
        {
            return WithoutDatabase;
        }
    }

    private async Task<SiteChromeModel> ReadAsync()
    {
        var banners = new List<SiteBanner>();
        foreach (var source in _services.GetServices<ISiteBannerSource>())
        {
            banners.AddRange(await source.GetBannersAsync());
        }

        var settings = _services.GetRequiredService<SiteSettings>();
        var menus = _services.GetRequiredService<MenuService>();
        return new SiteChromeModel(
            await settings.GetAsync(SiteSettings.SiteName, "Safer BCP"),
            await settings.GetAsync(SiteSettings.SiteTagline, ""),
            await menus.GetAsync("main"),
            await menus.GetAsync("footer"),
            banners);
    }
}
