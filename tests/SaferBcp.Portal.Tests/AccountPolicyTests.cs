using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;

namespace SaferBcp.Portal.Tests;

/// <summary>Password rules, cookie flags and the vulnerability contact: the account-level parts of OWASP ASVS.</summary>
public sealed class AccountPolicyTests
{
    [Theory]
    [InlineData("Password1234")]
    [InlineData("Qwertyuiop12")]
    [InlineData("Bournemouth2024")]
    [InlineData("jo.bloggs-2026")]
    public async Task A_guessable_password_is_refused_in_plain_english(string password)
    {
        using var portal = new PortalFactory();
        portal.Browser().Dispose();

        var result = await CreateUserAsync(portal, "jo.bloggs", password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description == GuessablePasswordValidator.Message);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("ferry harbour lantern quilt")]
    public async Task A_long_passphrase_needs_no_capitals_or_digits(string password)
    {
        using var portal = new PortalFactory();
        portal.Browser().Dispose();

        var result = await CreateUserAsync(portal, "sam.jones", password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Behind_a_TLS_proxy_every_cookie_is_secure_even_when_the_node_is_spoken_to_in_plain_http()
    {
        using var portal = new PortalFactory().With("Portal:PublicAddress", "https://safer.example.org");
        using var client = portal.Browser("http://safer.example.org");

        using var signIn = await client.GetAsync("/account/sign-in");

        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Security_txt_is_published_only_once_the_partnership_names_a_contact()
    {
        using (var unset = new PortalFactory())
        using (var client = unset.Browser())
        {
            using var missing = await client.GetAsync("/.well-known/security.txt");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var portal = new PortalFactory()
            .With("Portal:PublicAddress", "https://safer.example.org")
            .With("Portal:SecurityContact", "mailto:security@example.org");
        using var browser = portal.Browser("https://safer.example.org");
        var text = await browser.GetStringAsync("/.well-known/security.txt");

        Assert.Contains("Contact: mailto:security@example.org\n", text, StringComparison.Ordinal);
        Assert.Matches(@"Expires: \d{4}-\d\d-\d\dT00:00:00Z\n", text);
        Assert.Contains("Canonical: https://safer.example.org/.well-known/security.txt\n", text, StringComparison.Ordinal);
    }

    private static async Task<IdentityResult> CreateUserAsync(PortalFactory portal, string userName, string password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.CreateAsync(new PortalUser { UserName = userName, Email = userName + "@example.org" }, password);
    }
}
