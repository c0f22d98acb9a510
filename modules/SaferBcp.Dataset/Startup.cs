using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Cms.Recipes;
using SaferBcp.Dataset.Services;

namespace SaferBcp.Dataset;

/// <summary>
/// The partnership dataset: indicators, periods and values (DatasetDbContext, tables Dataset_*), the "dataset" recipe step,
/// disclosure control (Dataset:SuppressionThreshold, default 10) on every public and non-Analyst view, the public
/// "Our data" pages at /data with CSV and JSON downloads, and /admin/dataset for import, corrections and full exports.
/// Survey-mapped indicators get their figures from an <see cref="ISurveyIndicatorSource"/> the Surveys module registers.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Dataset.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatasetOptions>(configuration.GetSection("Dataset"));
        services.AddPortalDbContext<DatasetDbContext>("Dataset");
        services.AddScoped<DatasetStore>();
        services.AddScoped<SurveyIndicatorUpdater>();
        services.AddSingleton<SurveyRecomputeTurn>();
        services.AddScoped<IRecipeStep, DatasetStep>();
        services.AddSingleton(new Cms.Content.ReservedPath("data"));
        services.AddSingleton(new AdminMenuItem("Partnership dataset", "/admin/dataset", SaferBcp.Dataset.Permissions.ViewDataset, 60));
    }
}
