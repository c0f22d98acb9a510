using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Modules;
using SaferBcp.Forms.Models;
using SaferBcp.Forms.Services;

namespace SaferBcp.Forms;

/// <summary>
/// Forms as data: the "Form" content type (validated, edited in the back office), the GOV.UK question-page
/// runner at /{kind prefix}/{slug} for every registered <see cref="FormKind"/>, encrypted server-side form
/// sessions deleted after inactivity (Forms:SessionIdleMinutes), a per-client rate limit on form posts, and
/// published forms in site search (<see cref="FormSearchText"/>).
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Forms");
        services.Configure<FormsOptions>(section);
        var options = section.Get<FormsOptions>() ?? new FormsOptions();

        services.AddSingleton(new ContentTypeDefinition(FormTypes.Form, "Form", "A form people fill in, page by page: self-referrals and surveys") { Routable = false });
        services.AddScoped<IContentValidator, FormValidator>();
        services.AddScoped<IContentValidator, FormPrefixPathValidator>();
        services.AddScoped<IContentEditor, FormEditor>();
        services.AddScoped<IContentDisplay, FormPreviewDisplay>();
        services.AddSingleton<IContentAddress, FormAddress>();
        services.AddSingleton<IContentSearchText, FormSearchText>();

        services.AddPortalDbContext<FormsDbContext>("Forms");
        services.AddScoped<FormSessionStore>();
        services.AddScoped<FormCatalog>();
        services.AddSingleton<AnswerValidator>();
        services.AddHostedService<FormSessionCleanupService>();

        services.Configure<RouteOptions>(o => o.ConstraintMap[FormPrefixConstraint.Name] = typeof(FormPrefixConstraint));
        services.AddRateLimiter(o => FormRateLimiting.AddPolicy(o, options));
    }
}

public static class FormKindRegistration
{
    /// <summary>Registers a form kind and reserves its address prefix, so no page can take it.</summary>
    public static IServiceCollection AddFormKind(this IServiceCollection services, FormKind kind)
    {
        services.AddSingleton(kind);
        services.AddSingleton(new ReservedPath(kind.PathPrefix));
        return services;
    }
}
