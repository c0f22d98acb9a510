using System.Text.RegularExpressions;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// Review before publishing in a real browser: an Editor submits a domestic abuse page, a Reviewer works through the
/// queue with the keyboard alone, and every page passes axe. The screenshots illustrate docs/workflows.md.
/// </summary>
[Collection(BackOfficeCollection.Name)]
public sealed class ReviewBrowserTests
{
    private const string Title = "Support at the Poole refuge";
    private const string Address = "/domestic-abuse/support-at-the-poole-refuge";
    private readonly BrowserFixture _browser;

    public ReviewBrowserTests(BrowserFixture browser) => _browser = browser;

    [SkippableFact]
    public async Task An_editor_submits_a_page_and_a_reviewer_using_only_the_keyboard_compares_and_approves_it()
    {
        await _browser.Portal.CreateStaffAsync("review.editor.browser", "Editor");
        await _browser.Portal.CreateStaffAsync("review.reviewer.browser", "Reviewer");

        // The Editor writes the page, saves it and submits it with a note: she has no "Publish" button for it.
        await using (var editorContext = await _browser.NewContextAsync())
        {
            var page = await editorContext.NewPageAsync();
            await BrowserFixture.SignInAsync(page, "review.editor.browser", PortalFactory.StaffPassword);
            await page.GotoAsync("/admin/content/new/Page");
            await page.GetByLabel("Title", new() { Exact = true }).FillAsync(Title);
            await page.GetByLabel("Web address").FillAsync(Address.TrimStart('/'));
            await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("What the refuge in Poole offers.");
            await page.GetByLabel("Page text").FillAsync("The refuge has a children's worker on weekdays.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish now" })).ToHaveCountAsync(0);
            await page.GetByLabel("Note for the reviewer (optional)").FillAsync("New page: please check the wording about children");
            await page.Locator("form[action^='/admin/review/submit']").ScreenshotAsync(new() { Path = ReviewScreenshots.PathFor("review-submit.png") });
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Submitted for review");
            await Assertions.Expect(page.Locator(".govuk-inset-text").First).ToContainTextAsync("Waiting for review");
            await Axe.AssertNoViolationsAsync(page);
        }

        // The Reviewer, keyboard only: the menu, the queue, the comparison, approve.
        await using var context = await _browser.NewContextAsync();
        var reviewer = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(reviewer, "review.reviewer.browser", PortalFactory.StaffPassword);
        await TabToAsync(reviewer, reviewer.GetByRole(AriaRole.Navigation, new() { Name = "Back office menu" }).GetByRole(AriaRole.Link, new() { Name = "Review" }));
        await reviewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reviewer).ToHaveURLAsync(new Regex("/admin/review$"));
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Waiting for review");
        await Axe.AssertNoViolationsAsync(reviewer);
        await reviewer.ScreenshotAsync(new() { Path = ReviewScreenshots.PathFor("review-queue.png"), FullPage = true });

        await TabToAsync(reviewer, reviewer.GetByRole(AriaRole.Link, new() { Name = Title + " (review it)" }));
        await reviewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Review “{Title}”");
        await Assertions.Expect(reviewer.Locator("main")).ToContainTextAsync("New page: please check the wording about children");
        await Assertions.Expect(reviewer.Locator(".app-review-diff ins").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(reviewer);
        await reviewer.ScreenshotAsync(new() { Path = ReviewScreenshots.PathFor("review-compare.png"), FullPage = true });

        await TabToAsync(reviewer, reviewer.GetByLabel("Comment for the editor (optional)"));
        await reviewer.Keyboard.InsertTextAsync("Checked with the refuge manager");
        await TabToAsync(reviewer, reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }));
        await reviewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reviewer.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Approved. It is now on the public site");
        await Assertions.Expect(reviewer.Locator("main")).ToContainTextAsync("Nothing is waiting for review.");
        await Axe.AssertNoViolationsAsync(reviewer);

        await using var visitor = await _browser.NewContextAsync();
        var visitorPage = await visitor.NewPageAsync();
        var live = await visitorPage.GotoAsync(Address);
        Assert.Equal(200, live!.Status);
        await Assertions.Expect(visitorPage.Locator("main")).ToContainTextAsync("The refuge has a children's worker on weekdays.");
    }

    /// <summary>Presses Tab until <paramref name="target"/> has focus, as a keyboard user would; fails if it never does.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail("Tab never reached " + target);
    }
}

/// <summary>Where the browser tests save the screenshots docs/*.md show: docs/images in the repository.</summary>
internal static class ReviewScreenshots
{
    public static string PathFor(string fileName)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SaferBcp.Portal.sln")))
        {
            folder = folder.Parent;
        }

        var images = Path.Combine(folder?.FullName ?? Path.GetTempPath(), "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, fileName);
    }
}
