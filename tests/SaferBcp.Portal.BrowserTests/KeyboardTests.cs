namespace SaferBcp.Portal.BrowserTests;

/// <summary>Someone who uses only a keyboard gets the skip links first, and they work.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class KeyboardTests
{
    private readonly BrowserFixture _browser;

    public KeyboardTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task Tabbing_from_page_load_shows_exit_this_page_then_skip_to_main_content_which_moves_focus_to_the_main_content()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/about");
        var exitSkipLink = page.Locator("a.govuk-skip-link", new() { HasText = "Exit this page" });
        var skipToContent = page.Locator("a.govuk-skip-link", new() { HasText = "Skip to main content" });
        Assert.False(await IsShownAsync(exitSkipLink), "The Exit this page skip link should be hidden until it has focus");
        Assert.False(await IsShownAsync(skipToContent), "The Skip to main content link should be hidden until it has focus");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(exitSkipLink).ToBeFocusedAsync();
        Assert.True(await IsShownAsync(exitSkipLink), "The Exit this page skip link should show when it has focus");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(skipToContent).ToBeFocusedAsync();
        Assert.True(await IsShownAsync(skipToContent), "The Skip to main content link should show when it has focus");

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main-content")).ToBeFocusedAsync();
        Assert.EndsWith("/about#main-content", page.Url, StringComparison.Ordinal);

        await page.Keyboard.PressAsync("Tab");
        var focusedIsInMain = await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)");
        Assert.True(focusedIsInMain, "The next Tab after skipping should land inside the main content");
    }

    /// <summary>GOV.UK skip links are a clipped 1-pixel box until focused, then a full-width bar at the top.</summary>
    private static async Task<bool> IsShownAsync(ILocator link) =>
        await link.BoundingBoxAsync() is { Width: > 10, Height: > 10, Y: < 200 };
}
