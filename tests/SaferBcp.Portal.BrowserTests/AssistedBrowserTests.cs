using System.Text.RegularExpressions;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// A member of staff answers a survey by phone with someone, then tries a paper file with a mistake in it; every page
/// passes axe. The screenshots are the ones in docs/workflows.md.
/// </summary>
[Collection(BackOfficeCollection.Name)]
public sealed class AssistedBrowserTests
{
    private readonly BrowserFixture _browser;

    public AssistedBrowserTests(BrowserFixture browser) => _browser = browser;

    private static string ImagesFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SaferBcp.Portal.sln")))
        {
            folder = folder.Parent;
        }

        var images = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "docs", "images");
        Directory.CreateDirectory(images);
        return images;
    }

    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(ImagesFolder(), $"assisted-{name}.png"), FullPage = true });

    [SkippableFact]
    public async Task Staff_enter_a_phone_response_on_the_surveys_own_pages_and_see_a_bad_paper_row_explained()
    {
        var id = await _browser.Portal.PublishFormAsync("Feeling safe in your area", new FormPart
        {
            Slug = "browser-assisted",
            Kind = "survey",
            IntroMarkdown = "Tell us how safe you feel.",
            Pages =
            [
                new FormPage
                {
                    Id = "worry",
                    Questions = [new FormQuestion { Id = "worry", Type = QuestionType.SingleChoice, Label = "How worried are you about knife crime where you live?", Options = PortalFactory.Options(("very", "Very worried"), ("fairly", "Fairly worried"), ("not-very", "Not very worried")) }],
                },
            ],
        }, new SurveyPart { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 12, 31) });

        await using var context = await _browser.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/admin/surveys/{id}/assisted");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Enter responses for someone");
        await Axe.AssertNoViolationsAsync(page);
        await ScreenshotAsync(page, "start");

        // Nothing chosen: the same error summary as everywhere else.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the survey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select how the person is answering");
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByLabel("By phone").CheckAsync();
        await page.GetByLabel("Organisation helping the person (optional)").FillAsync("Example Support Service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the survey" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/browser-assisted/worry$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "For staff" })).ToContainTextAsync("by phone, Example Support Service");
        await Axe.AssertNoViolationsAsync(page);
        await ScreenshotAsync(page, "survey-page");

        await page.GetByLabel("Fairly worried").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/check$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/surveys/{id}/assisted\\?sent=phone$"));
        await Assertions.Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Response saved");
        await Axe.AssertNoViolationsAsync(page);
        await ScreenshotAsync(page, "saved");

        var file = Path.Combine(Path.GetTempPath(), $"paper-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "response_id,response_date,response_assisted,response_channel,response_organisation,worry\n,2026-11-03,yes,paper,,very\n,,,,,sometimes\n");
        try
        {
            await page.GetByLabel("CSV file of paper responses (up to 2MB)").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import the file" }).ClickAsync();
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Nothing was imported");
            await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("use one of: very, fairly, not-very");
            await Axe.AssertNoViolationsAsync(page);
            await ScreenshotAsync(page, "import-problems");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
