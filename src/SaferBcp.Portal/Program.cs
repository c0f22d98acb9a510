using SaferBcp.Cms.Data;
using SaferBcp.Cms.Modules;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalModules(
    new SaferBcp.Theme.Startup(),
    new SaferBcp.AdminTheme.Startup(),
    new SaferBcp.Pages.Startup(),
    new SaferBcp.Media.Startup(),
    new SaferBcp.Search.Startup(),
    new SaferBcp.Email.Startup(),
    new SaferBcp.Review.Startup(),
    new SaferBcp.Forms.Startup(),
    new SaferBcp.Referrals.Startup(),
    new SaferBcp.SafePlaces.Startup(),
    new SaferBcp.Support.Startup(),
    new SaferBcp.Dataset.Startup(),
    new SaferBcp.Surveys.Startup(),
    new SaferBcp.Reach.Startup());

var app = builder.Build();

if (await PortalCommandLine.TryRunAsync(app, args) is { } exitCode)
{
    return exitCode;
}

await PortalInitializer.InitializeAsync(app.Services);
app.UsePortalModules();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
