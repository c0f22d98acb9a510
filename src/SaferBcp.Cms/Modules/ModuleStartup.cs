using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Cms.Modules;

/// <summary>
/// What a module adds to the portal. Each module project has exactly one subclass, named Startup,
/// and everything the module contributes (services, content types, permissions, admin menu entries,
/// recipe steps, database contexts, endpoints) is registered from it, so reading it shows the whole module.
/// </summary>
public abstract class ModuleStartup
{
    /// <summary>The name used in configuration (Modules:Disabled) and logs, e.g. "SaferBcp.Pages".</summary>
    public virtual string Name => GetType().Assembly.GetName().Name!;

    /// <summary>
    /// Lower runs first, among modules whose <see cref="Dependencies"/> have already run. The kernel is 0, the themes 1 and 2.
    /// </summary>
    public virtual int Order => 100;

    /// <summary>
    /// The modules this one needs, by <see cref="Name"/> (e.g. "SaferBcp.Forms"); the kernel is implied. The portal
    /// will not start if one of them is switched off or not listed by the host, and runs this module after them.
    /// </summary>
    public virtual IEnumerable<string> Dependencies => [];

    /// <summary>
    /// The permissions the module declares. The kernel registers them (and an authorization policy of the
    /// same name for each); those of a switched-off module stay known to recipes, so roles that mention
    /// them still apply.
    /// </summary>
    public virtual IEnumerable<Security.Permission> Permissions => [];

    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>
    /// Middleware that must see every public request, including those the output cache answers: added after routing,
    /// authentication and the rate limiter, just before the output cache. Keep it cheap: it runs on every page view.
    /// </summary>
    public virtual void ConfigureBeforeOutputCache(IApplicationBuilder app)
    {
    }

    /// <summary>Middleware the module needs, added after routing and authentication.</summary>
    public virtual void Configure(IApplicationBuilder app)
    {
    }

    /// <summary>Endpoints beyond MVC controllers (which are discovered from the module's assembly).</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
