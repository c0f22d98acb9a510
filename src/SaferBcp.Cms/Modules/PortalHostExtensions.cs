using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Cms.Modules;

public static class PortalHostExtensions
{
    /// <summary>
    /// Registers the kernel and every module the host lists, except those named in
    /// configuration under Modules:Disabled (an array of module names). Stops the start if a
    /// module needs one that is switched off or not listed, or modules need each other in a circle (see <see cref="ModuleDependencies"/>),
    /// and runs each module after those it needs.
    /// </summary>
    public static WebApplicationBuilder AddPortalModules(this WebApplicationBuilder builder, params ModuleStartup[] modules)
    {
        var disabledNames = builder.Configuration.GetSection("Modules:Disabled").Get<string[]>() ?? [];
        var all = new List<ModuleStartup> { new CmsStartup() };
        all.AddRange(modules);
        var enabled = ModuleDependencies.RunOrder(
            all, all.Where(m => m is CmsStartup || !disabledNames.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList());
        var disabled = all.Except(enabled).ToList();
        var catalog = new ModuleCatalog(enabled, disabled);
        builder.Services.AddSingleton(catalog);

        var mvc = builder.Services.AddControllersWithViews();
        mvc.ConfigureApplicationPartManager(parts =>
        {
            foreach (var assembly in catalog.EnabledAssemblies)
            {
                if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                {
                    parts.ApplicationParts.Add(new AssemblyPart(assembly));
                }
            }

            // A switched-off module's controllers and views must not answer.
            foreach (var part in parts.ApplicationParts.ToList())
            {
                var assembly = (part as AssemblyPart)?.Assembly ?? (part as CompiledRazorAssemblyPart)?.Assembly;
                if (assembly is not null && catalog.DisabledAssemblies.Contains(assembly))
                {
                    parts.ApplicationParts.Remove(part);
                }
            }
        });

        foreach (var module in enabled)
        {
            foreach (var permission in module.Permissions)
            {
                builder.Services.AddSingleton(permission);
            }

            module.ConfigureServices(builder.Services, builder.Configuration);
        }

        foreach (var permission in disabled.SelectMany(m => m.Permissions))
        {
            builder.Services.AddSingleton(new Security.InactivePermission(permission.Name));
        }

        return builder;
    }

    public static WebApplication UsePortalModules(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        CmsStartup.UseKernelPipeline(app);
        foreach (var module in catalog.Enabled)
        {
            module.Configure(app);
        }

        foreach (var module in catalog.Enabled)
        {
            module.MapEndpoints(app);
        }

        return app;
    }
}
