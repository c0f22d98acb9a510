using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Recipes;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Services;

namespace SaferBcp.Portal.Tests.Content;

/// <summary>
/// The demo recipe, added from the back office ("Add example data") on a portal that started from the setup recipe.
/// The portal's clock is Friday 27 November 2026, 12:00 UK time.
/// </summary>
public sealed class DemoRecipeTests : IClassFixture<PortalFactory>
{
    private const string Survey = "demo-survey";
    private readonly PortalFactory _portal;

    public DemoRecipeTests(PortalFactory portal) => _portal = portal;

    [Fact]
    public async Task Adding_the_example_data_lets_a_new_user_find_an_example_place_open_now_and_answer_an_open_survey()
    {
        using var admin = _portal.Browser();
        await PortalFactory.SignInAsync(admin, PortalFactory.AdminUser, PortalFactory.AdminPassword);
        using (var response = await PortalFactory.PostFormAsync(admin, "/admin/recipes", "/admin/recipes/demo", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Contains("Example data added", await admin.GetStringAsync("/admin/recipes"), StringComparison.Ordinal);

        using var visitor = _portal.Browser();
        var openNow = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places?open=true"));
        Assert.Contains("Example Café (demo)", openNow, StringComparison.Ordinal);
        Assert.Contains("Example Travel Desk (demo)", openNow, StringComparison.Ordinal);

        // Across the three towns.
        var all = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places"));
        foreach (var town in new[] { "Bournemouth", "Christchurch", "Poole" })
        {
            Assert.Contains(town, all, StringComparison.Ordinal);
        }

        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/safe-places/example-cafe-demo"));
        Assert.Contains("Example Café (demo)", page, StringComparison.Ordinal);
        Assert.Contains("example Safe Place", page, StringComparison.Ordinal);
        Assert.Contains("It is not a real place", page, StringComparison.Ordinal);

        var surveys = WebUtility.HtmlDecode(await visitor.GetStringAsync("/surveys"));
        Assert.Contains("Example survey: how safe do you feel? (demo)", surveys, StringComparison.Ordinal);
        using (var start = await visitor.GetAsync("/surveys/example-how-safe-do-you-feel"))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            Assert.Contains("example survey", WebUtility.HtmlDecode(await start.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.Contains(await scope.ServiceProvider.GetRequiredService<SurveyCatalog>().OpenAsync(), s => s.ContentItemId == Survey);
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var responses = await db.Responses.CountAsync(r => r.SurveyContentItemId == Survey);
        Assert.Equal(18, responses);

        // Applying it again (as `dotnet run --project src/SaferBcp.Portal -- import recipes/demo.recipe.json` would) adds nothing.
        var recipes = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
        await recipes.ApplyAsync(await File.ReadAllTextAsync(PublishedText.RecipePath("demo.recipe.json")), "demo.recipe.json");
        Assert.Equal(18, await db.Responses.CountAsync(r => r.SurveyContentItemId == Survey));
    }
}
