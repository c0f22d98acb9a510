using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Assets;
using SaferBcp.Cms.Audit;
using SaferBcp.Cms.Background;
using SaferBcp.Cms.Caching;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Hosting;
using SaferBcp.Cms.KeyRing;
using SaferBcp.Cms.Modules;
using SaferBcp.Cms.Navigation;
using SaferBcp.Cms.Recipes;
using SaferBcp.Cms.Recipes.Steps;
using SaferBcp.Cms.Security;
using SaferBcp.Cms.Settings;

namespace SaferBcp.Cms;

/// <summary>
/// The kernel: database, content versions and routes, recipes, accounts and permissions, audit,
/// settings, menus, the request pipeline's security and error handling, and the back office shell.
/// </summary>
public sealed class CmsStartup : ModuleStartup
{
    public override int Order => 0;

    public override IEnumerable<Permission> Permissions => CmsPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>()
            .Bind(configuration.GetSection("Portal"))
            .PostConfigure<IHostEnvironment>((options, environment) => PortalAddressDefaults.Apply(options, environment, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalAddressValidation>();
        services.AddSingleton<PublicAddress>();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<PortalOptions>>((forwarded, portal) => TrustedProxies.Apply(forwarded, portal.Value.TrustedProxies));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<PortalDataPaths>();
        services.AddScoped<PortalDatabase>();
        services.AddSingleton<SqliteWriterQueue>();
        services.AddPortalDbContext<CmsDbContext>("Cms");

        // Data Protection's key ring: in the database on PostgreSQL, in files on SQLite; encrypted with Portal:KeyProtectionCertificate.
        services.AddPortalKeyRing(configuration);

        AddAccounts(services, configuration);

        services.AddSingleton<ContentTypeRegistry>();
        services.AddScoped<ContentManager>();
        services.AddScoped<SaferBcp.Cms.Localization.ContentTranslations>();
        services.AddScoped<ContentChangeLog>();
        services.AddScoped<IContentValidator, TitleValidator>();
        services.AddScoped<IContentValidator, AutorouteValidator>();
        services.AddScoped<IContentValidator, SaferBcp.Cms.Localization.LocalizationValidator>();
        services.AddSingleton<LocalCaches>();
        services.AddScoped<ChangeAnnouncer>();
        services.AddScoped<IContentHandler, OutputCacheEvictionHandler>();
        services.AddScoped<AuditLog>();
        services.AddScoped<SiteSettings>();
        services.AddScoped<MenuService>();
        services.AddScoped<SiteChrome>();
        services.AddScoped<AdminMenu>();
        services.AddSingleton<MarkdownRenderer>();
        // Interface strings per culture from .resx files (see Localization/PortalText.cs); the culture comes from the address.
        services.AddLocalization();
        // Polish and Arabic text written as characters rather than &#x…; entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddScoped<RecipeExecutor>();
        services.AddScoped<IRecipeStep, SettingsStep>();
        services.AddScoped<IRecipeStep, RolesStep>();
        services.AddScoped<IRecipeStep, UsersStep>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddScoped<IRecipeStep, MenusStep>();

        foreach (var reserved in new[] { "admin", "account", "assets", "media", "health", "error", "status", "exit-this-page", "search" })
        {
            services.AddSingleton(new ReservedPath(reserved));
        }

        services.AddSingleton(new AdminMenuItem("Dashboard", "/admin", CmsPermissions.AccessAdmin, 0));
        services.AddSingleton(new AdminMenuItem("Content", "/admin/content", CmsPermissions.ManageContent, 10));
        services.AddSingleton(new AdminMenuItem("Menus", "/admin/menus", CmsPermissions.ManageMenus, 30));
        services.AddSingleton(new AdminMenuItem("Users", "/admin/users", CmsPermissions.ManageUsers, 80));
        services.AddSingleton(new AdminMenuItem("Roles", "/admin/roles", CmsPermissions.ManageUsers, 81));
        services.AddSingleton(new AdminMenuItem("Audit log", "/admin/audit", CmsPermissions.ViewAuditLog, 85));
        services.AddSingleton(new AdminMenuItem("Settings", "/admin/settings", CmsPermissions.ManageSettings, 90));
        services.AddSingleton(new AdminMenuItem("Import and export", "/admin/recipes", CmsPermissions.ImportExportRecipes, 95));

        services.AddOutputCache(PublicCache.AddPolicies);
        services.AddPortalStaticAssets();
        services.AddPortalResponseCompression();
        services.AddScoped<JobLeases>();
        services.AddHostedService<ScheduledPublishingService>();
        services.AddHostedService<ChangeLogCacheInvalidator>();
        services.AddSingleton<ChangeNotificationListener>();
        services.AddHostedService(provider => provider.GetRequiredService<ChangeNotificationListener>());
        services.AddHealthChecks().AddDbContextCheck<CmsDbContext>("database", tags: ["ready"]);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        services.Configure<MvcOptions>(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "saferbcp-form";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        // Behind a TLS proxy a node may be spoken to in plain HTTP, and "SameAsRequest" would then send cookies
        // without Secure. The public address says how visitors arrive, so it decides for every cookie.
        services.AddOptions<CookiePolicyOptions>().Configure<PublicAddress>((o, address) =>
            o.Secure = address.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.None);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
    }

    private static void AddAccounts(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<PortalUser, PortalRole>(o =>
            {
                // Length and a guessability check (GuessablePasswordValidator), not composition rules (ASVS 2.1.9).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CmsDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "saferbcp-staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = CalledByScriptAttribute.AnswerSignedOut(o.Events.OnRedirectToLogin);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>, PermissionPolicySetup>();
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection("Portal:SignIn"));
        services.AddSingleton<ClientAddressKey>();
        services.AddRateLimiter(SignInRateLimiting.AddPolicy);
        services.AddSingleton<FirstAdministratorPasswordFile>();
    }

    /// <summary>Adds the request pipeline in a fixed order; module middleware comes after authorization.</summary>
    public static void UseKernelPipeline(WebApplication app)
    {
        // First, so that everything after it (HSTS, secure cookies, the rate limiter, sign-in) sees the visitor's
        // address and scheme. Only with proxies listed: with none, ASP.NET would believe the headers from anyone.
        if (app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<PublicHostMiddleware>();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseMiddleware<UnreadableRequestMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCookiePolicy();
        app.UseMiddleware<SaferBcp.Cms.Localization.CulturePathMiddleware>();
        app.UsePortalStaticAssets();

        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<AccountRequirementsMiddleware>();
        app.UseAuthorization();

        // The one rate limiter of the pipeline; modules add their policies with AddRateLimiter (Forms does).
        app.UseRateLimiter();
        foreach (var module in app.Services.GetRequiredService<ModuleCatalog>().Enabled)
        {
            module.ConfigureBeforeOutputCache(app);
        }

        app.UseOutputCache();
        // After the output cache, so that a cached page is stored compressed (see PortalResponseCompression).
        app.UseResponseCompression();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        endpoints.MapGet(SecurityTxt.Path, SecurityTxt.Answer);
        endpoints.MapControllers();
    }
}

/// <summary>A folder of static files a theme or module serves under a URL prefix.</summary>
public sealed record StaticAssetFolder(PathString RequestPath, Microsoft.Extensions.FileProviders.IFileProvider FileProvider);
