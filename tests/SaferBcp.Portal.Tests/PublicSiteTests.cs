using System.Net;

namespace SaferBcp.Portal.Tests;

public sealed class PublicSiteTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public PublicSiteTests(PortalFactory portal) => _portal = portal;

    [Theory]
    [InlineData("/")]
    [InlineData("/about")]
    [InlineData("/domestic-abuse")]
    [InlineData("/campaigns/16-days-of-action")]
    [InlineData("/news")]
    [InlineData("/search?q=knife")]
    [InlineData("/no-such-page")]
    public async Task Every_public_page_has_exit_this_page_and_the_security_headers(string url)
    {
        using var client = _portal.Browser();
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("govuk-exit-this-page__button", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/exit-this-page\"", html, StringComparison.Ordinal);
        var headers = response.Headers;
        var csp = headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("camera=()", headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_pages_set_no_cookies()
    {
        using var client = _portal.Browser();
        foreach (var url in new[] { "/", "/domestic-abuse", "/search?q=help", "/no-such-page" })
        {
            using var response = await client.GetAsync(url);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set a cookie");
        }
    }

    [Fact]
    public async Task Sensitive_pages_are_not_stored_by_the_browser_and_ordinary_pages_are_not_forced_to()
    {
        using var client = _portal.Browser();
        using var sensitive = await client.GetAsync("/domestic-abuse/national-helpline");
        using var ordinary = await client.GetAsync("/about");

        Assert.Contains("no-store", sensitive.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(ordinary.Headers.CacheControl is null || !ordinary.Headers.CacheControl.NoStore);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        // Not localhost, which HSTS leaves out.
        await using var portal = new PortalFactory().With("Portal:PublicAddress", "https://portal.saferbcp.test");
        using var client = portal.Browser("https://portal.saferbcp.test");
        using var response = await client.GetAsync("/");
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_themed_not_found_page()
    {
        using var client = _portal.Browser();
        using var response = await client.GetAsync("/this/does-not-exist");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1 class=\"govuk-heading-l\">Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Safer BCP", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_this_page_clears_the_sites_cookies_and_leaves_for_a_neutral_site()
    {
        using var client = _portal.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/exit-this-page");
        request.Headers.Add("Cookie", "saferbcp-form=abc; .AspNetCore.Session=xyz");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://www.bbc.co.uk/weather", response.Headers.Location!.ToString());
        var cleared = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cleared, c => c.StartsWith("saferbcp-form=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        Assert.Contains(cleared, c => c.StartsWith(".AspNetCore.Session=;", StringComparison.Ordinal));
        Assert.Contains("\"cookies\"", response.Headers.GetValues("Clear-Site-Data").Single(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_the_running_campaign_the_key_actions_and_news()
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync("/");

        foreach (var action in new[] { "Get help now", "Find a Safe Place", "Find support", "Refer yourself", "Take a survey" })
        {
            Assert.Contains(action, html, StringComparison.Ordinal);
        }

        Assert.Contains("app-campaign-banner", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/campaigns/16-days-of-action\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/news/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_serious_violence_figures_are_an_accessible_table()
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync("/serious-violence");
        Assert.Contains("<caption class=\"govuk-table__caption", html, StringComparison.Ordinal);
        Assert.Contains("scope=\"col\"", html, StringComparison.Ordinal);
        Assert.Contains("Robbery", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_published_content_with_stemming_and_highlights_the_words()
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync("/search?q=stalked");
        Assert.Contains("<mark>", html, StringComparison.Ordinal);
        Assert.Contains("result", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No results", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_published_form_and_leads_to_its_start_page_but_never_a_draft_survey()
    {
        using var client = _portal.Browser();
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("anti-social behaviour case review"));
        Assert.Contains("href=\"/refer-yourself/asb-case-review\">Ask for an anti-social behaviour case review (Community Trigger)</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"govuk-caption-m\">Self-referral</span>", html, StringComparison.Ordinal);

        // The recipe's community safety survey is a draft until staff open it.
        var survey = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("community safety survey knives"));
        Assert.DoesNotContain("/surveys/community-safety", survey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_syntax_characters_do_not_break_search()
    {
        using var client = _portal.Browser();
        using var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("knife AND (\"* ~ [ help:"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Theme_assets_are_served_locally()
    {
        using var client = _portal.Browser();
        using var css = await client.GetAsync("/assets/css/saferbcp.css");
        using var js = await client.GetAsync("/assets/js/init.mjs");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.DoesNotContain("GDS Transport", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var client = _portal.Browser();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }
}
