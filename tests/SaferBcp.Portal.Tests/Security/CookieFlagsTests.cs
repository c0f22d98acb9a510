using System.Net;

namespace SaferBcp.Portal.Tests.Security;

public sealed class CookieFlagsTests
{
    [Fact]
    public async Task The_form_cookie_is_sent_with_its_flags_spelled_as_scanners_expect()
    {
        using var portal = new PortalFactory();
        using var client = portal.Browser();

        using var response = await client.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("saferbcp-form=", StringComparison.Ordinal));
        Assert.Contains("; HttpOnly", cookie, StringComparison.Ordinal);
        Assert.Contains("; SameSite=Strict", cookie, StringComparison.Ordinal);
    }
}
