using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Modules;
using SaferBcp.Pages.Models;
using SaferBcp.Pages.Services;

namespace SaferBcp.Pages;

/// <summary>
/// Pages, campaigns and news: content types with a Markdown body, the home page, the campaign banner,
/// lists of campaigns and news, and index tables for them. Uses the kernel's content permissions.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ContentTypeDefinition(PageTypes.Page, "Page", "An information page, like About Safer BCP or Get help now"));
        services.AddSingleton(new ContentTypeDefinition(PageTypes.Campaign, "Campaign", "A campaign with start and end dates; shows a banner on every page while it runs"));
        services.AddSingleton(new ContentTypeDefinition(PageTypes.News, "News", "A dated news item"));

        services.AddPortalDbContext<PagesDbContext>("Pages");
        services.AddScoped<IContentHandler, PageIndexHandler>();
        services.AddScoped<IContentValidator, PageValidator>();
        services.AddScoped<IContentDisplay, PageDisplay>();
        services.AddScoped<IContentEditor, PageEditor>();
        services.AddSingleton<IContentSearchText, PageSearchText>();
        services.AddScoped<ISiteBannerSource, CampaignBannerSource>();

        services.AddSingleton(new ReservedPath("campaigns", WholePathOnly: true));
        services.AddSingleton(new ReservedPath("news", WholePathOnly: true));
    }
}
