using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SaferBcp.Cms.Content;
using SaferBcp.Forms.Models;
using SaferBcp.Surveys.Models;

namespace SaferBcp.Portal.BrowserTests;

/// <summary>
/// A resident answers an open survey in Chromium with Tab, Space and Enter alone: axe on the survey list, the start
/// page, a question page, an error state, check your answers and the confirmation.
/// </summary>
[Collection(PublicSiteCollection.Name)]
public sealed partial class SurveyBrowserTests
{
    private const string Story = "Keyboard-only-story-5f2a: the underpass by the station feels unsafe";
    private readonly BrowserFixture _browser;

    public SurveyBrowserTests(BrowserFixture browser) => _browser = browser;

    private async Task PublishSurveyAsync()
    {
        await _browser.Portal.PublishFormAsync("How safe do you feel by keyboard?", new FormPart
        {
            Slug = "keyboard-safety",
            Kind = "survey",
            IntroMarkdown = "Tell us how safe you feel where you live.",
            WhatHappensNextMarkdown = "We read every answer.",
            Pages =
            [
                new FormPage
                {
                    Id = "worry",
                    Questions =
                    [
                        new FormQuestion
                        {
                            Id = "worry", Type = QuestionType.SingleChoice, Label = "How worried are you about people carrying knives in your area?",
                            Options = [new() { Value = "very-worried", Label = "Very worried" }, new() { Value = "fairly-worried", Label = "Fairly worried" }, new() { Value = "not-very-worried", Label = "Not very worried" }, new() { Value = "not-at-all-worried", Label = "Not at all worried" }],
                        },
                    ],
                },
                new FormPage
                {
                    Id = "places",
                    Questions = [new FormQuestion { Id = "places", Type = QuestionType.MultipleChoice, Label = "Where do you feel unsafe?", Required = false, Options = [new() { Value = "park", Label = "Parks" }, new() { Value = "bus", Label = "Buses" }] }],
                },
                new FormPage { Id = "story", Questions = [new FormQuestion { Id = "story", Type = QuestionType.LongText, Label = "Tell us more", Required = false, Personal = true }] },
            ],
        }, new SurveyPart { OpensOn = new DateOnly(2026, 11, 1), ClosesOn = new DateOnly(2026, 12, 31), PrivacyMarkdown = "We do not record who you are." });
    }

    /// <summary>Presses Tab until the element has focus (at most 80 times), as a keyboard user moves through the page.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        await target.First.WaitForAsync();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.First.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {target} on {page.Url}");
    }

    private static async Task PressAsync(IPage page, ILocator target, string key)
    {
        await TabToAsync(page, target);
        await page.Keyboard.PressAsync(key);
    }

    private static Task ContinueAsync(IPage page) => PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }), "Enter");

    [SkippableFact]
    public async Task A_resident_completes_a_survey_using_only_the_keyboard()
    {
        await using var context = await _browser.NewContextAsync();
        await PublishSurveyAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/surveys");
        await Axe.AssertNoViolationsAsync(page);
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "How safe do you feel by keyboard?" }), "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/keyboard-safety$"));
        await Assertions.Expect(page.GetByText("We do not record who you are.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);

        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start now" }), "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/keyboard-safety/worry$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("How worried are you about people carrying knives in your area?");
        await Axe.AssertNoViolationsAsync(page);

        // Continue without an answer: the error state.
        await ContinueAsync(page);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);

        await PressAsync(page, page.GetByLabel("Very worried", new() { Exact = true }), "Space");
        await ContinueAsync(page);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/keyboard-safety/places$"));
        await PressAsync(page, page.GetByLabel("Buses", new() { Exact = true }), "Space");
        await ContinueAsync(page);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/keyboard-safety/story$"));
        await TabToAsync(page, page.GetByLabel("Tell us more"));
        await page.Keyboard.TypeAsync(Story);
        await ContinueAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your answers before sending your form");
        await Assertions.Expect(page.GetByText("Very worried")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Buses")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(Story)).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send form" }), "Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/surveys/keyboard-safety/confirmation$"));
        await Assertions.Expect(page.Locator(".govuk-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("We read every answer.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);

        var stored = await page.EvaluateAsync<string>("() => JSON.stringify([Object.assign({}, window.localStorage), Object.assign({}, window.sessionStorage)])");
        Assert.DoesNotContain("Keyboard-only", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("bus", stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("worried", stored, StringComparison.OrdinalIgnoreCase);
    }
}
