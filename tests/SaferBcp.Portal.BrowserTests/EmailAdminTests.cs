using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>The back office's email pages in Chromium: axe finds nothing wrong, with and without errors, using the keyboard only.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class EmailAdminTests
{
    private readonly BrowserFixture _browser;

    public EmailAdminTests(BrowserFixture browser) => _browser = browser;

    [SkippableTheory]
    [InlineData("/admin/email")]
    [InlineData("/admin/email/templates")]
    [InlineData("/admin/email/templates/email-test")]
    public async Task Email_page_has_no_axe_violations(string url)
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task A_template_with_an_unknown_variable_is_refused_and_the_error_page_has_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/email/templates/email-test");

        await page.GetByLabel("Body").FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("\nWith thanks, {{ officer_name }}");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save template" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("there is no variable called \u2018officer_name\u2019");
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task The_test_email_form_showing_an_error_has_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/email");

        await page.GetByLabel("Email address").FocusAsync();
        await page.Keyboard.TypeAsync("not an address");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter an email address in the correct format");
        await Axe.AssertNoViolationsAsync(page);
    }
}
