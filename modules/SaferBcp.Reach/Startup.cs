using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Forms.Services;
using SaferBcp.Reach.Services;

namespace SaferBcp.Reach;

/// <summary>
/// Campaign reach without tracking: page views counted on the server per published item per day (no cookie, no
/// address, no browser details, no identifier: counts only; programs and prefetches left out by
/// <see cref="CountingRule"/>), other websites' domains for campaign pages, sensitive pages as one daily total, form
/// starts and completions. Counted in memory on each node (before the output cache, so cached pages count) and added
/// to the database by <see cref="ReachFlushJob"/> every Reach:FlushInterval. Staff with ViewReach see it at /admin/reach.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override IEnumerable<string> Dependencies => ["SaferBcp.Forms", "SaferBcp.Pages"];

    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Reach.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReachOptions>(configuration.GetSection("Reach"));
        services.AddPortalDbContext<ReachDbContext>("Reach");
        services.AddSingleton<ReachCounter>();
        services.AddSingleton<IFormJourneyObserver, FormReachObserver>();
        services.AddScoped<ReachStore>();
        services.AddHostedService<ReachFlushJob>();

        services.AddSingleton(new AdminMenuItem("Campaign reach", "/admin/reach", SaferBcp.Reach.Permissions.ViewReach, 25));
    }

    public override void ConfigureBeforeOutputCache(IApplicationBuilder app) => app.UseMiddleware<PageViewCountingMiddleware>();
}
