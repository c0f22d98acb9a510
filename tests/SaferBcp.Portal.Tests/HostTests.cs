using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
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
        var shared = Path.Combine(Path.GetTempPath(), "saferbcp-restart-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var first = new PortalFactory().With("Portal:DataFolder", shared))
            using (var client = first.Browser())
            {
                Assert.Contains("Safer BCP", await client.GetStringAsync("/about"), StringComparison.Ordinal);
            }

            using var second = new PortalFactory().With("Portal:DataFolder", shared);
            using var again = second.Browser();
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/about")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(shared, recursive: true);
        }
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
