using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>axe finds nothing wrong on the public site, page by page, with its CSS and JavaScript as a visitor gets them.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class PublicAccessibilityTests
{
    private readonly BrowserFixture _browser;

    public PublicAccessibilityTests(BrowserFixture browser) => _browser = browser;

    [SkippableTheory]
    [InlineData("/", 200)]
    [InlineData("/about", 200)]
    [InlineData("/domestic-abuse", 200)]
    [InlineData("/campaigns/16-days-of-action", 200)]
    [InlineData("/campaigns", 200)]
    [InlineData("/news", 200)]
    [InlineData("/search?q=knife", 200)]
    [InlineData("/no-such-page", 404)]
    [InlineData("/account/sign-in", 200)]
    public async Task Public_page_has_no_axe_violations(string url, int status)
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal(status, response!.Status);
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task A_news_item_has_no_axe_violations()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/news");

        await page.Locator("main h2 a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^https?://[^/]+/news/[^/?]+"));

        await Assertions.Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("News");
        await Axe.AssertNoViolationsAsync(page);
    }
}
