using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Search.Services;

namespace SaferBcp.Search;

/// <summary>
/// Site search on Lucene.Net: /search, an index per node in the data folder rebuilt from the database
/// when missing and kept current from the content change log (caught up when content changes, not on every search),
/// repeated searches answered from a cache per index version, and a back-office page to rebuild it.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Search.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => new SearchIndex(provider.GetRequiredService<PortalDataPaths>().Folder("search-index")));
        services.AddSingleton<RebuildProgress>();
        services.AddSingleton<SearchResultCache>();
        services.AddSingleton<SearchFreshness>();
        services.AddScoped<SearchIndexer>();
        services.AddHostedService<SearchIndexingService>();

        services.AddSingleton(new AdminMenuItem("Search index", "/admin/search", SaferBcp.Search.Permissions.ManageSearch, 70));
    }
}
