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

/// <summary>What the public layout needs around every page: site name, menus and banners.</summary>
public sealed class SiteChrome
{
    private readonly SiteSettings _settings;
    private readonly MenuService _menus;
    private readonly IEnumerable<ISiteBannerSource> _banners;

    public SiteChrome(SiteSettings settings, MenuService menus, IEnumerable<ISiteBannerSource> banners)
    {
        _settings = settings;
        _menus = menus;
        _banners = banners;
    }

    /// <summary>Around the "try again" page when the database cannot be reached: nothing that needs it.</summary>
    public static readonly SiteChromeModel WithoutDatabase = new("Safer BCP", "", [], [], []);

    public async Task<SiteChromeModel> GetAsync()
    {
        try
        {
            return await ReadAsync();
        }
        catch (Exception e) when (Data.DatabaseUnavailable.Is(e))
        {
            return WithoutDatabase;
        }
    }

    private async Task<SiteChromeModel> ReadAsync()
    {
        var banners = new List<SiteBanner>();
        foreach (var source in _banners)
        {
            banners.AddRange(await source.GetBannersAsync());
        }

        return new SiteChromeModel(
            await _settings.GetAsync(SiteSettings.SiteName, "Safer BCP"),
            await _settings.GetAsync(SiteSettings.SiteTagline, ""),
            await _menus.GetAsync("main"),
            await _menus.GetAsync("footer"),
            banners);
    }
}
