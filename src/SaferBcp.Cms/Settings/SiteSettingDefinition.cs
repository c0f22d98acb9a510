using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Cms.Settings;

/// <summary>
/// A site setting a module adds to the back office's Site settings page, for a fact only the partnership can decide
/// (a threshold, a promise). A module registers it in its Startup with <see cref="SiteSettingServiceCollectionExtensions.AddSiteSetting"/>;
/// page text shows it with a placeholder, see <see cref="SettingPlaceholders"/>.
/// </summary>
public sealed record SiteSettingDefinition(string Key, string Label, string Hint);

public static class SiteSettingServiceCollectionExtensions
{
    public static IServiceCollection AddSiteSetting(this IServiceCollection services, string key, string label, string hint) =>
        services.AddSingleton(new SiteSettingDefinition(key, label, hint));
}
