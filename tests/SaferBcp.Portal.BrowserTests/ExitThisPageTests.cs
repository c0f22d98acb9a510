namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// "Exit this page" takes a person at risk away from the site at once, by mouse or by pressing Shift three times.
/// Chromium cannot reach the neutral site here (its host resolver knows only the loopback address), so the tests
/// watch the browser ask for it.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed class ExitThisPageTests
{
    private const string NeutralSite = "https://www.bbc.co.uk/weather";
    private readonly BrowserFixture _browser;

    public ExitThisPageTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task Clicking_exit_this_page_clears_the_sites_cookies_and_leaves_for_the_neutral_site()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/domestic-abuse");
        await context.AddCookiesAsync([new Cookie { Name = "saferbcp-form", Value = "abc", Url = _browser.BaseUrl }]);

        var exit = page.WaitForResponseAsync(response => new Uri(response.Url).AbsolutePath == "/exit-this-page");
        var neutral = page.WaitForRequestAsync(NeutralSite);
        await page.GetByRole(AriaRole.Button, new() { Name = "Emergency Exit this page" }).ClickAsync();

        await AssertLeftForTheNeutralSiteAsync(context, await exit, await neutral);
    }

    [SkippableFact]
    public async Task Pressing_shift_three_times_lights_the_indicator_then_leaves_for_the_neutral_site()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/domestic-abuse");
        await context.AddCookiesAsync([new Cookie { Name = "saferbcp-form", Value = "abc", Url = _browser.BaseUrl }]);

        await page.Keyboard.PressAsync("Shift");
        await Assertions.Expect(page.Locator(".govuk-exit-this-page__indicator-light--on")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Shift");
        await Assertions.Expect(page.Locator(".govuk-exit-this-page__indicator-light--on")).ToHaveCountAsync(2);

        var exit = page.WaitForResponseAsync(response => new Uri(response.Url).AbsolutePath == "/exit-this-page");
        var neutral = page.WaitForRequestAsync(NeutralSite);
        await page.Keyboard.PressAsync("Shift");

        await AssertLeftForTheNeutralSiteAsync(context, await exit, await neutral);
    }

    private async Task AssertLeftForTheNeutralSiteAsync(IBrowserContext context, IResponse exit, IRequest neutral)
    {
        Assert.Equal(302, exit.Status);
        Assert.Contains("\"cookies\"", await exit.HeaderValueAsync("clear-site-data") ?? "", StringComparison.Ordinal);
        Assert.Equal(NeutralSite, neutral.Url);
        Assert.Equal(exit.Request.Url, neutral.RedirectedFrom?.Url);
        Assert.Empty(await context.CookiesAsync([_browser.BaseUrl]));
    }
}
