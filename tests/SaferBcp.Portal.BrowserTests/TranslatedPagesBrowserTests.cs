namespace SaferBcp.Portal.BrowserTests;

/// <summary>Translated pages, right to left in Arabic, and the English fallback under /pl/, pass axe as visitors get them.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class TranslatedPagesBrowserTests
{
    private readonly BrowserFixture _browser;

    public TranslatedPagesBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task The_arabic_domestic_abuse_page_reads_right_to_left_and_has_no_axe_violations()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/ar/domestic-abuse");

        Assert.Equal(200, response!.Status);
        var content = page.Locator(".app-content-language");
        await Assertions.Expect(content).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(content).ToHaveAttributeAsync("lang", "ar");
        Assert.Equal("rtl", await content.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        await Assertions.Expect(page.Locator(".app-language-switcher a[hreflang=pl]")).ToHaveTextAsync("Polski");
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableTheory]
    [InlineData("/pl/domestic-abuse")]
    [InlineData("/pl/domestic-abuse/marac")]
    public async Task Polish_pages_and_the_english_fallback_have_no_axe_violations(string url)
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        await Axe.AssertNoViolationsAsync(page);
    }
}
