using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>A resident finds support with the keyboard alone; axe checks every page of "Find support" on the way.</summary>
[Collection(PublicSiteCollection.Name)]
public sealed class SupportBrowserTests
{
    private readonly BrowserFixture _browser;

    public SupportBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task A_resident_uses_only_the_keyboard_to_find_the_National_Domestic_Abuse_Helpline()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/support");
        await Axe.AssertNoViolationsAsync(page);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start now" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/support/who$"));
        await Axe.AssertNoViolationsAsync(page);

        // Continue without choosing: the question comes back with an error summary.
        await ContinueAsync(page);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select who you need support for");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: Who do you need support for"));
        await Axe.AssertNoViolationsAsync(page);
        await ChooseAsync(page, "Me \u2013 I am being hurt, threatened or harmed, or need help", arrowDowns: 0);
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("What is happening?");
        await Axe.AssertNoViolationsAsync(page);
        await ContinueAsync(page);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select what is happening");
        await Axe.AssertNoViolationsAsync(page);
        await ChooseAsync(page, "Domestic abuse", arrowDowns: 0);
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Where do you live?");
        await Axe.AssertNoViolationsAsync(page);
        await ContinueAsync(page);
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select where you live");
        await Axe.AssertNoViolationsAsync(page);
        await ChooseAsync(page, "Poole", arrowDowns: 2);
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Support you can get");
        Assert.DoesNotContain("?", page.Url, StringComparison.Ordinal);
        var emergency = page.GetByRole(AriaRole.Link, new() { Name = "Call 999" });
        var helpline = page.GetByRole(AriaRole.Link, new() { Name = "National Domestic Abuse Helpline", Exact = true });
        await Assertions.Expect(emergency).ToBeVisibleAsync();
        await Assertions.Expect(helpline).ToBeVisibleAsync();
        Assert.True((await emergency.BoundingBoxAsync())!.Y < (await helpline.BoundingBoxAsync())!.Y, "999 should come before any service");
        await Axe.AssertNoViolationsAsync(page);

        // Back keeps the answer, then forward again.
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Back" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Where do you live?");
        await Assertions.Expect(page.GetByLabel("Poole")).ToBeCheckedAsync();
        await ContinueAsync(page);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "National Domestic Abuse Helpline", Exact = true }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/support/services/national-domestic-abuse-helpline$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("National Domestic Abuse Helpline");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "0808 2000 247" })).ToHaveAttributeAsync("href", "tel:08082000247");
        await Axe.AssertNoViolationsAsync(page);
    }

    [SkippableFact]
    public async Task A_service_found_by_search_has_no_axe_violations()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/search?q=helpline");

        await Assertions.Expect(page.Locator(".app-search-result--service").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }

    /// <summary>Presses Tab until the element has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException("Could not reach the element with the Tab key");
    }

    /// <summary>Tabs into the radio group (its first radio) and moves down with the arrow keys, which also selects.</summary>
    private static async Task ChooseAsync(IPage page, string label, int arrowDowns)
    {
        await TabToAsync(page, page.Locator("input.govuk-radios__input").First);
        if (arrowDowns == 0)
        {
            await page.Keyboard.PressAsync("Space");
        }

        for (var i = 0; i < arrowDowns; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToBeCheckedAsync();
    }

    private static async Task ContinueAsync(IPage page)
    {
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        // The next page may have the same address (a question shown again with an error), so wait for a new document.
        await page.EvaluateAsync("() => { window.supportTestOldPage = true; }");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => !window.supportTestOldPage && document.readyState === 'complete'");
    }
}

/// <summary>The back-office editor of a service, empty and showing errors, passes axe.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class SupportEditorBrowserTests
{
    private readonly BrowserFixture _browser;

    public SupportEditorBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task The_service_editor_and_its_errors_have_no_axe_violations()
    {
        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/content/new/Service");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Who it is for" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByLabel("Title").FillAsync("Axe check service");
        await page.GetByLabel("Phone number (optional)").FillAsync("not a number");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a UK phone number");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select who the service is for");
        await Axe.AssertNoViolationsAsync(page);
    }
}
