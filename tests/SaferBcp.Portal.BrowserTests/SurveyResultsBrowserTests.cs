using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SaferBcp.Cms.Content;
using SaferBcp.Cms.Security;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>An Analyst works through a closed survey's results with the keyboard only, and downloads the responses.</summary>
[Collection(BackOfficeCollection.Name)]
public sealed class SurveyResultsBrowserTests
{
    private const string Slug = "browser-results";
    private const int Responses = 60;
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static string? _surveyId;
    private readonly BrowserFixture _browser;

    public SurveyResultsBrowserTests(BrowserFixture browser) => _browser = browser;

    /// <summary>A closed survey with published results: 30 answers from Poole (18 very worried), 27 from Bournemouth, 3 from Christchurch.</summary>
    private async Task<string> SurveyAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (_surveyId is not null)
            {
                return _surveyId;
            }

            var surveyId = await _browser.Portal.PublishFormAsync("Browser results survey", new FormPart
            {
                Slug = Slug,
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
                            new FormQuestion { Id = "worry", Type = QuestionType.Scale, Label = "How worried are you about knife crime?", Options = PortalFactory.Options(("very", "Very worried"), ("fairly", "Fairly worried"), ("not-very", "Not very worried"), ("not-at-all", "Not at all worried")) },
                        ],
                    },
                ],
            }, new SurveyPart { ClosesOn = new DateOnly(2026, 11, 20), ResultsPublished = true, YouSaidMarkdown = "You told us parks feel unsafe after dark.", WeDidMarkdown = "We are asking for better lighting." });

            await using var scope = _browser.Portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SurveysDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<SaferBcp.Surveys.Services.SurveyProtector>();
            for (var i = 0; i < Responses; i++)
            {
                var (area, worry) = i < 30 ? ("poole", i < 18 ? "very" : "fairly") : i < 57 ? ("bournemouth", "fairly") : ("christchurch", "not-at-all");
                var answers = new Dictionary<string, List<string>> { ["area"] = [area], ["worry"] = [worry] };
                db.Responses.Add(new SurveyResponse { SurveyContentItemId = surveyId, ResponseDate = new DateOnly(2026, 11, 10), AnswersJson = protector.ProtectAnswers(answers) });
            }

            await db.SaveChangesAsync();
            _surveyId = surveyId;
            return _surveyId;
        }
        finally
        {
            Seeded.Release();
        }
    }

    private async Task<IBrowserContext> AnalystAsync(string userName)
    {
        await _browser.Portal.CreateStaffAsync(userName, PortalRoles.Analyst);
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, userName, PortalFactory.StaffPassword);
        await page.CloseAsync();
        return context;
    }

    private static async Task TabToAsync(IPage page, ILocator target, string what)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"Tabbing never reached {what}");
    }

    [SkippableFact]
    public async Task An_analyst_filters_the_results_by_area_with_the_keyboard_and_downloads_every_response()
    {
        var id = await SurveyAsync();
        await using var context = await AnalystAsync("analyst.results.browser");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/admin/surveys/{id}/results");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Results");
        await Assertions.Expect(page.GetByText("60 people answered the survey")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);

        var area = page.GetByRole(AriaRole.Combobox, new() { Name = "Which town do you live in?" });
        await TabToAsync(page, area, "the area filter");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(area).ToHaveValueAsync("poole");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show results" }), "the Show results button");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("area=poole"));
        await Assertions.Expect(page.GetByText("30 people answered the survey")).ToBeVisibleAsync();
        var veryWorried = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Very worried", Exact = true }) });
        await Assertions.Expect(veryWorried).ToContainTextAsync("60%");
        await Axe.AssertNoViolationsAsync(page);

        await page.GotoAsync($"/admin/surveys/{id}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Responses and codebook (XLSX spreadsheet)" }).ClickAsync());
        Assert.Equal($"{Slug}-responses.xlsx", download.SuggestedFilename);
        var path = (await download.PathAsync())!;
        var rows = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Responses", excelType: ExcelType.XLSX).ToList();
        Assert.Equal(Responses, rows.Count);
    }

    [SkippableFact]
    public async Task The_public_results_page_has_charts_tables_and_no_axe_violations()
    {
        await SurveyAsync();
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/surveys/{Slug}/results");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You said, we did");
        await Assertions.Expect(page.GetByText("You told us parks feel unsafe after dark.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Christchurch", Exact = true }) })).ToContainTextAsync("[c]");
        await Axe.AssertNoViolationsAsync(page);
    }
}
