using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// An Analyst builds a codebook and codes a survey's written answers with the keyboard only (number keys and Enter),
/// each page checked with axe; the screenshots go to docs/images/coding-*.png for docs/workflows.md.
/// </summary>
[Collection(BackOfficeCollection.Name)]
public sealed class CodingBrowserTests
{
    private readonly BrowserFixture _browser;

    public CodingBrowserTests(BrowserFixture browser) => _browser = browser;

    private async Task<string> SurveyAsync()
    {
        var surveyId = await _browser.Portal.PublishFormAsync("Feeling safe in parks", new FormPart
        {
            Slug = "browser-coding",
            Kind = "survey",
            IntroMarkdown = "Tell us how safe you feel.",
            Pages =
            [
                new FormPage
                {
                    Id = "about",
                    Title = "About you",
                    Questions =
                    [
                        new FormQuestion { Id = "area", Type = QuestionType.Select, Label = "Which town do you live in?", Tag = "area", Options = PortalFactory.Options(("bournemouth", "Bournemouth"), ("christchurch", "Christchurch"), ("poole", "Poole")) },
                        new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "What would make you feel safer?", Required = false, Personal = true },
                    ],
                },
            ],
        }, new SurveyPart { ClosesOn = new DateOnly(2026, 11, 20) });

        string[] stories =
        [
            "Better lighting in the park, my number is 07700 900123",
            "More buses after 10pm",
            "Lights on the path by the river",
        ];
        await using var scope = _browser.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<SaferBcp.Surveys.Services.SurveyProtector>();
        for (var i = 0; i < stories.Length; i++)
        {
            var answers = new Dictionary<string, List<string>> { ["area"] = [i == 1 ? "bournemouth" : "poole"], ["story"] = [stories[i]] };
            db.Responses.Add(new SurveyResponse { SurveyContentItemId = surveyId, ResponseDate = new DateOnly(2026, 11, 10), AnswersJson = protector.ProtectAnswers(answers) });
        }

        await db.SaveChangesAsync();
        return surveyId;
    }

    private static string Screenshot(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SaferBcp.Portal.sln")))
        {
            folder = folder.Parent;
        }

        var images = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, $"coding-{name}.png");
    }

    [SkippableFact]
    public async Task An_analyst_builds_a_codebook_and_codes_answers_with_the_keyboard_only()
    {
        var id = await SurveyAsync();
        await _browser.Portal.CreateStaffAsync("analyst.coding.browser", PortalRoles.Analyst);
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "analyst.coding.browser", PortalFactory.StaffPassword);

        await page.GotoAsync($"/admin/surveys/{id}/coding/story/codebook");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Codebook: What would make you feel safer?");
        foreach (var (name, description) in new[] { ("Lighting", "Street lights, lit paths and parks"), ("Transport", "Buses and trains, especially at night") })
        {
            await page.GetByLabel("Name", new() { Exact = true }).Last.FocusAsync();
            await page.Keyboard.TypeAsync(name);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(description);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Theme “{name}” added");
        }

        await Axe.AssertNoViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("codebook"), FullPage = true });

        await page.GotoAsync($"/admin/surveys/{id}/coding/story");
        await Assertions.Expect(page.Locator("#coding-progress")).ToHaveTextAsync("0 of 3 answers coded, 3 left");
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Better lighting in the park, my number is [removed]");
        await Axe.AssertNoViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("screen"), FullPage = true });

        // The first theme's box has the focus: number keys tick themes, Enter saves and shows the next answer.
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(page.GetByLabel("1. Lighting")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("q");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#coding-progress")).ToHaveTextAsync("1 of 3 answers coded, 2 left");
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("More buses after 10pm");
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("Lights on the path by the river");
        await page.Keyboard.PressAsync("1");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("All answers are coded")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#coding-progress")).ToHaveTextAsync("3 of 3 answers coded, 0 left");

        await page.GotoAsync($"/admin/surveys/{id}/coding");
        await Assertions.Expect(page.GetByText("Better lighting in the park, my number is [removed]")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Screenshot("quotes"), FullPage = true });

        await page.GotoAsync($"/admin/surveys/{id}/results");
        var themes = page.Locator("#themes-story");
        await Assertions.Expect(themes.Locator("tr", new() { HasText = "Lighting" }).First).ToContainTextAsync("2");
        await Axe.AssertNoViolationsAsync(page);
        await themes.ScreenshotAsync(new() { Path = Screenshot("results") });
    }
}
