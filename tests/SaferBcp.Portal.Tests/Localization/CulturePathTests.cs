using System.Net;

namespace SaferBcp.Portal.Tests.Localization;

/// <summary>/{culture}/… serves the same page in another language, and links stay in that language.</summary>
public sealed class CulturePathTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public CulturePathTests(PortalFactory portal) => _portal = portal;

    [Theory]
    [InlineData("/pl/domestic-abuse")]
    [InlineData("/ar/domestic-abuse")]
    [InlineData("/pl/")]
    public async Task A_page_is_served_under_its_language_prefix(string address)
    {
        using var client = _portal.Browser();
        var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_bare_language_prefix_leads_to_the_language_home_page()
    {
        using var client = _portal.Browser();
        var response = await client.GetAsync("/pl");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/pl/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/fr/domestic-abuse")]
    public async Task A_language_the_site_is_not_served_in_is_not_found(string address)
    {
        using var client = _portal.Browser();
        var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
