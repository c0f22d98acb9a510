using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Hosting;

namespace SaferBcp.Portal.Tests;

/// <summary>What the portal needs from its configuration before it will start.</summary>
public sealed class PortalStartTests
{
    private const string Missing = "Portal:PublicAddress must be set to the site's public address, like https://safer.example.org";

    [Theory]
    [InlineData("Portal:PublicAddress", null, Missing)]
    [InlineData("Portal:PublicAddress", "", Missing)]
    [InlineData("Portal:PublicAddress", "safer.example.org", "Portal:PublicAddress must be the site's address alone, starting with https:// or http://, like https://safer.example.org; \"safer.example.org\" is not")]
    [InlineData("Portal:PublicAddress", "ftp://safer.example.org", "Portal:PublicAddress must be the site's address alone, starting with https:// or http://, like https://safer.example.org; \"ftp://safer.example.org\" is not")]
    [InlineData("Portal:PublicAddress", "https://safer.example.org/portal", "Portal:PublicAddress must be the site's address alone, starting with https:// or http://, like https://safer.example.org; \"https://safer.example.org/portal\" is not")]
    [InlineData("Portal:TrustedProxies:0", "10.0.0.300", "Portal:TrustedProxies must list IP addresses or ranges, like 10.0.0.5 or 10.1.0.0/16; \"10.0.0.300\" is neither")]
    public void Outside_development_the_portal_refuses_to_start_with_a_one_line_reason(string key, string? value, string reason)
    {
        using var portal = new PortalIn("Production");
        portal.With(key, value);

        var refusal = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Equal(reason, refusal.Message);
    }

    [Fact]
    public async Task In_development_the_public_address_defaults_to_what_dotnet_run_serves()
    {
        await using var portal = new PortalIn("Development");
        portal.With("Portal:PublicAddress", null);

        Assert.Equal("http://localhost:5080", portal.Services.GetRequiredService<PublicAddress>().Origin);
        using var local = portal.Browser("http://localhost:5080");
        using var byNumber = portal.Browser("http://127.0.0.1:5080");
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/about")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await byNumber.GetAsync("/about")).StatusCode);
    }

    private sealed class PortalIn : PortalFactory
    {
        private readonly string _environment;

        public PortalIn(string environment) => _environment = environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(_environment);
        }
    }
}
