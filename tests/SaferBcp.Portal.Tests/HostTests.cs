using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SaferBcp.Portal.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task A_module_switched_off_in_configuration_does_not_answer()
    {
        using var portal = new PortalFactory().With("Modules:Disabled:0", "SaferBcp.Search");
        using var client = portal.Browser();

        using var search = await client.GetAsync("/search?q=help");
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public void Switching_off_a_module_that_others_need_stops_the_start_naming_them()
    {
        using var portal = new PortalFactory().With("Modules:Disabled:0", "SaferBcp.Forms");

        var error = Assert.ThrowsAny<Exception>(() => portal.Browser());
        var messages = string.Join(Environment.NewLine, Chain(error).Select(e => e.Message));

        Assert.Contains("SaferBcp.Referrals needs SaferBcp.Forms, which is switched off in Modules:Disabled. Switch SaferBcp.Referrals off too, or switch SaferBcp.Forms back on.", messages, StringComparison.Ordinal);
        Assert.Contains("SaferBcp.Surveys needs SaferBcp.Forms, which is switched off in Modules:Disabled.", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_shows_the_themed_page_and_no_stack_trace()
    {
        using var portal = new ThrowingPortal();
        using var client = portal.Browser();
        using var response = await client.GetAsync("/test/boom");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, there is a problem with the service", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_run_applies_the_recipe_once_and_a_restart_keeps_the_content()
    {
        var first = new PortalFactory();
        PortalFactory second;
        using (first)
        using (var client = first.Browser())
        {
            Assert.Contains("Safer BCP", await client.GetStringAsync("/about"), StringComparison.Ordinal);
            await EditAboutPageTitleAsync(first, "About Safer BCP (edited)");
            second = PortalFactory.Restarted(first);
        }

        using (second)
        {
            using var again = second.Browser();
            var about = await again.GetStringAsync("/about");
            Assert.Contains("About Safer BCP (edited)", about, StringComparison.Ordinal);
            await using var scope = second.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SaferBcp.Cms.Data.CmsDbContext>();
            Assert.Equal(1, await db.ContentItems.CountAsync(c => c.Path == "about" && c.Published));
        }
    }

    /// <summary>A change the recipe would undo if it were applied a second time.</summary>
    private static async Task EditAboutPageTitleAsync(PortalFactory portal, string title)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<SaferBcp.Cms.Content.ContentManager>();
        var about = await content.Query().Where(c => c.Path == "about" && c.Published).SingleAsync();
        var draft = await content.GetAsync(about.ContentItemId, SaferBcp.Cms.Content.VersionOptions.Latest);
        draft!.Apply(new SaferBcp.Cms.Content.TitlePart { Title = title });
        await content.SaveDraftAsync(draft, "test");
        await content.PublishAsync(draft.ContentItemId, "test");
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }

    private sealed class ThrowingPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddControllers().AddApplicationPart(typeof(BoomController).Assembly));
        }
    }
}

public sealed class BoomController : Controller
{
    [HttpGet("/test/boom")]
    public IActionResult Boom() => throw new InvalidOperationException("Deliberate failure with a secret detail");
}
