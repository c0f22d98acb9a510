using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Cms.Recipes;
using SaferBcp.Media.Services;

namespace SaferBcp.Media;

/// <summary>
/// The media library: image and PDF uploads checked by content (SVG refused), a size limit from
/// Media:MaxUploadBytes, alt text required, kept in the database (no node's disk) and served from /media/, and the
/// "media" recipe step.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Media.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection("Media"));
        services.AddPortalDbContext<MediaDbContext>("Media");
        services.AddScoped<MediaStore>();
        services.AddScoped<IRecipeStep, MediaStep>();
        services.AddHostedService<LegacyMediaImporter>();

        services.AddSingleton(new AdminMenuItem("Media library", "/admin/media", SaferBcp.Media.Permissions.ManageMedia, 20));
    }
}
