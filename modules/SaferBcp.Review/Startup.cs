using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;
using SaferBcp.Cms.Settings;
using SaferBcp.Review.Services;

namespace SaferBcp.Review;

/// <summary>
/// Review before publishing: content that matches the "Content that needs review" setting goes live only through a
/// Reviewer (ReviewContent). Others submit the draft with a note; Reviewers get an email with a link only, compare it
/// with the published version in the queue at /admin/review, and approve it (now, or at the editor's time through the
/// kernel's scheduled publishing) or send it back with comments. Every step is audited and kept in Review_Requests.
/// </summary>
public sealed class Startup : ModuleStartup
{
    public override IEnumerable<string> Dependencies => ["SaferBcp.Email"];

    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.Review.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPortalDbContext<ReviewDbContext>("Review");
        services.AddSiteSetting(ReviewRules.SettingKey, "Content that needs review", ReviewRules.SettingHint);
        services.AddScoped<ReviewRules>();
        services.AddScoped<IPublishingGate, ReviewGate>();
        services.AddScoped<IContentHandler, ReviewDraftHandler>();
        services.AddScoped<ReviewWorkflow>();
        services.AddScoped<ReviewerNotifier>();
        services.AddSingleton<VersionDifference>();
        services.AddSingleton(ReviewerNotifier.Template);
        services.AddSingleton(new ContentEditPanel("ReviewPanel"));
        services.AddSingleton(new AdminMenuItem("Review", "/admin/review", SaferBcp.Review.Permissions.ReviewContent, 15));
    }
}
