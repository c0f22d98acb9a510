using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>What a member of the public does on the site, in a real browser.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class ResidentTests
{
    private readonly BrowserFixture _browser;

    public ResidentTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task A_resident_follows_the_running_campaign_then_searches_and_opens_a_highlighted_result()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var banners = page.GetByRole(AriaRole.Region, new() { Name = "Campaigns running now" });
        await banners.GetByRole(AriaRole.Link, new() { Name = "Find out more: 16 Days of Action" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/campaigns/16-days-of-action$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("16 Days of Action");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Site menu" }).GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        var searchBox = page.GetByLabel("Search Safer BCP");
        await searchBox.PressSequentiallyAsync("domestic abuse");
        await searchBox.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=domestic\+abuse$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync(new Regex("^\\d+ results? for ‘domestic abuse’$"));
        var results = page.Locator(".app-search-result");
        var highlighted = results.First.Locator("mark");
        await Assertions.Expect(highlighted.First).ToBeVisibleAsync();
        Assert.All(await highlighted.AllInnerTextsAsync(), word => Assert.Matches("(?i)^(domestic|abus)", word));

        var firstResult = results.First.GetByRole(AriaRole.Link);
        var title = await firstResult.InnerTextAsync();
        await firstResult.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        Assert.DoesNotContain("/search", page.Url, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/domestic-abuse")]
    public async Task A_page_asks_for_nothing_from_any_other_site(string url)
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var requested = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requested)
            {
                requested.Add(request.Url);
            }
        };

        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });

        var own = _browser.BaseUrl + "/";
        lock (requested)
        {
            // The asset URLs carry a fingerprint (?v=…), see PageWeightTests.
            Assert.Contains(requested, u => u.StartsWith(own + "assets/css/saferbcp.css?v=", StringComparison.Ordinal));
            Assert.Contains(requested, u => u.StartsWith(own + "assets/js/govuk-frontend.min.js?v=", StringComparison.Ordinal));
            var elsewhere = requested.Where(u => !u.StartsWith(own, StringComparison.Ordinal)).ToList();
            Assert.True(elsewhere.Count == 0, $"{url} asked other sites for: {string.Join(", ", elsewhere)}");
        }
    }
}
