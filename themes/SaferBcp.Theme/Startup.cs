using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using SaferBcp.Cms;
using SaferBcp.Cms.Modules;

namespace SaferBcp.Theme;

/// <summary>
/// The public theme: the layout (header, menus, campaign banners, Exit this page, footer), the shared
/// _ViewStart, and the compiled GOV.UK Frontend assets served at /assets.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override int Order => 1;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "theme-assets");
        Directory.CreateDirectory(assets);
        services.AddSingleton(new StaticAssetFolder("/assets", new PhysicalFileProvider(assets)));
    }
}
