using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using SaferBcp.Cms;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Cms.Recipes;
using SaferBcp.Cms.Settings;
using SaferBcp.Forms;
using SaferBcp.Forms.Services;
using SaferBcp.Referrals.Services;

namespace SaferBcp.Referrals;

/// <summary>
/// Self-referrals: the "referral" form kind and its landing page (/refer-yourself), routing to teams (rules,
/// default team, urgent threshold, the back office's tester), encrypted storage, the officers' inbox
/// (/admin/referrals), the guard on referral forms (ManageReferralForms with two-factor, changes audited), the email templates, the "referral-routing" recipe step and the daily retention job.
/// </summary>
public sealed class Startup : ModuleStartup
{
    /// <summary>After Forms and Email, which it extends.</summary>
    public override int Order => 200;

    /// <summary>Referral forms are a Forms kind, and every finished one queues team and acknowledgement emails.</summary>
    public override IEnumerable<string> Dependencies => ["SaferBcp.Forms", "SaferBcp.Email"];

    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Referrals.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReferralOptions>(configuration.GetSection("Referrals"));
        services.AddPortalDbContext<ReferralsDbContext>("Referrals");

        services.AddFormKind(ReferralKind.Kind);
        services.AddSiteSetting(ReferralSiteSettings.AsbCaseReviewThreshold, ReferralSiteSettings.AsbCaseReviewThresholdLabel, ReferralSiteSettings.AsbCaseReviewThresholdHint);
        services.AddScoped<IFormSubmissionHandler, ReferralSubmissionHandler>();
        services.AddScoped<ReferralForms>();
        services.AddScoped<ReferralFormGuard>();
        services.AddScoped<IContentValidator>(sp => sp.GetRequiredService<ReferralFormGuard>());
        services.AddScoped<IContentHandler>(sp => sp.GetRequiredService<ReferralFormGuard>());
        services.AddScoped<RoutingStore>();
        services.AddScoped<ReferralNotifier>();
        services.AddSingleton<ReferralProtector>();
        services.AddScoped<ReferralInbox>();
        services.AddScoped<ReferralTaggedAnswers>();
        services.AddScoped<IDashboardPanel, ReferralsDashboardPanel>();
        services.AddScoped<ReferralRetention>();
        services.AddHostedService<ReferralRetentionService>();
        services.AddScoped<IRecipeStep, ReferralRoutingStep>();
        services.AddSingleton(ReferralTemplates.TeamNotificationTemplate);
        services.AddSingleton(ReferralTemplates.AcknowledgementTemplate);

        var assets = Path.Combine(AppContext.BaseDirectory, "referrals-assets");
        Directory.CreateDirectory(assets);
        services.AddSingleton(new StaticAssetFolder("/assets/referrals", new PhysicalFileProvider(assets)));

        services.AddSingleton(new AdminMenuItem("Referrals", "/admin/referrals", SaferBcp.Referrals.Permissions.ViewReferrals, 40));
        services.AddSingleton(new AdminMenuItem("Referral routing", "/admin/referrals/routing", SaferBcp.Referrals.Permissions.ManageReferralRouting, 41));
    }
}
