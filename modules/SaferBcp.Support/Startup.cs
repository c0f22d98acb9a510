using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Modules;
using SaferBcp.Support.Models;
using SaferBcp.Support.Services;

namespace SaferBcp.Support;

/// <summary>
/// Support services: the Service content type (pages at /support/services/...), its editor, validation,
/// search text and index table, and "Find support" at /support. Staff edit services in the kernel's content
/// admin with its content permissions (ManageContent, PublishContent).
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ContentTypeDefinition(SupportTypes.Service, "Support service", "A helpline or local service, listed by Find support"));

        services.AddPortalDbContext<SupportDbContext>("Support");
        services.AddScoped<IContentHandler, ServiceIndexHandler>();
        services.AddScoped<IContentValidator, ServiceValidator>();
        services.AddScoped<IContentDisplay, ServiceDisplay>();
        services.AddScoped<IContentEditor, ServiceEditor>();
        services.AddSingleton<IContentSearchText, ServiceSearchText>();
        services.AddScoped<ServiceFinder>();

        // The finder's own pages; services themselves live under support/services/.
        foreach (var path in new[] { "support", "support/who", "support/what", "support/where", "support/results" })
        {
            services.AddSingleton(new ReservedPath(path, WholePathOnly: true));
        }
    }
}
