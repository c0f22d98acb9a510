using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>axe finds nothing wrong in the back office, signed in as the administrator, who sees every page of it.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class BackOfficeAccessibilityTests
{
    private readonly BrowserFixture _browser;

    public BackOfficeAccessibilityTests(BrowserFixture browser) => _browser = browser;

    [SkippableTheory]
    [InlineData("/admin")]
    [InlineData("/admin/content")]
    [InlineData("/admin/content/new/Page")]
    [InlineData("/admin/media")]
    [InlineData("/admin/menus/main")]
    [InlineData("/admin/users")]
    [InlineData("/admin/roles")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/recipes")]
    [InlineData("/admin/search")]
    public async Task Back_office_page_has_no_axe_violations(string url)
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        Assert.Equal(url, new Uri(page.Url).AbsolutePath);
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task The_editor_of_an_existing_item_and_its_version_history_have_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/content?q=About");

        await page.GetByRole(AriaRole.Link, new() { Name = "About Safer BCP" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/edit$"));
        await Assertions.Expect(page.Locator("#ArticlePart-Markdown-preview")).Not.ToBeEmptyAsync();
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Version history" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/versions$"));
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task The_editor_showing_errors_has_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/content/new/Page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("There is a problem");
        await Assertions.Expect(page.Locator(".govuk-form-group--error").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }
}
