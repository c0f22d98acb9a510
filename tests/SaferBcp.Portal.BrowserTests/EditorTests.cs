using System.Globalization;
using System.Text.RegularExpressions;
using SaferBcp.Cms.Content;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>What communications staff do in the back office, in a real browser, from signing in to a live page.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class EditorTests
{
    private const string Title = "Staying safe at festivals";
    private const string Address = "/staying-safe-at-festivals";
    private readonly BrowserFixture _browser;

    public EditorTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task An_editor_writes_previews_schedules_then_publishes_a_page_that_a_visitor_then_sees()
    {
        await using var context = await _browser.NewContextAsync();
        await _browser.Portal.CreateStaffAsync("editor.browser", "Editor");
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "editor.browser", PortalFactory.StaffPassword);

        // Write: the preview panel renders the Markdown as it is typed.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Back office menu" }).GetByRole(AriaRole.Link, new() { Name = "Content" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New page" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New page");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(Title);
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("How to look after yourself and your friends at a festival in Bournemouth, Christchurch and Poole.");
        await page.GetByLabel("Page text").PressSequentiallyAsync("## Before you go\n\nTell a friend where you will be and agree where to meet.");
        var livePreview = page.Locator("#ArticlePart-Markdown-preview");
        await Assertions.Expect(livePreview.Locator("h2")).ToHaveTextAsync("Before you go");
        await Assertions.Expect(livePreview.Locator("p")).ToHaveTextAsync("Tell a friend where you will be and agree where to meet.");

        // Preview: the page as the public will see it, under a banner that says it is a preview.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and preview" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/preview$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Preview" })).ToContainTextAsync("This is a preview of version 1 (not published)");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Before you go" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the editor" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/edit$"));

        // Schedule it a few minutes ahead (UK time): nothing is public yet.
        var at = UkTime.FromUtc(_browser.Portal.Clock.GetUtcNow().UtcDateTime.AddMinutes(10));
        var schedule = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Group, new() { Name = "Publish this draft later" }) });
        await schedule.GetByLabel("Date").FillAsync(at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await schedule.GetByLabel("Time").FillAsync(at.ToString("HH:mm", CultureInfo.InvariantCulture));
        await schedule.GetByRole(AriaRole.Button, new() { Name = "Schedule publishing" }).ClickAsync();
        var when = at.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"));
        await Assertions.Expect(Notice(page)).ToContainTextAsync($"It will be published on {when} (UK time)");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync($"Scheduled publishes on {when}");
        await using (var early = await _browser.NewContextAsync())
        {
            var response = await (await early.NewPageAsync()).GotoAsync(Address);
            Assert.Equal(404, response!.Status);
        }

        // Change of plan: cancel the schedule, then publish now.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the schedule" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync("The schedule was cancelled");
        await Assertions.Expect(page.Locator(".govuk-summary-list")).Not.ToContainTextAsync("Scheduled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(Notice(page)).ToContainTextAsync($"“{Title}” is published at {Address}");

        // A visitor, with none of the editor's cookies, sees it live.
        await using var visitor = await _browser.NewContextAsync();
        var visitorPage = await visitor.NewPageAsync();
        var live = await visitorPage.GotoAsync(Address);
        Assert.Equal(200, live!.Status);
        await Assertions.Expect(visitorPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Assertions.Expect(visitorPage.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Before you go" })).ToBeVisibleAsync();
        await Assertions.Expect(visitorPage.GetByRole(AriaRole.Region, new() { Name = "Preview" })).ToHaveCountAsync(0);
    }

    private static ILocator Notice(IPage page) => page.Locator(".govuk-notification-banner--success");
}
