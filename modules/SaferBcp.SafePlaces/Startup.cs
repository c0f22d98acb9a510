using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using SaferBcp.Cms;
using SaferBcp.Cms.Admin;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Data;
using SaferBcp.Cms.Display;
using SaferBcp.Cms.Modules;
using SaferBcp.Referrals.Services;
using SaferBcp.SafePlaces.Models;
using SaferBcp.SafePlaces.Services;

namespace SaferBcp.SafePlaces;

/// <summary>
/// Safe Places: the SafePlace content type and its editor, the index table, the public locator at /safe-places
/// (postcode or "Use my location", filters, distance, open now), a page per place, open data as CSV and GeoJSON,
/// and the back office list with CSV imports of places and of the postcode lookup. Settings: SafePlaces:FlagAfterMonths,
/// SafePlaces:HideAfterMonths, SafePlaces:PageSize. On a venue's "apply to become a Safe Place" referral, an officer who
/// may manage places gets a button that turns the application into a draft place.
/// </summary>
public sealed class Startup : ModuleStartup
{
    /// <summary>A venue's application is a referral; the draft place is made from its answers.</summary>
    public override IEnumerable<string> Dependencies => ["SaferBcp.Referrals"];

    public override IEnumerable<Cms.Security.Permission> Permissions => SaferBcp.SafePlaces.Permissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SafePlacesOptions>(configuration.GetSection("SafePlaces"));
        services.AddSingleton(new ContentTypeDefinition(SafePlaceTypes.SafePlace, "Safe Place", "A shop, café, library or other venue in the Safe Places scheme, shown in the locator"));
        services.AddPortalDbContext<SafePlacesDbContext>("SafePlaces");

        services.AddScoped<IContentHandler, SafePlaceIndexHandler>();
        services.AddScoped<IContentValidator, SafePlaceValidator>();
        services.AddScoped<IContentDisplay, SafePlaceDisplay>();
        services.AddScoped<IContentEditor, SafePlaceEditor>();
        services.AddSingleton<IContentSearchText, SafePlaceSearchText>();

        services.AddScoped<SafePlaceFreshness>();
        services.AddScoped<PostcodeResolver>();
        services.AddSingleton<SafePlaceDirectory>();
        services.AddScoped<SafePlaceLocator>();
        services.AddScoped<SafePlaceOpenData>();
        services.AddScoped<SafePlaceImporter>();
        services.AddScoped<PostcodeImporter>();
        services.AddScoped<SafePlaceDraftFactory>();
        services.AddSingleton(new ReferralAction(
            VenueApplications.FormSlug, "Create a draft Safe Place from this application", VenueApplications.DraftUrlTemplate, SaferBcp.SafePlaces.Permissions.ManageSafePlaces));
        services.AddScoped<SafePlaceExpiry>();
        services.AddHostedService<SafePlaceExpiryService>();

        services.AddSingleton(new ReservedPath("safe-places", WholePathOnly: true));
        services.AddSingleton(new StaticAssetFolder("/safe-places-assets", new EmbeddedFileProvider(typeof(Startup).Assembly, "SaferBcp.SafePlaces.Assets")));
        services.AddSingleton(new AdminMenuItem("Safe Places", "/admin/safe-places", SaferBcp.SafePlaces.Permissions.ManageSafePlaces, 30));

        // The locator's address carries the visitor's postcode or coordinates. ASP.NET Core logs the full request
        // address (with its query string) at Information; keep those lines off whatever the Logging settings say.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
    }
}
