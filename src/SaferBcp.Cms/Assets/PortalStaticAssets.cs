using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace SaferBcp.Cms.Assets;

/// <summary>Registers and adds to the pipeline the serving of theme and module static files.</summary>
public static class PortalStaticAssets
{
    public static IServiceCollection AddPortalStaticAssets(this IServiceCollection services)
    {
        services.AddSingleton<StaticAssetCatalog>();
        // Replaces MVC's wwwroot-only provider, so asp-append-version fingerprints /assets/… links too.
        services.Replace(ServiceDescriptor.Singleton<IFileVersionProvider, AssetFingerprints>());
        return services;
    }

    /// <summary>Compressed text files first, then each folder's files as they are; both with the same caching rule.</summary>
    public static void UsePortalStaticAssets(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<StaticAssetCatalog>();
        app.UseMiddleware<CompressedStaticAssetMiddleware>();
        foreach (var assets in catalog.Folders)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = assets.RequestPath,
                FileProvider = assets.FileProvider,
                OnPrepareResponse = c =>
                {
                    var asset = catalog.Find(c.Context.Request.Path);
                    c.Context.Response.Headers.CacheControl = asset is null ? StaticAssetCaching.Plain : StaticAssetCaching.For(c.Context.Request, asset);
                    if (asset is { Compressible: true })
                    {
                        c.Context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                    }
                },
            });
        }
    }
}
